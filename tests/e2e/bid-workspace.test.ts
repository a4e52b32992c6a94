import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createBid, createTender, setSupplierSectors } from '../support/bids';
import { signedInPage, startE2eApp, type E2eApp } from '../support/e2e';
import {
  addMember,
  buyerOrganisation,
  createUser,
  insertSupplierOrganisation,
  PDF_BYTES,
} from '../support/organisations';
import { checkPage as checkPageOf } from '../support/page-checks';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// The three pages of a bid's workspace in Chromium (decisions 245–247): the allocation matrix (refused, then
// saved), a subcontractor with direct payment, the partner suggestions with their method, a checklist item
// with its PDF, a message in the thread and the activity log; axe-core clean, one h1, headings in order, no
// page or console error (hydration, CSP), with and after a refused form.

let app: E2eApp;
let lead: Page;
let bidId: number;
let leadSupplier: number;
let memberSupplier: number;

beforeAll(async () => {
  app = await startE2eApp();
  const database = openDatabase(app.databaseFile);
  try {
    const db = database.db;
    const buyer = await createUser(db, { email: 'achats@metropole-e2e.fr' });
    const buyerOrg = await buyerOrganisation(db, 'Métropole de Test');
    await addMember(db, buyerOrg, buyer.id, 'owner');
    const leadUser = await createUser(db, { email: 'regie@e2e.fr' });
    const memberUser = await createUser(db, { email: 'jardins@e2e.fr' });
    const leadOrg = await insertSupplierOrganisation(db, {
      name: 'Régie Nord e2e',
      publicationStatus: 'published',
      members: [{ userId: leadUser.id, role: 'owner' }],
    });
    const memberOrg = await insertSupplierOrganisation(db, {
      name: 'Jardins e2e',
      publicationStatus: 'published',
      members: [{ userId: memberUser.id, role: 'owner' }],
    });
    leadSupplier = leadOrg.supplierId;
    memberSupplier = memberOrg.supplierId;
    await setSupplierSectors(db, leadSupplier, ['nettoyage-bureaux']);
    await setSupplierSectors(db, memberSupplier, ['entretien-espaces-verts']);
    await writeSupplier(
      db,
      supplierInput({
        name: 'Cantine solidaire e2e',
        communeCode: '69123',
        sectors: ['restauration-collective'],
        serviceAreas: [{ kind: 'departement', code: '69' }],
      }),
    );
    const tenderId = await createTender(db, {
      buyerOrganisationId: buyerOrg,
      title: 'Entretien et restauration e2e',
      lots: [
        { number: 1, title: 'Nettoyage', sectors: ['nettoyage-bureaux'] },
        { number: 2, title: 'Espaces verts', sectors: ['entretien-espaces-verts'] },
        { number: 3, title: 'Restauration', sectors: ['restauration-collective'] },
      ],
    });
    bidId = await createBid(db, {
      tenderId,
      kind: 'groupement',
      name: 'Groupement e2e',
      members: [
        { supplierId: leadSupplier, role: 'mandataire', acceptance: 'accepted' },
        { supplierId: memberSupplier, role: 'membre', acceptance: 'accepted' },
      ],
      lots: [
        { lotNumber: 1, priceCents: 1_200_000 },
        { lotNumber: 2, priceCents: 800_000 },
        { lotNumber: 3, priceCents: 500_000 },
      ],
    });
    lead = await signedInPage(app, leadUser.cookie);
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  await lead?.context().close();
  await app?.close();
});

const checkPage = (page: Page, name: string) => checkPageOf(app, page, name);

describe('a bid’s workspace in the browser', () => {
  it('allocation: refused then saved, a subcontractor, the suggestions', async () => {
    await lead.goto(`${app.baseUrl}/reponses/${bidId}/repartition`);
    await checkPage(lead, 'reponse-repartition');
    await expect.poll(() => lead.getByText('Méthode de calcul : recherche exhaustive').count()).toBe(1);
    await expect.poll(() => lead.getByRole('button', { name: 'Inviter Cantine solidaire e2e' }).count()).toBe(1);

    await lead.getByLabel('Part de Régie Nord e2e dans le lot 1 (%)').fill('60');
    await lead.getByLabel('Part de Jardins e2e dans le lot 1 (%)').fill('30');
    await lead.getByRole('button', { name: 'Enregistrer la répartition' }).click();
    await expect.poll(() => lead.locator('.alert').count()).toBeGreaterThan(0);
    await expect.poll(() => lead.title()).toMatch(/^Erreur : /);
    await checkPage(lead, 'reponse-repartition-refusee');

    await lead.getByLabel('Part de Jardins e2e dans le lot 1 (%)').fill('40');
    await lead.getByLabel('Part de Jardins e2e dans le lot 2 (%)').fill('100');
    await lead.getByLabel('Part de Régie Nord e2e dans le lot 3 (%)').fill('33,33');
    await lead.getByLabel('Part de Jardins e2e dans le lot 3 (%)').fill('66,67');
    await lead.getByRole('button', { name: 'Enregistrer la répartition' }).click();
    await lead.waitForURL(/fait=repartition$/);
    await expect.poll(() => lead.getByText('La répartition enregistrée couvre chaque lot à 100 %.').count()).toBe(1);

    await lead.getByLabel('Nom du sous-traitant (obligatoire)').fill('Élagueurs associés');
    await lead.getByLabel('SIRET (obligatoire)').fill('732 829 320 00074');
    await lead.getByLabel('Prestations sous-traitées (obligatoire)').fill('Élagage des grands arbres');
    await lead.getByLabel('Montant TTC (euros) (obligatoire)').fill('1 250,50');
    await lead.getByLabel('Lot concerné').selectOption('2');
    await lead.getByRole('button', { name: 'Déclarer le sous-traitant' }).click();
    await lead.waitForURL(/fait=sous-traitant$/);
    await expect.poll(() => lead.getByText('paiement direct', { exact: true }).count()).toBe(1);
    await checkPage(lead, 'reponse-repartition-enregistree');
  });

  it('checklist: a PDF, done, the completion', async () => {
    await lead.goto(`${app.baseUrl}/reponses/${bidId}/pieces`);
    await checkPage(lead, 'reponse-pieces');
    await expect.poll(() => lead.getByText('0 pièce faite sur 10').count()).toBe(1);
    const item = lead.locator('li', { hasText: 'DC1 — lettre de candidature' }).first();
    await item.locator('summary').click();
    await item.getByLabel(/^État/).selectOption('done');
    await item.getByRole('button', { name: /^Enregistrer/ }).click();
    await expect.poll(() => lead.locator('.field__errors').count()).toBeGreaterThan(0);
    await checkPage(lead, 'reponse-pieces-refusee');
    const again = lead.locator('li', { hasText: 'DC1 — lettre de candidature' }).first();
    await again.getByLabel(/^État/).selectOption('done');
    await again.getByLabel(/^Document/).setInputFiles({
      name: 'dc1.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(PDF_BYTES),
    });
    await again.getByRole('button', { name: /^Enregistrer/ }).click();
    await lead.waitForURL(/fait=piece/);
    await expect.poll(() => lead.getByText('1 pièce faite sur 10').count()).toBe(1);
    await checkPage(lead, 'reponse-pieces-faite');
  });

  it('thread and activity', async () => {
    await lead.goto(`${app.baseUrl}/reponses/${bidId}/discussion`);
    await checkPage(lead, 'reponse-discussion');
    await lead.getByRole('button', { name: 'Envoyer le message' }).click();
    await expect.poll(() => lead.locator('.alert').count()).toBeGreaterThan(0);
    await checkPage(lead, 'reponse-discussion-refusee');
    await lead.getByLabel('Message (obligatoire)').fill('Bonjour, la DC1 est déposée.');
    await lead.getByRole('button', { name: 'Envoyer le message' }).click();
    await lead.waitForURL(/fait=message/);
    await expect.poll(() => lead.getByText('Bonjour, la DC1 est déposée.').count()).toBe(1);
    await expect.poll(() => lead.getByText(/Document déposé/).count()).toBe(1);
    await checkPage(lead, 'reponse-discussion-envoye');
  });
});
