import type { DB, Executor } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import { findCommune } from '../../../db/repositories/communes';
import {
  convertPendingClaimsToJoins,
  decideJoinRequest,
  findJoinRequest,
  findPendingJoinRequest,
  insertJoinRequest,
} from '../../../db/repositories/join-requests';
import {
  addMember,
  countMembers,
  findMembershipRole,
  listOwnerEmails,
  updateMemberRole,
} from '../../../db/repositories/memberships';
import {
  type SupplierSummary,
  findOrganisationById,
  findOrganisationBySupplierId,
  findSupplierBySiret,
  findSupplierSummary,
  insertOrganisation,
} from '../../../db/repositories/organisations';
import { upsertSupplierBySiret } from '../../../db/repositories/suppliers';
import { findUserById } from '../../../db/repositories/users';
import type { JoinRequestKind, MembershipRole } from '~/domain/organisation';
import {
  type NewSupplierForm,
  ORGANISATION_MESSAGES,
  parseDecisionForm,
  parseNewSupplierForm,
  parseSupplierSiretForm,
} from '~/domain/organisation-forms';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { type RateLimited, consumeRateLimit, rateLimited } from '../auth/rate-limit.server';
import { resolveCommuneInput } from '../commune-lookup.server';
import { getReferenceData } from '../reference.server';
import { type Invalid, type OrgActor, invalid } from './actor.server';
import {
  enqueueClaimPendingMail,
  enqueueJoinRequestedMails,
  enqueueRequestDecidedMail,
} from './organisation-mail.server';

// Joining or creating a supplier organisation by SIRET, and deciding the requests (decisions 120, 121):
// - an unknown SIRET creates an unpublished supplier (draft, no charter), its organisation and the person as
//   owner, once the second step gave its name, kind and commune;
// - a known SIRET whose organisation has no member is a `claim`, decided by a moderator;
// - a known SIRET with members is a `join`, decided by its owners (the person becomes editor).
// Every step is audited and mailed in its own transaction.

export type SupplierRequestOutcome =
  /** The SIRET is not in the catalogue: the page asks the new supplier's name, kind and commune. */
  | { kind: 'details-needed'; siret: string }
  | { kind: 'created'; organisationId: number; supplierId: number; organisationName: string }
  | { kind: 'claim-requested'; organisationId: number; organisationName: string }
  | { kind: 'join-requested'; organisationId: number; organisationName: string };

export const SIRET_MESSAGES = {
  alreadyMember: (name: string) => `Vous êtes déjà membre de « ${name} » : retrouvez-la dans vos organisations.`,
  alreadyPending: (name: string) =>
    `Vous avez déjà une demande en attente pour « ${name} » : vous recevrez un message dès qu’elle sera traitée.`,
} as const;

export interface SupplierRequestInput {
  actor: OrgActor;
  /** The raw fields: `siret`, `message`, and for the second step `step=details`, `name`, `structureKind`, `commune`. */
  form: Record<string, unknown>;
  origin: string;
}

export async function requestSupplierOrganisation(
  db: DB,
  input: SupplierRequestInput,
  now: Date = new Date(),
): Promise<Result<SupplierRequestOutcome, Invalid | RateLimited>> {
  const first = parseSupplierSiretForm(input.form);
  if (!first.ok) return fail({ kind: 'invalid', issues: first.error });
  const { siret, message } = first.value;
  // A request mails its owners or the person: a cap per person (each valid SIRET sent counts).
  const limited = await consumeRateLimit(db, 'join-request-user', String(input.actor.userId), now);
  if (!limited.allowed) return fail(rateLimited(limited));
  // The second step's fields are checked against the reference data (which never changes while the site
  // runs) before the transaction; they are used only if the SIRET is still unknown inside it.
  const details = input.form.step === 'details' ? await checkNewSupplier(db, input.form) : null;
  return db.transaction().execute(async (trx) => {
    const supplier = await findSupplierBySiret(trx, siret);
    if (supplier) return requestToJoin(trx, input, supplier, message, now);
    if (!details) return ok({ kind: 'details-needed' as const, siret });
    if (!details.ok) return details;
    return createSupplier(trx, input.actor, details.value, now);
  });
}

type NewSupplier = NewSupplierForm & { communeCode: string };

/** The second step's fields: every problem at once, the kind and the commune checked against the reference data. */
async function checkNewSupplier(db: DB, form: Record<string, unknown>): Promise<Result<NewSupplier, Invalid>> {
  const parsed = parseNewSupplierForm(form);
  const issues: FieldIssue[] = parsed.ok ? [] : [...parsed.error];
  const flagged = new Set(issues.map((i) => i.field));
  const kind = typeof form.structureKind === 'string' ? form.structureKind.trim() : '';
  if (!flagged.has('structureKind') && !(await getReferenceData(db)).kindsByCode.has(kind))
    issues.push({ field: 'structureKind', message: ORGANISATION_MESSAGES.structureKindUnknown });
  const communeText = typeof form.commune === 'string' ? form.commune.trim() : '';
  let communeCode: string | undefined;
  if (!flagged.has('commune')) {
    const resolved = await resolveCommuneInput(db, communeText);
    communeCode = resolved.kind === 'code' && (await findCommune(db, resolved.code)) ? resolved.code : undefined;
    if (!communeCode) issues.push({ field: 'commune', message: ORGANISATION_MESSAGES.communeUnknown(communeText) });
  }
  if (!parsed.ok || issues.length > 0 || !communeCode) return fail({ kind: 'invalid', issues });
  return ok({ ...parsed.value, communeCode });
}

async function createSupplier(
  trx: Executor,
  actor: OrgActor,
  form: NewSupplier,
  now: Date,
): Promise<Result<SupplierRequestOutcome, Invalid>> {
  const at = now.toISOString();
  const { communeCode } = form;
  const supplier = await upsertSupplierBySiret(
    trx,
    {
      siret: form.siret,
      name: form.name,
      structureKind: form.structureKind,
      communeCode,
      publicationStatus: 'draft',
      charterStatus: 'none',
    },
    at,
  );
  const organisationId = await insertOrganisation(trx, {
    kind: 'supplier',
    name: form.name,
    supplierId: supplier.id,
    siret: form.siret,
    buyerType: null,
    buyerSize: null,
    now: at,
  });
  await addMember(trx, { organisationId, userId: actor.userId, role: 'owner', now: at });
  await appendAudit(trx, {
    now: at,
    actor,
    action: 'organisation.created',
    subject: { type: 'organisation', id: organisationId },
    organisationId,
    supplierId: supplier.id,
    details: { kind: 'supplier', siret: form.siret, newSupplier: true, structureKind: form.structureKind, communeCode },
  });
  return ok({ kind: 'created' as const, organisationId, supplierId: supplier.id, organisationName: form.name });
}

/** The organisation of a catalogue supplier, created on first use (census suppliers have none). */
async function organisationOfSupplier(trx: Executor, supplier: SupplierSummary, at: string): Promise<number> {
  const existing = await findOrganisationBySupplierId(trx, supplier.id);
  if (existing) return existing.id;
  return insertOrganisation(trx, {
    kind: 'supplier',
    name: supplier.name,
    supplierId: supplier.id,
    siret: supplier.siret,
    buyerType: null,
    buyerSize: null,
    now: at,
  });
}

async function requestToJoin(
  trx: Executor,
  input: SupplierRequestInput,
  supplier: SupplierSummary,
  message: string,
  now: Date,
): Promise<Result<SupplierRequestOutcome, Invalid>> {
  const at = now.toISOString();
  const organisationId = await organisationOfSupplier(trx, supplier, at);
  const name = supplier.name;
  if (await findMembershipRole(trx, organisationId, input.actor.userId))
    return fail(invalid('siret', SIRET_MESSAGES.alreadyMember(name)));
  if (await findPendingJoinRequest(trx, organisationId, input.actor.userId))
    return fail(invalid('siret', SIRET_MESSAGES.alreadyPending(name)));
  const kind: JoinRequestKind = (await countMembers(trx, organisationId)) === 0 ? 'claim' : 'join';
  const requestId = await insertJoinRequest(trx, {
    organisationId,
    userId: input.actor.userId,
    kind,
    message,
    now: at,
  });
  await appendAudit(trx, {
    now: at,
    actor: input.actor,
    action: 'membership.requested',
    subject: { type: 'join-request', id: requestId },
    organisationId,
    supplierId: supplier.id,
    details: { kind, siret: supplier.siret },
  });
  if (kind === 'claim') {
    await enqueueClaimPendingMail(trx, { to: input.actor.email, organisationName: name, origin: input.origin }, now);
    return ok({ kind: 'claim-requested' as const, organisationId, organisationName: name });
  }
  await enqueueJoinRequestedMails(
    trx,
    {
      owners: await listOwnerEmails(trx, organisationId),
      requester: input.actor.email,
      organisationId,
      organisationName: name,
      message,
      origin: input.origin,
    },
    now,
  );
  return ok({ kind: 'join-requested' as const, organisationId, organisationName: name });
}

export const DECISION_MESSAGES = {
  notFound: 'Cette demande n’existe pas ou ne concerne pas cette organisation.',
  alreadyDecided: 'Cette demande a déjà été traitée (ou retirée) : la liste a été mise à jour.',
} as const;

export interface Decided {
  requestId: number;
  approved: boolean;
  organisationId: number;
  email: string;
}

interface DecideInput {
  actor: OrgActor;
  form: Record<string, unknown>;
  origin: string;
}

/**
 * A moderator decides a claim: approved, the person becomes owner; rejected, a note says why. The person is
 * mailed either way. Fields: `requestId`, `decision` (approve | reject), `note`.
 */
export function decideClaim(db: DB, input: DecideInput, now: Date = new Date()): Promise<Result<Decided, Invalid>> {
  return decide(db, input, { kind: 'claim', role: 'owner', organisationId: null, noteRequiredOnReject: true }, now);
}

/** An owner decides a join request of their organisation: approved, the person becomes editor. */
export function decideJoin(
  db: DB,
  input: DecideInput & { organisationId: number },
  now: Date = new Date(),
): Promise<Result<Decided, Invalid>> {
  return decide(
    db,
    input,
    { kind: 'join', role: 'editor', organisationId: input.organisationId, noteRequiredOnReject: false },
    now,
  );
}

async function decide(
  db: DB,
  input: DecideInput,
  rule: { kind: JoinRequestKind; role: MembershipRole; organisationId: number | null; noteRequiredOnReject: boolean },
  now: Date,
): Promise<Result<Decided, Invalid>> {
  const parsed = parseDecisionForm(input.form, { noteRequiredOnReject: rule.noteRequiredOnReject });
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const { requestId, decision, note } = parsed.value;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const request = await findJoinRequest(trx, requestId);
    if (
      !request ||
      request.kind !== rule.kind ||
      (rule.organisationId !== null && request.organisation_id !== rule.organisationId)
    )
      return fail(invalid('', DECISION_MESSAGES.notFound));
    const approved = decision === 'approve';
    const closed = await decideJoinRequest(trx, request.id, {
      status: approved ? 'approved' : 'rejected',
      byUserId: input.actor.userId,
      note,
      now: at,
    });
    if (!closed) return fail(invalid('', DECISION_MESSAGES.alreadyDecided));
    const organisation = await findOrganisationById(trx, request.organisation_id);
    const requester = await findUserById(trx, request.user_id);
    if (!organisation || !requester) return fail(invalid('', DECISION_MESSAGES.notFound));
    if (approved) {
      const role = await findMembershipRole(trx, organisation.id, requester.id);
      if (role === null)
        await addMember(trx, { organisationId: organisation.id, userId: requester.id, role: rule.role, now: at });
      else if (role !== rule.role && rule.role === 'owner')
        await updateMemberRole(trx, organisation.id, requester.id, 'owner');
      // The organisation has an owner now: other people's claims on it are for the owners to decide.
      if (rule.kind === 'claim') await convertPendingClaimsToJoins(trx, organisation.id);
    }
    const supplier =
      organisation.supplier_id !== null ? await findSupplierSummary(trx, organisation.supplier_id) : undefined;
    const organisationName = supplier?.name ?? organisation.name;
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: approved ? 'membership.approved' : 'membership.rejected',
      subject: { type: 'join-request', id: request.id },
      organisationId: organisation.id,
      supplierId: organisation.supplier_id,
      reason: note,
      details: {
        kind: request.kind,
        userId: requester.id,
        email: requester.email,
        ...(approved ? { role: rule.role } : {}),
      },
    });
    await enqueueRequestDecidedMail(
      trx,
      {
        to: requester.email,
        approved,
        role: rule.role,
        organisationId: organisation.id,
        organisationName,
        note,
        origin: input.origin,
      },
      now,
    );
    return ok({ requestId: request.id, approved, organisationId: organisation.id, email: requester.email });
  });
}

/** The person withdraws their own pending request (« Mes organisations »). */
export async function withdrawJoinRequest(
  db: DB,
  input: { actor: OrgActor; requestId: unknown },
  now: Date = new Date(),
): Promise<boolean> {
  const id =
    typeof input.requestId === 'string' && /^[1-9][0-9]{0,15}$/.test(input.requestId) ? Number(input.requestId) : null;
  if (id === null) return false;
  return db.transaction().execute(async (trx) => {
    const request = await findJoinRequest(trx, id);
    if (!request || request.user_id !== input.actor.userId) return false;
    return decideJoinRequest(trx, id, {
      status: 'withdrawn',
      byUserId: input.actor.userId,
      note: null,
      now: now.toISOString(),
    });
  });
}
