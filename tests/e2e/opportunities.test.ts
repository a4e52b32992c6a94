import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { addMatchSupplier, publishTender } from '../support/matching';
import { createUser } from '../support/organisations';
import { signedInPage, startE2eApp, type E2eApp } from '../support/e2e';
import { checkPage as checkPageOf } from '../support/page-checks';

// The supplier's side of tender alerts in Chromium (decisions 250–253): the « Opportunités » page (mark
// « Intéressé », a refused then accepted « Pas intéressé », the hidden ones shown on request), the « Alertes »
// form (refused, then saved) and the notifications page with the header's count; axe-core clean, one h1,
// headings in order, no page error.

let app: E2eApp;
let page: Page;
let orgId: number;

beforeAll(async () => {
  app = await startE2eApp();
  const database = openDatabase(app.databaseFile);
  try {
    const owner = await createUser(database.db, { email: 'alertes@atelier-e2e.fr' });
    const supplier = await addMatchSupplier(database.db, {
      name: 'Atelier des alertes',
      sectors: ['nettoyage-bureaux', 'entretien-espaces-verts'],
      charter: 'verified',
      members: [{ user: owner, role: 'owner' }],
    });
    orgId = supplier.organisationId!;
    const deadline = '2099-03-01T11:00:00.000Z';
    await publishTender(database.db, { title: 'Nettoyage des écoles', submissionDeadline: deadline });
    await publishTender(database.db, {
      title: 'Entretien des parcs',
      sectors: ['entretien-espaces-verts'],
      submissionDeadline: deadline,
      lots: [
        { number: 1, title: 'Parcs', description: '', sectors: ['entretien-espaces-verts'], estimatedValueEuros: null },
        {
          number: 2,
          title: 'Cantines',
          description: '',
          sectors: ['restauration-collective'],
          estimatedValueEuros: null,
        },
      ],
    });
    page = await signedInPage(app, owner.cookie);
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

const checkPage = (p: Page, name: string) => checkPageOf(app, p, name);

describe('opportunities, alerts and notifications in the browser', () => {
  it('marks tenders, refuses a bad reason, hides the not interested ones', async () => {
    await page.goto(`${app.baseUrl}/organisations/${orgId}/opportunites`);
    await expect.poll(() => page.locator('section.opportunity').count()).toBe(2);
    await checkPage(page, 'opportunites');

    await page.getByRole('button', { name: 'Intéressé par « Nettoyage des écoles »' }).click();
    await page.getByText('Votre choix est enregistré.').waitFor();

    const parks = page.locator('section.opportunity', { hasText: 'Entretien des parcs' });
    await parks.locator('summary').click();
    await parks.getByLabel('Raison (obligatoire)').selectOption('autre');
    await parks.getByLabel('Précisions').fill('ab');
    await parks.getByRole('button', { name: /Enregistrer « Pas intéressé »/ }).click();
    await parks.getByText('La précision doit compter 3 caractères au moins.').waitFor();
    await checkPage(page, 'opportunites-refuse');

    await parks.getByLabel('Précisions').fill('Pas de matériel adapté');
    await parks.getByRole('button', { name: /Enregistrer « Pas intéressé »/ }).click();
    await page.getByText('Votre choix est enregistré.').waitFor();
    await expect.poll(() => page.locator('section.opportunity').count()).toBe(1);
    await page.getByRole('link', { name: /Afficher 1 appel d’offres masqué/ }).click();
    await page.getByText('Pas intéressé (Pas de matériel adapté)').waitFor();
    await checkPage(page, 'opportunites-masques');
  });

  it('refuses a bad alert setting, then saves one', async () => {
    await page.goto(`${app.baseUrl}/organisations/${orgId}/alertes`);
    await checkPage(page, 'alertes');
    await page.getByLabel('Un récapitulatif par jour').check();
    await page.getByLabel(/Plafond quotidien/).fill('99');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.title()).toMatch(/^Erreur : /);
    await checkPage(page, 'alertes-refuse');
    await page.getByLabel(/Plafond quotidien/).fill('10');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Vos préférences d’alerte sont enregistrées.').waitFor();
  });

  it('lists the notifications, counted in the header, and marks them read', async () => {
    await page.goto(`${app.baseUrl}/notifications`);
    await page.getByRole('link', { name: 'Notifications (2) non lues' }).waitFor();
    await checkPage(page, 'notifications');
    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.getByText('Toutes vos notifications sont lues.').waitFor();
    await page.getByRole('link', { name: 'Notifications (0) non lues' }).waitFor();
  });
});
