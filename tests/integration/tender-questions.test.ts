import { beforeAll, describe, expect, it } from 'vitest';
import { action as publicAction, loader as publicLoader } from '../../app/routes/appels-d-offres.$id';
import {
  action as questionsAction,
  loader as questionsLoader,
} from '../../app/routes/organisations.$orgId.appels-d-offres.$tenderId_.questions';
import { ASK_QUESTION_INTENT, QUESTION_MESSAGES } from '../../app/domain/tenders/questions';
import { askQuestion } from '../../app/services/tenders/questions.server';
import { createTestDatabase } from '../support/db';
import { addMember, attempt, createUser, mailsTo } from '../support/organisations';
import { setPageContext } from '../support/pages';
import {
  buyerWithOwner,
  countRows,
  get,
  inDays,
  insertTender,
  post,
  setInterest,
  supplierWithMember,
} from '../support/tender-participation';

// Questions and answers (decision 260): a supplier member asks on the public tender page before the questions
// deadline; the buyer answers on its questions page; the answer is published without the asker's name and told
// to the interested suppliers and the asker. Every refused field writes nothing.

const database = createTestDatabase();
const { db } = database;
beforeAll(() => setPageContext(database));

type Loaded = Awaited<ReturnType<typeof publicLoader>>;

function ask(tenderId: number, fields: Record<string, string>, cookie?: string) {
  const body: [string, string][] = [['intent', ASK_QUESTION_INTENT], ...Object.entries(fields)];
  return attempt(() => publicAction(post(`/appels-d-offres/${tenderId}`, { id: String(tenderId) }, body, cookie)));
}

function errorsOf(answer: { data: Record<string, unknown> | null }, key = 'question') {
  return (answer.data?.[key] as { error: Record<string, string[]> }).error;
}

async function setUp(options: Parameters<typeof insertTender>[2] = {}) {
  const buyer = await buyerWithOwner(db, 1);
  const tenderId = await insertTender(db, buyer.orgId, options);
  const supplier = await supplierWithMember(db, 'editor');
  return { buyer, tenderId, supplier };
}

const QUESTION = 'Le lot 2 comprend-il le ramassage des feuilles en automne ?';

describe('asking a question on the public page', () => {
  it('shows the form to a supplier member, a log-in link to anonymous visitors', async () => {
    const { tenderId, supplier } = await setUp();
    const anonymous = (await publicLoader(get(`/appels-d-offres/${tenderId}`, { id: String(tenderId) }))) as Loaded;
    expect(anonymous.questions).toMatchObject({ answered: [], asker: null, closedMessage: null });
    const member = (await publicLoader(
      get(`/appels-d-offres/${tenderId}`, { id: String(tenderId) }, supplier.user.cookie),
    )) as Loaded;
    expect(member.questions.asker?.organisations).toEqual([{ id: supplier.organisationId, name: supplier.name }]);
  });

  it('sends anonymous visitors to log in and writes nothing', async () => {
    const { tenderId, supplier } = await setUp();
    const answer = await ask(tenderId, { organisation: String(supplier.organisationId), question: QUESTION });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toMatch(/^\/connexion\?redirectTo=/);
    expect(await db.selectFrom('tender_questions').where('tender_id', '=', tenderId).selectAll().execute()).toEqual([]);
  });

  it('refuses each bad field with its message and writes nothing', async () => {
    const { tenderId, supplier } = await setUp();
    const before = await countRows(db, 'tender_questions');
    const org = String(supplier.organisationId);
    const cases: [Record<string, string>, string, string][] = [
      [{ organisation: org, question: '' }, 'question', QUESTION_MESSAGES.questionRequired],
      [{ organisation: org, question: '   court   ' }, 'question', QUESTION_MESSAGES.questionTooShort],
      [{ organisation: org, question: 'x'.repeat(2001) }, 'question', QUESTION_MESSAGES.questionTooLong],
      [{ question: QUESTION }, 'organisation', QUESTION_MESSAGES.organisationRequired],
      [{ organisation: 'abc', question: QUESTION }, 'organisation', QUESTION_MESSAGES.organisationRequired],
    ];
    for (const [fields, field, message] of cases) {
      const answer = await ask(tenderId, fields, supplier.user.cookie);
      expect(answer.status, field).toBe(400);
      expect(errorsOf(answer)[field]).toEqual([message]);
    }
    expect(await countRows(db, 'tender_questions')).toBe(before);
  });

  it('accepts 10 and 2,000 characters, records the question and tells the buyer', async () => {
    const { buyer, tenderId, supplier } = await setUp();
    const org = String(supplier.organisationId);
    const sent = await ask(tenderId, { organisation: org, question: QUESTION }, supplier.user.cookie);
    expect(sent.status).toBe(302);
    expect(sent.headers.get('Location')).toBe(`/appels-d-offres/${tenderId}?question=envoyee#questions`);
    expect((await ask(tenderId, { organisation: org, question: 'y'.repeat(2000) }, supplier.user.cookie)).status).toBe(
      302,
    );
    expect((await ask(tenderId, { organisation: org, question: '0123456789' }, supplier.user.cookie)).status).toBe(302);
    const rows = await db
      .selectFrom('tender_questions')
      .selectAll()
      .where('tender_id', '=', tenderId)
      .orderBy('id')
      .execute();
    expect(rows[0]).toMatchObject({
      supplier_id: supplier.supplierId,
      asked_by_user_id: supplier.user.id,
      question: QUESTION,
      answer: null,
    });
    const notices = await db
      .selectFrom('notifications')
      .selectAll()
      .where('organisation_id', '=', buyer.orgId)
      .execute();
    expect(notices[0]).toMatchObject({
      kind: 'question-asked',
      link: `/organisations/${buyer.orgId}/appels-d-offres/${tenderId}/questions`,
    });
    const mails = await mailsTo(db, buyer.owner.email);
    expect(mails[0].subject).toBe('Nouvelle question sur votre besoin — Entretien des espaces verts — Maillage');
    expect(mails[0].text_body).toContain(QUESTION);
    // The asker sees its pending question; the public does not.
    const member = (await publicLoader(
      get(`/appels-d-offres/${tenderId}`, { id: String(tenderId) }, supplier.user.cookie),
    )) as Loaded;
    expect(member.questions.asker?.mine.map((q) => q.answer)).toEqual([null, null, null]);
    const anonymous = (await publicLoader(get(`/appels-d-offres/${tenderId}`, { id: String(tenderId) }))) as Loaded;
    expect(anonymous.questions.answered).toEqual([]);
  });

  it('refuses people who may not act for the organisation: outsider, buyer, moderator, unconfirmed address', async () => {
    const { buyer, tenderId, supplier } = await setUp();
    const body = { organisation: String(supplier.organisationId), question: QUESTION };
    const outsider = await supplierWithMember(db);
    const moderator = await createUser(db, { siteRole: 'moderator' });
    for (const cookie of [outsider.user.cookie, buyer.owner.cookie, moderator.cookie])
      expect((await ask(tenderId, body, cookie)).status).toBe(403);
    // A buyer organisation is not a supplier: its member is refused too.
    expect((await ask(tenderId, { ...body, organisation: String(buyer.orgId) }, buyer.owner.cookie)).status).toBe(403);
    const unverified = await supplierWithMember(db, 'owner', { verified: false });
    const denied = await ask(
      tenderId,
      { ...body, organisation: String(unverified.organisationId) },
      unverified.user.cookie,
    );
    expect(denied).toMatchObject({ status: 403, data: { denial: 'verify-email' } });
    const shown = (await publicLoader(
      get(`/appels-d-offres/${tenderId}`, { id: String(tenderId) }, unverified.user.cookie),
    )) as Loaded;
    expect(shown.questions).toMatchObject({ verifyEmail: true, asker: null });
    expect(await db.selectFrom('tender_questions').where('tender_id', '=', tenderId).selectAll().execute()).toEqual([]);
  });

  it('closes at the questions deadline (checked with the clock given), and on closed or cancelled tenders', async () => {
    const { tenderId, supplier } = await setUp({
      questionsDeadline: '2030-01-10T12:00:00.000Z',
      submissionDeadline: '2030-01-20T12:00:00.000Z',
    });
    const input = {
      tenderId,
      organisationId: supplier.organisationId,
      userId: supplier.user.id,
      fields: { question: QUESTION },
      origin: 'http://localhost',
    };
    const atDeadline = await askQuestion(db, input, new Date('2030-01-10T12:00:00.000Z'));
    expect(atDeadline).toEqual({
      ok: false,
      error: { kind: 'invalid', issues: [{ field: '', message: QUESTION_MESSAGES.deadlinePassed }] },
    });
    expect((await askQuestion(db, input, new Date('2030-01-10T11:59:59.000Z'))).ok).toBe(true);
    expect((await askQuestion(db, input, new Date('2030-01-20T12:00:00.000Z'))).ok).toBe(false);

    const past = await setUp({ questionsDeadline: inDays(-1) });
    const late = await ask(
      past.tenderId,
      { organisation: String(past.supplier.organisationId), question: QUESTION },
      past.supplier.user.cookie,
    );
    expect(late.status).toBe(400);
    expect((late.data?.question as { error: Record<string, string[]> }).error['']).toEqual([
      QUESTION_MESSAGES.deadlinePassed,
    ]);
    const shown = (await publicLoader(
      get(`/appels-d-offres/${past.tenderId}`, { id: String(past.tenderId) }, past.supplier.user.cookie),
    )) as Loaded;
    expect(shown.questions.closedMessage).toBe(QUESTION_MESSAGES.deadlinePassed);

    const cancelled = await setUp({ status: 'cancelled' });
    const gone = await ask(
      cancelled.tenderId,
      { organisation: String(cancelled.supplier.organisationId), question: QUESTION },
      cancelled.supplier.user.cookie,
    );
    expect(gone.status).toBe(404);
    expect(
      await db
        .selectFrom('tender_questions')
        .where('tender_id', 'in', [past.tenderId, cancelled.tenderId])
        .selectAll()
        .execute(),
    ).toEqual([]);
  });
});

describe('the buyer’s questions page', () => {
  async function withQuestion(options: Parameters<typeof insertTender>[2] = {}) {
    const set = await setUp(options);
    await ask(
      set.tenderId,
      { organisation: String(set.supplier.organisationId), question: QUESTION },
      set.supplier.user.cookie,
    );
    const question = await db
      .selectFrom('tender_questions')
      .selectAll()
      .where('tender_id', '=', set.tenderId)
      .executeTakeFirstOrThrow();
    const path = `/organisations/${set.buyer.orgId}/appels-d-offres/${set.tenderId}/questions`;
    const params = { orgId: String(set.buyer.orgId), tenderId: String(set.tenderId) };
    return { ...set, question, path, params };
  }

  const answer = (
    s: { path: string; params: Record<string, string> },
    fields: Record<string, string>,
    cookie?: string,
  ) => attempt(() => questionsAction(post(s.path, s.params, Object.entries(fields), cookie)));

  it('is for the buyer’s members only', async () => {
    const s = await withQuestion();
    const anonymous = await attempt(() => questionsLoader(get(s.path, s.params)));
    expect(anonymous.status).toBe(302);
    const shown = await attempt(() => questionsLoader(get(s.path, s.params, s.buyer.owner.cookie)));
    expect(shown.status).toBe(200);
    expect(shown.headers.get('Cache-Control')).toBe('no-store');
    const page = shown.data?.page as { questions: { supplierName: string; question: string }[] };
    expect(page.questions).toMatchObject([{ supplierName: s.supplier.name, question: QUESTION }]);

    const otherBuyer = await buyerWithOwner(db, 2, 'Ville de Villeurbanne');
    const moderator = await createUser(db, { siteRole: 'moderator' });
    for (const cookie of [otherBuyer.owner.cookie, s.supplier.user.cookie, moderator.cookie]) {
      expect((await attempt(() => questionsLoader(get(s.path, s.params, cookie)))).status).toBe(403);
      expect((await answer(s, { questionId: String(s.question.id), answer: 'Oui, tout à fait.' }, cookie)).status).toBe(
        403,
      );
    }
    expect((await answer(s, { questionId: String(s.question.id), answer: 'Oui, tout à fait.' })).status).toBe(302);
    // Another buyer's own page does not open this tender: 404.
    const foreign = { orgId: String(otherBuyer.orgId), tenderId: String(s.tenderId) };
    expect((await attempt(() => questionsLoader(get(s.path, foreign, otherBuyer.owner.cookie)))).status).toBe(404);
    expect(
      (await db.selectFrom('tender_questions').select('answer').where('id', '=', s.question.id).executeTakeFirst())
        ?.answer,
    ).toBeNull();
  });

  it('refuses each bad answer with its message and writes nothing', async () => {
    const s = await withQuestion();
    const editor = await createUser(db);
    await addMember(db, s.buyer.orgId, editor.id, 'editor');
    const id = String(s.question.id);
    const cases: [Record<string, string>, string, string][] = [
      [{ questionId: id, answer: '' }, 'answer', QUESTION_MESSAGES.answerRequired],
      [{ questionId: id, answer: 'Oui' }, 'answer', QUESTION_MESSAGES.answerTooShort],
      [{ questionId: id, answer: 'z'.repeat(4001) }, 'answer', QUESTION_MESSAGES.answerTooLong],
      [{ questionId: '999999', answer: 'Oui, tout à fait.' }, '', QUESTION_MESSAGES.questionUnknown],
      [{ answer: 'Oui, tout à fait.' }, '', QUESTION_MESSAGES.questionUnknown],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await answer(s, fields, editor.cookie);
      expect(refused.status, field).toBe(400);
      expect(errorsOf(refused, 'result')[field]).toEqual([message]);
    }
    const row = await db
      .selectFrom('tender_questions')
      .selectAll()
      .where('id', '=', s.question.id)
      .executeTakeFirstOrThrow();
    expect(row.answer).toBeNull();
    expect(
      await db
        .selectFrom('notifications')
        .selectAll()
        .where('kind', '=', 'question-answered')
        .where('link', 'like', `/appels-d-offres/${s.tenderId}#%`)
        .execute(),
    ).toEqual([]);
  });

  it('publishes the answer without the asker’s name and tells the interested suppliers and the asker', async () => {
    const s = await withQuestion();
    const interested = await supplierWithMember(db);
    const notInterested = await supplierWithMember(db);
    await setInterest(db, s.tenderId, interested.supplierId, 'interested');
    await setInterest(db, s.tenderId, notInterested.supplierId, 'not-interested');
    const done = await answer(
      s,
      { questionId: String(s.question.id), answer: 'Oui, de mi-octobre à fin novembre.' },
      s.buyer.owner.cookie,
    );
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe(`${s.path}?fait=reponse#question-${s.question.id}`);

    const notices = await db
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'question-answered')
      .where('link', '=', `/appels-d-offres/${s.tenderId}#questions`)
      .execute();
    expect(notices.map((n) => n.organisation_id).sort()).toEqual(
      [s.supplier.organisationId, interested.organisationId].sort(),
    );
    expect(notices[0].title).toBe('Nouvelle réponse à une question — Entretien des espaces verts');
    expect((await mailsTo(db, interested.user.email)).map((m) => m.subject)).toEqual([
      'Nouvelle réponse à une question — Entretien des espaces verts — Maillage',
    ]);
    // The asker is an editor: mails go to owners; the in-site notification reaches the organisation.
    expect(await mailsTo(db, s.supplier.user.email)).toEqual([]);
    expect(await mailsTo(db, notInterested.user.email)).toEqual([]);

    const shown = (await publicLoader(get(`/appels-d-offres/${s.tenderId}`, { id: String(s.tenderId) }))) as Loaded;
    expect(shown.questions.answered).toEqual([
      {
        id: s.question.id,
        question: QUESTION,
        answer: 'Oui, de mi-octobre à fin novembre.',
        answeredAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(shown.questions)).not.toContain(s.supplier.name);

    // The buyer corrects its answer: published again, told again.
    expect(
      (
        await answer(
          s,
          { questionId: String(s.question.id), answer: 'Oui, de mi-octobre à mi-décembre.' },
          s.buyer.owner.cookie,
        )
      ).status,
    ).toBe(302);
    const edited = await db
      .selectFrom('notifications')
      .select('title')
      .where('organisation_id', '=', interested.organisationId)
      .orderBy('id')
      .execute();
    expect(edited.map((n) => n.title)).toEqual([
      'Nouvelle réponse à une question — Entretien des espaces verts',
      'Réponse modifiée à une question — Entretien des espaces verts',
    ]);
  });

  it('freezes questions and answers once the submission deadline has passed', async () => {
    const s = await withQuestion();
    await db
      .updateTable('tenders')
      .set({ submission_deadline: inDays(-1), questions_deadline: inDays(-2) })
      .where('id', '=', s.tenderId)
      .execute();
    const shown = await attempt(() => questionsLoader(get(s.path, s.params, s.buyer.owner.cookie)));
    expect((shown.data?.page as { frozenMessage: string }).frozenMessage).toBe(QUESTION_MESSAGES.answersFrozen);
    const refused = await answer(
      s,
      { questionId: String(s.question.id), answer: 'Trop tard pour répondre.' },
      s.buyer.owner.cookie,
    );
    expect(refused.status).toBe(400);
    expect(errorsOf(refused, 'result')['']).toEqual([QUESTION_MESSAGES.answersFrozen]);
  });
});
