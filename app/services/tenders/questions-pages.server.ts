import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import type { TenderRecord } from '../../../db/repositories/tenders';
import { QUESTION_MESSAGES } from '~/domain/tenders/questions';
import { authorize, idParam, privateHeaders } from '../auth/authorize.server';
import { getCurrentUser, requireUser, siteOrigin } from '../auth/current-user.server';
import { parseUnchecked, replyOrNotFound, replyWithIssues } from '../auth/form-reply.server';
import { getAppContext } from '../context.server';
import { answerQuestion, askQuestion, getQuestionsPage, getQuestionsSection } from './questions.server';

// The loaders and actions of the questions (decision 260), kept here so the routes stay a few lines: the section
// of the public tender page and its « poser une question » form (tender.participate on the organisation chosen),
// and the buyer's page /organisations/:orgId/appels-d-offres/:tenderId/questions (tender.edit).

const ASK_FIELDS = ['question', 'organisation'];

/** The questions section of the public page: public answers; the form for a signed-in supplier member. */
export async function questionsSectionLoader(args: LoaderFunctionArgs, tender: TenderRecord, now = new Date()) {
  const ctx = await getAppContext();
  const { current } = await getCurrentUser(args, ctx, now);
  const viewer = current ? { userId: current.user.id, emailVerified: current.user.emailVerified } : null;
  return getQuestionsSection(ctx.database.db, tender, viewer, now);
}

/** POST intent=poser-question on /appels-d-offres/:id. */
export async function askQuestionAction(args: ActionFunctionArgs, formData: FormData, now = new Date()) {
  const tenderId = idParam(args.params.id);
  const ctx = await getAppContext();
  const submission = parseUnchecked(formData);
  const organisationField = formData.get('organisation');
  if (typeof organisationField !== 'string' || !/^[1-9]\d{0,15}$/.test(organisationField)) {
    const { setCookie } = await requireUser(args, ctx, now);
    const result = replyWithIssues(
      submission,
      [{ field: 'organisation', message: QUESTION_MESSAGES.organisationRequired }],
      ASK_FIELDS,
    );
    return data({ question: result }, { status: 400, headers: privateHeaders(setCookie) });
  }
  const organisationId = Number(organisationField);
  const { user, setCookie } = await authorize(args, ctx, { action: 'tender.participate', organisationId }, now);
  const headers = privateHeaders(setCookie);
  const outcome = await askQuestion(
    ctx.database.db,
    { tenderId, organisationId, userId: user.id, fields: submission.payload, origin: siteOrigin(args.request) },
    now,
  );
  if (outcome.ok) throw redirect(`/appels-d-offres/${tenderId}?question=envoyee#questions`, { headers });
  if (outcome.error.kind === 'not-supplier') throw data({ denial: 'forbidden' }, { status: 403, headers });
  const result = replyOrNotFound(submission, outcome.error, headers);
  return data({ question: result }, { status: 400, headers });
}

export async function questionsPageLoader({ request, context, params }: LoaderFunctionArgs, now = new Date()) {
  const organisationId = idParam(params.orgId);
  const tenderId = idParam(params.tenderId);
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'tender.edit', organisationId }, now);
  const page = await getQuestionsPage(ctx.database.db, organisationId, tenderId, now);
  if (!page) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const done = new URL(request.url).searchParams.get('fait');
  return data({ organisationId, page, done: done === 'reponse' ? done : null }, { headers: privateHeaders(setCookie) });
}

export async function questionsPageAction({ request, context, params }: ActionFunctionArgs, now = new Date()) {
  const organisationId = idParam(params.orgId);
  const tenderId = idParam(params.tenderId);
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize(
    { request, context },
    ctx,
    { action: 'tender.edit', organisationId },
    now,
  );
  const headers = privateHeaders(setCookie);
  const formData = await request.formData();
  const submission = parseUnchecked(formData);
  const outcome = await answerQuestion(
    ctx.database.db,
    { organisationId, tenderId, fields: submission.payload, userId: user.id, origin: siteOrigin(request) },
    now,
  );
  if (outcome.ok) {
    throw redirect(
      `/organisations/${organisationId}/appels-d-offres/${tenderId}/questions?fait=reponse#question-${outcome.value.questionId}`,
      { headers },
    );
  }
  const questionId = formData.get('questionId');
  return data(
    {
      questionId: typeof questionId === 'string' ? questionId : null,
      result: replyOrNotFound(submission, outcome.error, headers),
    },
    { status: 400, headers },
  );
}
