import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { listSupplierOrganisationsOfUser } from '../../../db/repositories/tender-participants';
import type { TenderRecord } from '../../../db/repositories/tenders';
import { listOf, PARTNER_INTENTS, PARTNER_MESSAGES, type PartnerIntent } from '~/domain/tenders/partner-posts';
import type { FieldIssue } from '~/domain/result';
import { authorize, idParam, privateHeaders } from '../auth/authorize.server';
import { getCurrentUser, requireUser, siteOrigin } from '../auth/current-user.server';
import { parseUnchecked, replyOrNotFound, replyWithIssues } from '../auth/form-reply.server';
import { getAppContext } from '../context.server';
import {
  answerOffer,
  closePost,
  countOpenPosts,
  createPartnerPost,
  findPartnerTender,
  getPartnersPage,
  offerToJoin,
  posterOrganisationOf,
  type PartnerRefusal,
} from './partners.server';
import { getReferenceData } from '../reference.server';

// The loader and action of /appels-d-offres/:id/partenaires (decision 261) and the summary on the public tender
// page. Reading: members of a supplier organisation and moderators (tender.partners.view). Each form is one
// intent, each asks tender.participate of the organisation it acts for: the one chosen in the form (publish,
// offer), the post's own for its answers (accept, decline, close).

function id(value: FormDataEntryValue | null): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null;
}

/** The summary on the public page: the number of open searches, and whether this person may read them. */
export async function partnerPostsTeaserLoader(args: LoaderFunctionArgs, tender: TenderRecord) {
  const ctx = await getAppContext();
  const { current } = await getCurrentUser(args, ctx);
  const db = ctx.database.db;
  const supplierMember = current ? (await listSupplierOrganisationsOfUser(db, current.user.id)).length > 0 : false;
  const moderator = current?.user.siteRole === 'moderator' || current?.user.siteRole === 'admin';
  return {
    signedIn: current !== null,
    canRead: supplierMember || moderator,
    openCount: await countOpenPosts(db, tender.id),
  };
}

/** tender.partners.view; the loader then loads the tender, the actions first ask their own right. */
async function access(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const tenderId = idParam(args.params.id);
  const ctx = await getAppContext();
  const db = ctx.database.db;
  const { user } = await requireUser(args, ctx);
  const mine = await listSupplierOrganisationsOfUser(db, user.id);
  const auth = await authorize(args, ctx, {
    action: 'tender.partners.view',
    supplierOrganisationIds: mine.map((m) => m.organisationId),
  });
  return { ctx, db, auth, mine, tenderId };
}

async function tenderOr404(db: Parameters<typeof findPartnerTender>[0], tenderId: number, setCookie: string | null) {
  const tender = await findPartnerTender(db, tenderId);
  if (!tender) throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  return tender;
}

export async function partnersPageLoader(args: LoaderFunctionArgs) {
  const { db, auth, mine, tenderId } = await access(args);
  const tender = await tenderOr404(db, tenderId, auth.setCookie);
  const page = await getPartnersPage(db, tender, mine);
  const reference = await getReferenceData(db);
  const done = new URL(args.request.url).searchParams.get('fait');
  return data(
    {
      page,
      organisations: mine.map((m) => ({ id: m.organisationId, name: m.name })),
      sectorGroups: reference.sectorGroups.map((g) => ({
        key: g.code,
        label: g.name,
        options: g.sectors.map((s) => ({ value: s.code, label: s.name })),
      })),
      done,
    },
    { headers: privateHeaders(auth.setCookie) },
  );
}

const VISIBLE: Record<PartnerIntent, string[]> = {
  publier: ['organisation', 'message', 'lots', 'sectors'],
  proposer: ['organisation', 'message'],
  accepter: [],
  refuser: [],
  clore: [],
};

export async function partnersPageAction(args: ActionFunctionArgs) {
  const { ctx, db, auth, tenderId } = await access(args);
  const formData = await args.request.formData();
  const intentField = formData.get('intent');
  const intent = PARTNER_INTENTS.find((i) => i === intentField);
  if (!intent) throw data(null, { status: 400, headers: privateHeaders(auth.setCookie) });
  const submission = parseUnchecked(formData);
  const target = id(formData.get('postId') ?? formData.get('offerId'));
  const answer = (result: ReturnType<typeof replyWithIssues>, setCookie: string | null) =>
    data({ intent, target, result }, { status: 400, headers: privateHeaders(setCookie) });

  // The organisation acted for: chosen in the form, or the post's own.
  const chosen = intent === 'publier' || intent === 'proposer';
  const organisationId = chosen
    ? id(formData.get('organisation'))
    : target === null
      ? null
      : await posterOrganisationOf(db, tenderId, intent === 'clore' ? { postId: target } : { offerId: target });
  if (organisationId === null) {
    if (!chosen) throw data(null, { status: 404, headers: privateHeaders(auth.setCookie) });
    const issues: FieldIssue[] = [{ field: 'organisation', message: PARTNER_MESSAGES.organisationRequired }];
    return answer(replyWithIssues(submission, issues, VISIBLE[intent]), auth.setCookie);
  }
  const { user, setCookie } = await authorize(args, ctx, { action: 'tender.participate', organisationId });
  const headers = privateHeaders(setCookie);
  const tender = await tenderOr404(db, tenderId, setCookie);
  const base = { tenderId: tender.id, organisationId, userId: user.id, origin: siteOrigin(args.request) };
  const fields = {
    ...submission.payload,
    lots: listOf(formData.getAll('lots')),
    sectors: listOf(formData.getAll('sectors')),
  };
  let outcome: { ok: true } | { ok: false; error: PartnerRefusal };
  let done: string;
  switch (intent) {
    case 'publier':
      outcome = await createPartnerPost(db, { ...base, fields });
      done = 'annonce';
      break;
    case 'proposer':
      outcome =
        target === null
          ? { ok: false, error: { kind: 'not-found' } }
          : await offerToJoin(db, { ...base, fields, postId: target });
      done = 'proposition';
      break;
    case 'accepter':
    case 'refuser':
      outcome = await answerOffer(db, { ...base, offerId: target!, accept: intent === 'accepter' });
      done = intent === 'accepter' ? 'acceptee' : 'refusee';
      break;
    case 'clore':
      outcome = await closePost(db, { tenderId: tender.id, postId: target!, organisationId });
      done = 'close';
      break;
  }
  if (outcome.ok) throw redirect(`/appels-d-offres/${tender.id}/partenaires?fait=${done}`, { headers });
  if (outcome.error.kind === 'not-supplier') throw data({ denial: 'forbidden' }, { status: 403, headers });
  return answer(replyOrNotFound(submission, outcome.error, headers), setCookie);
}
