import type { DB } from '../../db/connection';
import { createBid, createTender, setSupplierSectors } from '../support/bids';
import {
  addMember,
  buyerOrganisation,
  createUser,
  insertSupplierOrganisation,
  type SupplierOrg,
  type TestUser,
} from '../support/organisations';

// The cast of the bid workspace tests (decisions 245–247): a buyer, a groupement led by `lead` with an
// accepted `member` and an invited `pending` one, answering two lots of a tender in Lyon; an `outsider`
// supplier; a moderator.

export interface WorkspaceWorld {
  buyer: TestUser;
  buyerOrganisationId: number;
  lead: TestUser;
  leadOrg: SupplierOrg;
  member: TestUser;
  memberOrg: SupplierOrg;
  pending: TestUser;
  pendingOrg: SupplierOrg;
  outsider: TestUser;
  outsiderOrg: SupplierOrg;
  moderator: TestUser;
  tenderId: number;
  bidId: number;
}

export const LOT_PRICES = { 1: 1_000_000, 2: 333_333 } as const;

export async function workspaceWorld(
  db: DB,
  options: { deadline?: string; lots?: { number: number; sectors: string[] }[] } = {},
): Promise<WorkspaceWorld> {
  const buyer = await createUser(db);
  const buyerOrganisationId = await buyerOrganisation(db, 'Métropole de Lyon');
  await addMember(db, buyerOrganisationId, buyer.id, 'owner');
  const [lead, member, pending, outsider] = [
    await createUser(db),
    await createUser(db),
    await createUser(db),
    await createUser(db),
  ];
  const moderator = await createUser(db, { siteRole: 'moderator' });
  const org = (user: TestUser, name: string) =>
    insertSupplierOrganisation(db, {
      name,
      publicationStatus: 'published',
      members: [{ userId: user.id, role: 'owner' }],
    });
  const leadOrg = await org(lead, 'Régie de quartier Nord');
  const memberOrg = await org(member, 'Jardins solidaires');
  const pendingOrg = await org(pending, 'Atelier peinture');
  const outsiderOrg = await org(outsider, 'Concurrent SCOP');
  await setSupplierSectors(db, leadOrg.supplierId, ['nettoyage-bureaux']);
  await setSupplierSectors(db, memberOrg.supplierId, ['entretien-espaces-verts']);
  await setSupplierSectors(db, pendingOrg.supplierId, ['peinture-batiment']);
  const tenderId = await createTender(db, {
    buyerOrganisationId,
    submissionDeadline: options.deadline,
    lots: options.lots ?? [
      { number: 1, sectors: ['nettoyage-bureaux'] },
      { number: 2, sectors: ['entretien-espaces-verts'] },
    ],
  });
  const bidId = await createBid(db, {
    tenderId,
    kind: 'groupement',
    members: [
      { supplierId: leadOrg.supplierId, role: 'mandataire', acceptance: 'accepted' },
      { supplierId: memberOrg.supplierId, role: 'membre', acceptance: 'accepted' },
      { supplierId: pendingOrg.supplierId, role: 'membre', acceptance: 'pending' },
    ],
    lots: [
      { lotNumber: 1, priceCents: LOT_PRICES[1] },
      { lotNumber: 2, priceCents: LOT_PRICES[2] },
    ],
  });
  return {
    buyer,
    buyerOrganisationId,
    lead,
    leadOrg,
    member,
    memberOrg,
    pending,
    pendingOrg,
    outsider,
    outsiderOrg,
    moderator,
    tenderId,
    bidId,
  };
}
