import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { effectiveStatus } from '~/domain/tenders/tender';
import { authorize, idParam, privateHeaders } from '../auth/authorize.server';
import { parseUnchecked, replyOrNotFound } from '../auth/form-reply.server';
import { getAppContext } from '../context.server';
import { getTenderFormPage, saveTender, type TenderIntent } from './buyer.server';

// The loader and action shared by the create and edit pages of a tender (decision 202, decision 110's form
// pattern): tender.edit on the organisation, the service judges the form, a 400 keeps the values with the
// messages next to their fields, success redirects (post/redirect/get).

export async function tenderFormLoader({ request, context, params }: LoaderFunctionArgs, withTender: boolean) {
  const organisationId = idParam(params.orgId);
  const tenderId = withTender ? idParam(params.tenderId) : null;
  const ctx = await getAppContext();
  const { setCookie } = await authorize({ request, context }, ctx, { action: 'tender.edit', organisationId });
  const page = await getTenderFormPage(ctx.database.db, organisationId, tenderId);
  if (!page) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  const status = page.tender ? effectiveStatus(page.tender, new Date()) : 'draft';
  const done = new URL(request.url).searchParams.get('fait');
  return data({ page, status, done: done === 'enregistre' ? done : null }, { headers: privateHeaders(setCookie) });
}

export async function tenderFormAction({ request, context, params }: ActionFunctionArgs, withTender: boolean) {
  const organisationId = idParam(params.orgId);
  const tenderId = withTender ? idParam(params.tenderId) : null;
  const ctx = await getAppContext();
  const { user, setCookie } = await authorize({ request, context }, ctx, { action: 'tender.edit', organisationId });
  const formData = await request.formData();
  const intent: TenderIntent = formData.get('intent') === 'submit' ? 'submit' : 'save';
  const submission = parseUnchecked(formData);
  const outcome = await saveTender(
    ctx.database.db,
    {
      organisationId,
      tenderId,
      intent,
      // Conform's nested payload: lots[0].title is lots[0].title.
      fields: submission.payload,
      actor: { userId: user.id, email: user.email },
    },
    new Date(),
  );
  if (outcome.ok) {
    const base = `/organisations/${organisationId}/appels-d-offres`;
    throw redirect(intent === 'submit' ? `${base}?fait=envoye` : `${base}/${outcome.value.id}?fait=enregistre`, {
      headers: privateHeaders(setCookie),
    });
  }
  const result = replyOrNotFound(submission, outcome.error, privateHeaders(setCookie));
  return data({ result }, { status: 400, headers: privateHeaders(setCookie) });
}
