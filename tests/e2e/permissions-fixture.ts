import type { DB } from '../../db/connection';
import { insertUser, markUserEmailVerified } from '../../db/repositories/users';
import type { Fixture, Who } from './permissions-table';

// The people and organisations of the permissions table (tests/e2e/permissions-routes.test.ts): a supplier
// organisation (the known draft supplier) with an editor and an owner, another organisation whose owner is
// « a member of another organisation », a moderator and an admin. Every address is confirmed: the table is
// about rights, not confirmation (tests/unit/permissions.test.ts covers the unconfirmed address).

const DRAFT_SIRET = '81234570000015';
const NO_PASSWORD = '$argon2id$v=19$m=19456,t=2,p=1$c2VsZHVzZWxkdXNlbA$ZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZWZha2U';

export async function createPermissionFixture(db: DB): Promise<Fixture> {
  const now = new Date().toISOString();
  const users = { anonymous: null } as Record<Who, number | null>;
  for (const [who, siteRole] of [
    ['other', null],
    ['editor', null],
    ['owner', null],
    ['moderator', 'moderator'],
    ['admin', 'admin'],
  ] as const) {
    const id = await insertUser(db, { email: `${who}@droits.exemple.fr`, passwordHash: NO_PASSWORD, siteRole, now });
    await markUserEmailVerified(db, id, now);
    users[who] = id;
  }
  const supplier = await db
    .selectFrom('suppliers')
    .select(['id'])
    .where('siret', '=', DRAFT_SIRET)
    .executeTakeFirstOrThrow();
  const supplierOrg = await db
    .insertInto('organisations')
    .values({ kind: 'supplier', name: 'Fiche brouillon', supplier_id: supplier.id, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const otherOrg = await db
    .insertInto('organisations')
    .values({
      kind: 'buyer',
      name: 'Autre organisation',
      buyer_type: 'commune',
      buyer_size: '50-249',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('memberships')
    .values([
      { organisation_id: supplierOrg.id, user_id: users.editor!, role: 'editor', created_at: now },
      { organisation_id: supplierOrg.id, user_id: users.owner!, role: 'owner', created_at: now },
      { organisation_id: otherOrg.id, user_id: users.other!, role: 'owner', created_at: now },
    ])
    .execute();
  // A charter self-assessment waiting for the moderators.
  const assessment = await db
    .insertInto('charter_assessments')
    .values({
      supplier_id: supplier.id,
      version: 1,
      status: 'submitted',
      previous_charter_status: 'none',
      created_at: now,
      updated_at: now,
      submitted_at: now,
      submitted_by_user_id: users.owner,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A draft need of the buyer organisation.
  const tender = await db
    .insertInto('tenders')
    .values({
      buyer_organisation_id: otherOrg.id,
      kind: 'appel-d-offres',
      status: 'draft',
      title: 'Entretien des espaces verts',
      created_by_user_id: users.other,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Bids (decision 231): a groupement being formed on a published tender, led by the supplier; a bid of the
  // supplier submitted on a tender whose deadline has passed (opened to the buyer, `other`); a groupement led by
  // another supplier where the supplier is only invited.
  const day = 24 * 3600 * 1000;
  const tenderValues = (status: 'published' | 'closed', deadline: Date) => ({
    buyer_organisation_id: otherOrg.id,
    kind: 'appel-d-offres' as const,
    status,
    title: status === 'published' ? 'Nettoyage des locaux' : 'Collecte des biodéchets',
    method: 'open' as const,
    category: 'services' as const,
    place_kind: 'national' as const,
    questions_deadline: new Date(deadline.getTime() - 5 * day).toISOString(),
    submission_deadline: deadline.toISOString(),
    created_by_user_id: users.other,
    created_at: now,
    updated_at: now,
    published_at: now,
  });
  const published = await db
    .insertInto('tenders')
    .values(tenderValues('published', new Date(Date.now() + 30 * day)))
    .returning('id')
    .executeTakeFirstOrThrow();
  const closed = await db
    .insertInto('tenders')
    .values(tenderValues('closed', new Date(Date.now() - day)))
    .returning('id')
    .executeTakeFirstOrThrow();
  const leader = await db
    .selectFrom('suppliers')
    .select('id')
    .where('id', '!=', supplier.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const bid = async (
    tenderId: number,
    kind: 'seul' | 'groupement',
    status: 'forming' | 'submitted',
    members: { supplierId: number; role: 'mandataire' | 'membre'; acceptance: 'pending' | 'accepted' }[],
  ): Promise<number> => {
    const { id } = await db
      .insertInto('bids')
      .values({
        tender_id: tenderId,
        kind,
        name: kind === 'seul' ? 'Réponse seule' : 'Groupement du test',
        form: kind === 'seul' ? null : 'conjoint',
        status,
        submitted_at: status === 'submitted' ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('bid_members')
      .values(
        members.map((m) => ({
          bid_id: id,
          supplier_id: m.supplierId,
          role: m.role,
          acceptance: m.acceptance,
          invited_at: now,
        })),
      )
      .execute();
    await db.insertInto('bid_lots').values({ bid_id: id, lot_number: 1, price_cents: 1_000_000 }).execute();
    return id;
  };
  const bidId = await bid(published.id, 'groupement', 'forming', [
    { supplierId: supplier.id, role: 'mandataire', acceptance: 'accepted' },
  ]);
  const openedBidId = await bid(closed.id, 'seul', 'submitted', [
    { supplierId: supplier.id, role: 'mandataire', acceptance: 'accepted' },
  ]);
  const invitedBidId = await bid(published.id, 'groupement', 'forming', [
    { supplierId: leader.id, role: 'mandataire', acceptance: 'accepted' },
    { supplierId: supplier.id, role: 'membre', acceptance: 'pending' },
  ]);
  return {
    users,
    publishedTenderId: published.id,
    closedTenderId: closed.id,
    bidId,
    openedBidId,
    invitedBidId,
    supplierOrgId: supplierOrg.id,
    supplierId: supplier.id,
    otherOrgId: otherOrg.id,
    assessmentId: assessment.id,
    tenderId: tender.id,
  };
}
