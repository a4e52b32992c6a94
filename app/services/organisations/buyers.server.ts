import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import { addMember } from '../../../db/repositories/memberships';
import {
  findBuyerOrganisationBySiret,
  findOrganisationById,
  insertOrganisation,
  updateBuyerOrganisation as updateBuyerRow,
} from '../../../db/repositories/organisations';
import { parseBuyerOrganisationForm } from '~/domain/organisation-forms';
import { type Result, fail, ok } from '~/domain/result';
import { type Invalid, type OrgActor, invalid } from './actor.server';

// A buyer organisation (decision 120): a public body or a private company, with its type and size, and a SIRET
// that is optional but checked when given. The person who creates it is its owner.

export const BUYER_MESSAGES = {
  siretTaken:
    'Une organisation acheteuse avec ce SIRET existe déjà sur Maillage : demandez à ses propriétaires de vous inviter.',
} as const;

/** Fields: `name`, `buyerType`, `buyerSize`, `siret` (optional). */
export async function createBuyerOrganisation(
  db: DB,
  input: { actor: OrgActor; form: Record<string, unknown> },
  now: Date = new Date(),
): Promise<Result<{ organisationId: number; name: string }, Invalid>> {
  const parsed = parseBuyerOrganisationForm(input.form);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const form = parsed.value;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // An organisation left without members (its last member deleted their account) does not hold the SIRET.
    if (form.siret && (await findBuyerOrganisationBySiret(trx, form.siret)))
      return fail(invalid('siret', BUYER_MESSAGES.siretTaken));
    const organisationId = await insertOrganisation(trx, {
      kind: 'buyer',
      name: form.name,
      supplierId: null,
      siret: form.siret,
      buyerType: form.buyerType,
      buyerSize: form.buyerSize,
      now: at,
    });
    await addMember(trx, { organisationId, userId: input.actor.userId, role: 'owner', now: at });
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'organisation.created',
      subject: { type: 'organisation', id: organisationId },
      organisationId,
      details: { kind: 'buyer', buyerType: form.buyerType, buyerSize: form.buyerSize, siret: form.siret },
    });
    return ok({ organisationId, name: form.name });
  });
}

export type NotABuyer = { kind: 'not-found' };

/**
 * Fields as for the creation: the owners correct their buyer organisation's name, type, size and SIRET (the
 * permission organisation.edit is the page's). The change and the values before it go to the audit log.
 */
export async function updateBuyerOrganisation(
  db: DB,
  input: { actor: OrgActor; organisationId: number; form: Record<string, unknown> },
  now: Date = new Date(),
): Promise<Result<{ name: string }, Invalid | NotABuyer>> {
  const parsed = parseBuyerOrganisationForm(input.form);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const form = parsed.value;
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const before = await findOrganisationById(trx, input.organisationId);
    if (!before || before.kind !== 'buyer') return fail({ kind: 'not-found' as const });
    const holder = form.siret ? await findBuyerOrganisationBySiret(trx, form.siret) : undefined;
    if (holder && holder.id !== input.organisationId) return fail(invalid('siret', BUYER_MESSAGES.siretTaken));
    await updateBuyerRow(trx, input.organisationId, { ...form, now: at });
    await appendAudit(trx, {
      now: at,
      actor: input.actor,
      action: 'organisation.updated',
      subject: { type: 'organisation', id: input.organisationId },
      organisationId: input.organisationId,
      details: {
        before: { name: before.name, buyerType: before.buyer_type, buyerSize: before.buyer_size, siret: before.siret },
        after: { name: form.name, buyerType: form.buyerType, buyerSize: form.buyerSize, siret: form.siret },
      },
    });
    return ok({ name: form.name });
  });
}
