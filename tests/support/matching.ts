import type { MembershipRole } from '../../app/domain/organisation';
import type { ServiceArea } from '../../app/domain/supplier';
import type { TenderDraft } from '../../app/domain/tenders/form';
import { decideTender } from '../../app/services/tenders/moderation.server';
import type { DB } from '../../db/connection';
import { changeTenderStatus, insertTender } from '../../db/repositories/tenders';
import { buyerOrganisation, createUser, type TestUser } from './organisations';
import { supplierInput, writeSupplier } from './search-fixtures';

// Suppliers, tenders and their publication for the tests of the matching, alerts, digest and opportunities
// (decisions 250–253): suppliers written with their sectors, areas and kind, with or without a supplier
// organisation and its members; tenders inserted as drafts, submitted, then published by a moderator through
// decideTender (the matching runs in its transaction).

export const ORIGIN = 'https://maillage.test';

export interface MatchSupplier {
  supplierId: number;
  organisationId: number | null;
}

export async function addMatchSupplier(
  db: DB,
  options: {
    name?: string;
    kind?: string;
    commune?: string;
    sectors?: string[];
    areas?: ServiceArea[];
    charter?: 'verified' | 'none';
    published?: boolean;
    /** Members of its supplier organisation; undefined: no organisation (unclaimed). */
    members?: { user: TestUser; role: MembershipRole }[];
  } = {},
): Promise<MatchSupplier> {
  const written = await writeSupplier(
    db,
    supplierInput({
      ...(options.name ? { name: options.name } : {}),
      structureKind: options.kind ?? 'EI',
      communeCode: options.commune ?? '69123',
      sectors: options.sectors ?? ['nettoyage-bureaux'],
      serviceAreas: options.areas ?? [{ kind: 'departement', code: '69' }],
      charterStatus: options.charter ?? 'none',
      publicationStatus: options.published === false ? 'draft' : 'published',
    }),
  );
  await db.deleteFrom('search_changes').execute();
  if (!options.members) return { supplierId: written.id, organisationId: null };
  const now = new Date().toISOString();
  const { id: organisationId } = await db
    .insertInto('organisations')
    .values({
      kind: 'supplier',
      name: options.name ?? 'Fournisseur',
      supplier_id: written.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const m of options.members)
    await db
      .insertInto('memberships')
      .values({ organisation_id: organisationId, user_id: m.user.id, role: m.role, created_at: now })
      .execute();
  return { supplierId: written.id, organisationId };
}

export function tenderDraft(overrides: Partial<TenderDraft> = {}): TenderDraft {
  return {
    title: 'Nettoyage des écoles',
    description: 'Nettoyage quotidien de douze écoles.',
    kind: 'appel-d-offres',
    method: 'open',
    category: 'services',
    cpvCodes: ['90910000-9'],
    sectors: ['nettoyage-bureaux'],
    placeKind: 'commune',
    placeCode: '69123',
    estimatedValueEuros: 120_000,
    lots: [],
    reservation: 'none',
    socialClauseHours: null,
    questionsDeadline: null,
    submissionDeadline: '2027-01-20T11:00:00.000Z',
    contractDurationMonths: 24,
    allowDualBidding: false,
    contactName: 'Service achats',
    contactEmail: 'achats@ville.fr',
    contactPhone: '',
    ...overrides,
  };
}

let buyer: Promise<{ organisationId: number; moderator: TestUser }> | undefined;

/** A tender inserted, submitted and published by a moderator at `now`; its id. */
export async function publishTender(db: DB, overrides: Partial<TenderDraft> = {}, now = new Date()): Promise<number> {
  buyer ??= (async () => ({
    organisationId: await buyerOrganisation(db, 'Ville de Lyon'),
    moderator: await createUser(db, { siteRole: 'moderator' }),
  }))();
  const { organisationId, moderator } = await buyer;
  const id = await insertTender(db, { organisationId, userId: moderator.id, draft: tenderDraft(overrides), now });
  await changeTenderStatus(db, id, { from: 'draft', to: 'submitted', now, submittedAt: now.toISOString() });
  const decided = await decideTender(
    db,
    {
      tenderId: id,
      fields: { decision: 'publish' },
      actor: { userId: moderator.id, email: moderator.email },
      origin: ORIGIN,
    },
    now,
  );
  if (!decided.ok) throw new Error(`not published: ${JSON.stringify(decided.error)}`);
  return id;
}
