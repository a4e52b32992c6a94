import type { DB, Executor } from '../../../db/connection';
import {
  findSupplierOrganisation,
  listInterestedOrganisationIds,
  listSupplierOrganisationsOfUser,
  organisationOfSupplier,
  type SupplierOrganisationRef,
} from '../../../db/repositories/tender-participants';
import {
  findTenderQuestion,
  insertTenderQuestion,
  listAnsweredQuestions,
  listQuestionsOfSuppliers,
  listTenderQuestions,
  writeTenderAnswer,
  type TenderQuestionRecord,
} from '../../../db/repositories/tender-questions';
import { findTender, type TenderRecord } from '../../../db/repositories/tenders';
import { fail, ok, type Result } from '~/domain/result';
import {
  answerWindow,
  parseAnswerText,
  parseQuestionText,
  questionsCloseAt,
  questionWindow,
  QUESTION_MESSAGES,
} from '~/domain/tenders/questions';
import { effectiveStatus, NEED_KIND_LABELS, type TenderStatus } from '~/domain/tenders/tender';
import type { RecordFormRefusal } from '../auth/form-reply.server';
import { notifyOrganisations } from '../notifications/notify.server';

// Questions and answers on a published need (issue 7 §1, decision 260): a supplier's owner or editor asks before
// the questions deadline; the buyer answers (and may correct its answer) until the submission deadline; each
// answer is published on the public page without the asker's name, and told in the site and by mail to the
// interested suppliers and the asker. Every write and its notifications and mails are one transaction.

/** What the public page shows of the questions: the answered ones, anonymous. */
export interface PublicQuestion {
  id: number;
  question: string;
  answer: string;
  answeredAt: string;
}

export interface QuestionsSection {
  answered: PublicQuestion[];
  /** The instant questions close (ISO), or null. */
  closeAt: string | null;
  /** Null while questions are accepted, else why not (French). */
  closedMessage: string | null;
  /** A signed-in member of a supplier organisation whose address is not confirmed yet: it cannot ask. */
  verifyEmail: boolean;
  /** For a signed-in member of supplier organisations: those it may ask for, and their own questions. */
  asker: {
    organisations: { id: number; name: string }[];
    mine: { id: number; supplierName: string; question: string; answer: string | null; createdAt: string }[];
  } | null;
}

export async function getQuestionsSection(
  db: DB,
  tender: TenderRecord,
  viewer: { userId: number; emailVerified: boolean } | null,
  now: Date,
): Promise<QuestionsSection> {
  const window = questionWindow(tender, now);
  const answered = (await listAnsweredQuestions(db, tender.id)).map((q) => ({
    id: q.id,
    question: q.question,
    answer: q.answer ?? '',
    answeredAt: q.answeredAt ?? q.createdAt,
  }));
  let asker: QuestionsSection['asker'] = null;
  let verifyEmail = false;
  if (viewer !== null) {
    const organisations = await listSupplierOrganisationsOfUser(db, viewer.userId);
    verifyEmail = organisations.length > 0 && !viewer.emailVerified;
    if (organisations.length > 0 && viewer.emailVerified) {
      const mine = await listQuestionsOfSuppliers(
        db,
        tender.id,
        organisations.map((o) => o.supplierId),
      );
      asker = {
        organisations: organisations.map((o) => ({ id: o.organisationId, name: o.name })),
        mine: mine.map((q) => ({
          id: q.id,
          supplierName: q.supplierName,
          question: q.question,
          answer: q.answer,
          createdAt: q.createdAt,
        })),
      };
    }
  }
  return {
    answered,
    closeAt: questionsCloseAt(tender),
    closedMessage: window.ok ? null : window.error,
    verifyEmail,
    asker,
  };
}

export type QuestionRefusal = RecordFormRefusal | { kind: 'not-supplier' };

export interface AskQuestionInput {
  tenderId: number;
  /** The supplier organisation the person acts for (tender.participate already checked). */
  organisationId: number;
  userId: number;
  fields: Record<string, unknown>;
  origin: string;
}

export async function askQuestion(
  db: DB,
  input: AskQuestionInput,
  now: Date = new Date(),
): Promise<Result<{ id: number }, QuestionRefusal>> {
  const parsed = parseQuestionText(input.fields.question);
  return db.transaction().execute(async (trx) => {
    const tender = await findTender(trx, input.tenderId);
    if (!tender || !isPublic(tender.status)) return fail<QuestionRefusal>({ kind: 'not-found' });
    const asker = await findSupplierOrganisation(trx, input.organisationId);
    if (!asker) return fail<QuestionRefusal>({ kind: 'not-supplier' });
    const window = questionWindow(tender, now);
    const issues = [...(parsed.ok ? [] : parsed.error), ...(window.ok ? [] : [{ field: '', message: window.error }])];
    if (!parsed.ok || issues.length > 0) return fail<QuestionRefusal>({ kind: 'invalid', issues });
    const id = await insertTenderQuestion(trx, {
      tenderId: tender.id,
      supplierId: asker.supplierId,
      userId: input.userId,
      question: parsed.value,
      now,
    });
    await tellBuyer(trx, tender, parsed.value, input.origin, now);
    return ok({ id });
  });
}

function isPublic(status: TenderStatus): boolean {
  return status === 'published' || status === 'closed' || status === 'awarded';
}

function what(tender: TenderRecord): string {
  return `${NEED_KIND_LABELS[tender.kind].toLowerCase()} « ${tender.title} »`;
}

async function tellBuyer(trx: Executor, tender: TenderRecord, question: string, origin: string, now: Date) {
  const path = `/organisations/${tender.buyerOrganisationId}/appels-d-offres/${tender.id}/questions`;
  await notifyOrganisations(
    trx,
    {
      organisationIds: [tender.buyerOrganisationId],
      kind: 'question-asked',
      title: `Nouvelle question — ${tender.title}`,
      body: question,
      link: path,
      mail: {
        subject: `Nouvelle question sur votre besoin — ${tender.title}`,
        paragraphs: [
          `Un fournisseur a posé une question sur votre ${what(tender)} :`,
          question,
          'Votre réponse sera publiée sur la page du besoin, sans le nom de la structure qui a posé la question, et envoyée aux fournisseurs intéressés.',
        ],
        actionLabel: 'Répondre à la question',
      },
    },
    origin,
    now,
  );
}

// ---- The buyer's page ----

export interface QuestionsPage {
  tender: { id: number; title: string; kind: TenderRecord['kind']; status: TenderStatus };
  questions: TenderQuestionRecord[];
  /** Null while answers may be written, else why not (French). */
  frozenMessage: string | null;
}

/** The questions of one of the organisation's tenders, or null (not this organisation's: a 404). */
export async function getQuestionsPage(
  db: DB,
  organisationId: number,
  tenderId: number,
  now: Date = new Date(),
): Promise<QuestionsPage | null> {
  const tender = await findTender(db, tenderId);
  if (!tender || tender.buyerOrganisationId !== organisationId) return null;
  const window = answerWindow(tender, now);
  return {
    tender: { id: tender.id, title: tender.title, kind: tender.kind, status: effectiveStatus(tender, now) },
    questions: await listTenderQuestions(db, tender.id),
    frozenMessage: window.ok ? null : window.error,
  };
}

export interface AnswerInput {
  organisationId: number;
  tenderId: number;
  fields: Record<string, unknown>;
  userId: number;
  origin: string;
}

export async function answerQuestion(
  db: DB,
  input: AnswerInput,
  now: Date = new Date(),
): Promise<Result<{ questionId: number; edited: boolean }, RecordFormRefusal>> {
  const parsed = parseAnswerText(input.fields.answer);
  const questionId = typeof input.fields.questionId === 'string' ? input.fields.questionId : '';
  return db.transaction().execute(async (trx) => {
    const tender = await findTender(trx, input.tenderId);
    if (!tender || tender.buyerOrganisationId !== input.organisationId)
      return fail<RecordFormRefusal>({ kind: 'not-found' });
    const question = /^[1-9]\d{0,15}$/.test(questionId)
      ? await findTenderQuestion(trx, tender.id, Number(questionId))
      : undefined;
    if (!question)
      return fail<RecordFormRefusal>({
        kind: 'invalid',
        issues: [{ field: '', message: QUESTION_MESSAGES.questionUnknown }],
      });
    const window = answerWindow(tender, now);
    const issues = [...(parsed.ok ? [] : parsed.error), ...(window.ok ? [] : [{ field: '', message: window.error }])];
    if (!parsed.ok || issues.length > 0) return fail<RecordFormRefusal>({ kind: 'invalid', issues });
    const edited = question.answer !== null;
    if (question.answer === parsed.value) return ok({ questionId: question.id, edited });
    await writeTenderAnswer(trx, { questionId: question.id, answer: parsed.value, userId: input.userId, now });
    await tellSuppliers(trx, tender, question, parsed.value, edited, input.origin, now);
    return ok({ questionId: question.id, edited });
  });
}

async function tellSuppliers(
  trx: Executor,
  tender: TenderRecord,
  question: TenderQuestionRecord,
  answer: string,
  edited: boolean,
  origin: string,
  now: Date,
) {
  const askerOrganisation = await organisationOfSupplier(trx, question.supplierId);
  const recipients = [
    ...new Set([
      ...(await listInterestedOrganisationIds(trx, tender.id)),
      ...(askerOrganisation === null ? [] : [askerOrganisation]),
    ]),
  ];
  const path = `/appels-d-offres/${tender.id}#questions`;
  const title = `${edited ? 'Réponse modifiée' : 'Nouvelle réponse'} à une question — ${tender.title}`;
  await notifyOrganisations(
    trx,
    {
      organisationIds: recipients,
      kind: 'question-answered',
      title,
      body: answer,
      link: path,
      mail: {
        paragraphs: [
          `L’acheteur a ${edited ? 'modifié sa réponse à' : 'répondu à'} une question sur le ${what(tender)}.`,
          `Question : ${question.question}`,
          `Réponse : ${answer}`,
        ],
        actionLabel: 'Voir les questions et réponses',
      },
    },
    origin,
    now,
  );
}

export type { SupplierOrganisationRef };
