import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { addMember, buyerOrganisation, createUser } from '../support/organisations';
import { signedInPage, startE2eApp, type E2eApp } from '../support/e2e';
import { checkPage as checkPageOf } from '../support/page-checks';

// The tender pages in Chromium (decisions 202, 204, 205): the buyer fills the form (refused, then saved, then
// sent), the moderator publishes it, the public list and page show it; axe-core finds no serious or critical
// violation, one h1, headings in order, and no page or console error (hydration, CSP).

let app: E2eApp;
let buyer: Page;
let moderator: Page;
let organisationId: number;

const pageFor = (cookie: string): Promise<Page> => signedInPage(app, cookie);

beforeAll(async () => {
  app = await startE2eApp();
  const database = openDatabase(app.databaseFile);
  try {
    const owner = await createUser(database.db, { email: 'achats@ville-e2e.fr' });
    const mod = await createUser(database.db, { email: 'moderation-ao@maillage.fr', siteRole: 'moderator' });
    organisationId = await buyerOrganisation(database.db, 'Ville de Test');
    await addMember(database.db, organisationId, owner.id, 'owner');
    buyer = await pageFor(owner.cookie);
    moderator = await pageFor(mod.cookie);
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  await buyer?.context().close();
  await moderator?.context().close();
  await app?.close();
});

const checkPage = (page: Page, name: string) => checkPageOf(app, page, name);

describe('tenders in the browser', () => {
  it('a buyer drafts and sends a tender, a moderator publishes it, the public sees it', async () => {
    const base = `${app.baseUrl}/organisations/${organisationId}/appels-d-offres`;
    await buyer.goto(`${base}/nouveau`);
    await checkPage(buyer, 'ao-nouveau');

    // Refused: no title, a malformed amount.
    await buyer.getByLabel('Valeur estimée, en euros hors taxes').fill('cher');
    await buyer.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect.poll(() => buyer.locator('.alert').count()).toBeGreaterThan(0);
    await expect.poll(() => buyer.title()).toMatch(/^Erreur : /);
    await checkPage(buyer, 'ao-refuse');

    await buyer.getByLabel('Titre (obligatoire)', { exact: true }).fill('Entretien des espaces verts');
    await buyer.getByLabel('Valeur estimée, en euros hors taxes').fill('125 000');
    await buyer.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await buyer.waitForURL(/appels-d-offres\/\d+\?fait=enregistre$/);
    await checkPage(buyer, 'ao-brouillon');

    await buyer.getByLabel('Description (obligatoire pour envoyer)').fill('Tonte et taille des haies des parcs.');
    await buyer.getByLabel('Procédure (appel d’offres)').selectOption('open');
    await buyer.getByLabel('Catégorie principale').selectOption('services');
    await buyer.getByLabel('Codes CPV').fill('77310000-6');
    await buyer.locator('input[name="sectors"]').first().check();
    await buyer.getByLabel('Lieu d’exécution').selectOption('departement');
    await buyer.getByLabel('Code INSEE du lieu').fill('69');
    await buyer.getByLabel('Titre du lot').first().fill('Parcs du nord');
    await buyer.getByLabel('Date limite de remise des offres').fill('2099-01-20T12:00');
    await buyer.getByLabel('Durée du marché, en mois').fill('24');
    await buyer.getByLabel('Nom du contact').fill('Service achats');
    await buyer.getByLabel('Adresse e-mail de contact').fill('achats@ville-e2e.fr');
    await buyer.getByRole('button', { name: 'Envoyer à la modération' }).click();
    await buyer.waitForURL(/appels-d-offres\?fait=envoye$/);
    await checkPage(buyer, 'ao-liste');
    expect(await buyer.locator('table').textContent()).toContain('En attente de validation');

    await moderator.goto(`${app.baseUrl}/moderation/appels-d-offres`);
    await checkPage(moderator, 'ao-moderation');
    await moderator.getByLabel('Publier').first().check();
    await moderator
      .getByRole('button', { name: /Enregistrer la décision/ })
      .first()
      .click();
    await moderator.waitForURL(/fait=publie$/);

    const anonymous = await app.newPage({ viewport: { width: 1280, height: 900 } });
    await anonymous.goto(`${app.baseUrl}/appels-d-offres?departement=69`);
    await checkPage(anonymous, 'ao-public-liste');
    await anonymous.getByRole('link', { name: 'Entretien des espaces verts' }).click();
    await anonymous.waitForURL(/\/appels-d-offres\/\d+$/);
    await checkPage(anonymous, 'ao-public-page');
    expect(await anonymous.locator('main, body').first().textContent()).toContain('Parcs du nord');
    await anonymous.context().close();
  });
});
