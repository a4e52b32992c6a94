import type { DB, Executor } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  createAssessment,
  updateAssessment,
  writeAnswers,
  writeReview,
} from '../../../db/repositories/charter-assessments';
import { insertJoinRequest } from '../../../db/repositories/join-requests';
import { addMember } from '../../../db/repositories/memberships';
import { insertOrganisation } from '../../../db/repositories/organisations';
import { upsertSupplierBySiret } from '../../../db/repositories/suppliers';
import { insertUser, markUserEmailVerified } from '../../../db/repositories/users';
import type { SiteRole } from '~/domain/auth/account';
import { completeSiren, completeSiret } from '~/domain/siret';
import { hashPassword } from '../auth/passwords.server';

// The demo accounts (issue 6, docs/decisions/123-demo-accounts.md): on a demo database (SEED_DEMO=1) with no
// account yet, `npm start` creates a moderator, an admin, a buyer with its organisation, the owner and the
// editor of a verified and published supplier (with its validated self-assessment), the owner of a new draft
// supplier whose charter waits in the moderators' queue, and a person whose claim of a supplier waits too.
// Their addresses and the shared password are in the README. Never with SEED_DEMO=0.

export const DEMO_PASSWORD = 'Démo Maillage 2026';

export const DEMO_ACCOUNTS = {
  moderator: 'moderation@demo.maillage.localhost',
  admin: 'admin@demo.maillage.localhost',
  buyer: 'acheteur@demo.maillage.localhost',
  supplierOwner: 'fournisseur@demo.maillage.localhost',
  supplierEditor: 'editeur@demo.maillage.localhost',
  pendingOwner: 'atelier@demo.maillage.localhost',
  claimant: 'rattachement@demo.maillage.localhost',
} as const;
type DemoAccount = keyof typeof DEMO_ACCOUNTS;

const SITE_ROLES: Partial<Record<DemoAccount, SiteRole>> = { moderator: 'moderator', admin: 'admin' };

/** Practices, not statements (decision 140): one per criterion, in the criteria's order. */
const EVIDENCE: Record<string, string> = {
  'utilite-sociale':
    'Nous employons 24 salariés en parcours d’insertion ; en 2025, 61 % sont sortis vers un emploi durable ou une formation qualifiante (bilan transmis à la DDETS).',
  'couts-benefices':
    'Nos comptes annuels sont publiés sur notre site ; l’écart entre le plus haut et le plus bas salaire est de 1 à 2,4 et les excédents sont réinvestis dans l’atelier.',
  'gouvernance-democratique':
    'Le conseil d’administration compte deux salariés élus et un représentant des usagers ; l’assemblée générale vote chaque année le projet et le budget.',
  'appartenance-reseau':
    'Adhérents de la fédération régionale des entreprises d’insertion depuis 2014, nous participons à sa commission achats et à ses formations d’encadrants.',
  'ressources-humaines':
    'Chaque salarié en insertion a un plan de formation individuel ; 1 100 heures de formation ont été suivies en 2025, dont 14 CACES et 9 certificats de compétences.',
  'implication-parties-prenantes':
    'Un comité de suivi réunit chaque trimestre salariés, clients publics et partenaires de l’emploi ; ses comptes rendus sont affichés et envoyés à tous.',
  innovation:
    'Nous avons créé en 2024 une filière de réemploi du mobilier de bureau avec deux collectivités clientes, testée six mois puis étendue à tout le département.',
  'ancrage-territorial':
    '80 % de nos achats sont faits auprès de fournisseurs situés à moins de 50 km ; nos équipes interviennent dans trois quartiers prioritaires de la ville.',
  'evaluation-partagee':
    'Chaque année, un bilan social est présenté au comité de suivi et aux financeurs, avec des indicateurs choisis ensemble : sorties, formation, satisfaction clients.',
};

async function supplierOrganisation(trx: Executor, supplierId: number, name: string, now: string): Promise<number> {
  return insertOrganisation(trx, {
    kind: 'supplier',
    name,
    supplierId,
    siret: null,
    buyerType: null,
    buyerSize: null,
    now,
  });
}

/** A self-assessment with the demo evidence; `verified` with every criterion validated, else submitted. */
async function demoAssessment(
  trx: Executor,
  supplierId: number,
  status: 'verified' | 'submitted',
  people: { submittedBy: number; reviewedBy: number },
  now: string,
): Promise<void> {
  const id = await createAssessment(trx, supplierId, now);
  await writeAnswers(
    trx,
    id,
    Object.entries(EVIDENCE).map(([code, evidence]) => ({ code, answer: 'oui', evidence, documentFileId: null })),
  );
  await updateAssessment(trx, id, {
    status,
    previous_charter_status: status === 'verified' ? 'verified' : 'none',
    submitted_at: now,
    submitted_by_user_id: people.submittedBy,
    updated_at: now,
    ...(status === 'verified' ? { reviewed_at: now, reviewed_by_user_id: people.reviewedBy } : {}),
  });
  if (status === 'verified')
    for (const code of Object.keys(EVIDENCE)) await writeReview(trx, id, code, 'validated', null);
}

/**
 * Creates the demo accounts when the database has none; returns how many were created (0 when there were
 * accounts already). The catalogue's demo suppliers must be there (the verified supplier is taken from them).
 */
export async function seedDemoAccounts(db: DB, now: Date = new Date()): Promise<number> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const at = now.toISOString();
  const hashes = new Map<DemoAccount, string>();
  for (const key of Object.keys(DEMO_ACCOUNTS) as DemoAccount[]) hashes.set(key, await hashPassword(DEMO_PASSWORD));
  const verified = await db
    .selectFrom('suppliers')
    .select(['id', 'name'])
    .where('publication_status', '=', 'published')
    .where('charter_status', '=', 'verified')
    .orderBy('id')
    .limit(2)
    .execute();
  if (verified.length < 2) return 0;
  return db.transaction().execute(async (trx) => {
    const ids = {} as Record<DemoAccount, number>;
    for (const [key, email] of Object.entries(DEMO_ACCOUNTS) as [DemoAccount, string][]) {
      ids[key] = await insertUser(trx, {
        email,
        passwordHash: hashes.get(key)!,
        siteRole: SITE_ROLES[key] ?? null,
        now: at,
      });
      await markUserEmailVerified(trx, ids[key], at);
    }
    const buyer = await insertOrganisation(trx, {
      kind: 'buyer',
      name: 'Métropole de démonstration',
      supplierId: null,
      // A SIRET, as a public buyer has: the open-data export names the buyer by it (decision 220).
      siret: completeSiret(`${completeSiren('99900001')}0001`),
      buyerType: 'intercommunalite',
      buyerSize: '250-4999',
      now: at,
    });
    await addMember(trx, { organisationId: buyer, userId: ids.buyer, role: 'owner', now: at });

    const [claimed, toClaim] = verified;
    const claimedOrg = await supplierOrganisation(trx, claimed.id, claimed.name, at);
    await addMember(trx, { organisationId: claimedOrg, userId: ids.supplierOwner, role: 'owner', now: at });
    await addMember(trx, { organisationId: claimedOrg, userId: ids.supplierEditor, role: 'editor', now: at });
    await demoAssessment(
      trx,
      claimed.id,
      'verified',
      { submittedBy: ids.supplierOwner, reviewedBy: ids.moderator },
      at,
    );

    const draft = await upsertSupplierBySiret(
      trx,
      {
        siret: completeSiret(`${completeSiren('99900000')}0001`),
        name: 'Atelier Démo en attente',
        structureKind: 'ACI',
        communeCode: '69123',
        description:
          'Atelier chantier d’insertion de démonstration : sa charte attend la vérification d’un modérateur.',
        publicationStatus: 'draft',
        charterStatus: 'pending',
      },
      at,
    );
    const draftOrg = await supplierOrganisation(trx, draft.id, 'Atelier Démo en attente', at);
    await addMember(trx, { organisationId: draftOrg, userId: ids.pendingOwner, role: 'owner', now: at });
    await demoAssessment(trx, draft.id, 'submitted', { submittedBy: ids.pendingOwner, reviewedBy: ids.moderator }, at);

    const claimOrg = await supplierOrganisation(trx, toClaim.id, toClaim.name, at);
    const request = await insertJoinRequest(trx, {
      organisationId: claimOrg,
      userId: ids.claimant,
      kind: 'claim',
      message: 'Je suis la directrice de la structure ; vous pouvez me joindre au standard indiqué sur la fiche.',
      now: at,
    });
    await appendAudit(trx, {
      now: at,
      actor: { userId: ids.claimant, email: DEMO_ACCOUNTS.claimant },
      action: 'membership.requested',
      subject: { type: 'join-request', id: request },
      organisationId: claimOrg,
      supplierId: toClaim.id,
      reason: 'comptes de démonstration',
    });
    return Object.keys(DEMO_ACCOUNTS).length;
  });
}
