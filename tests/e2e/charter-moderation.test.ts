import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { completeAnswers, criterionCodes, insertSupplierOrganisation, insertUser } from '../support/charter-fixtures';
import { startE2eApp, type E2eApp } from '../support/e2e';
import { checkPage as checkPageOf } from '../support/page-checks';

// The charter and moderation pages in Chromium (decisions 140-143): axe-core finds no serious or critical
// violation on the self-assessment form (empty and refused), the dashboard, the queues, the review form
// (refused), the supplier search and the audit log; one h1, headings in order, every field labelled; and the
// way through: the supplier submits without JavaScript-specific steps, the moderator validates, the sheet
// shows the verified badge with the evidence summary.

let app: E2eApp;
let owner: Page;
let moderator: Page;
let admin: Page;
let organisationId: number;
let slug: string;
let codes: string[];

async function pageFor(cookie: string): Promise<Page> {
  const page = await app.newPage({ viewport: { width: 1280, height: 900 } });
  const [name, value] = cookie.split('=');
  await page.context().addCookies([{ name, value, url: app.baseUrl }]);
  return page;
}

beforeAll(async () => {
  app = await startE2eApp();
  const database = openDatabase(app.databaseFile);
  try {
    const ownerUser = await insertUser(database.db, { email: 'gerant@atelier-e2e.fr' });
    const moderatorUser = await insertUser(database.db, { email: 'moderation@maillage.fr', siteRole: 'moderator' });
    const adminUser = await insertUser(database.db, { email: 'admin@maillage.fr', siteRole: 'admin' });
    const org = await insertSupplierOrganisation(database.db, {
      name: 'Atelier du Test Accessible',
      members: [{ userId: ownerUser.id, role: 'owner' }],
    });
    organisationId = org.organisationId;
    slug = org.slug;
    codes = await criterionCodes(database.db);
    owner = await pageFor(ownerUser.cookie);
    moderator = await pageFor(moderatorUser.cookie);
    admin = await pageFor(adminUser.cookie);
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  await owner?.context().close();
  await moderator?.context().close();
  await admin?.context().close();
  await app?.close();
});

const checkPage = (page: Page, name: string) => checkPageOf(app, page, name);

describe('charter and moderation pages in the browser', () => {
  it('the self-assessment form, empty then refused, is accessible', async () => {
    const response = await owner.goto(`/organisations/${organisationId}/charte`);
    expect(response?.status()).toBe(200);
    await checkPage(owner, 'charte');
    await owner.getByRole('button', { name: 'Envoyer aux modérateurs' }).click();
    await expect.poll(() => owner.locator('.alert').count()).toBe(1);
    await expect.poll(() => owner.evaluate(() => document.activeElement?.className)).toBe('alert');
    expect(await owner.locator('.alert h2').textContent()).toBe('Le formulaire contient 18 erreurs');
    await checkPage(owner, 'charte-erreurs');
  }, 120_000);

  it('the supplier submits; the moderator finds it, the review refused then decided; the sheet shows it', async () => {
    await owner.goto(`/organisations/${organisationId}/charte`);
    const fields = completeAnswers(codes);
    for (const code of codes) {
      await owner.locator(`input[name="answer-${code}"][value="oui"]`).check();
      await owner.locator(`textarea[name="evidence-${code}"]`).fill(fields[`evidence-${code}`]);
    }
    await owner.getByRole('button', { name: 'Envoyer aux modérateurs' }).click();
    await owner.waitForURL(/fait=envoye/);
    expect(await owner.getByRole('status').textContent()).toContain('Votre auto-évaluation est envoyée');

    for (const [path, name] of [
      ['/moderation', 'moderation'],
      ['/moderation/chartes', 'moderation-chartes'],
      ['/moderation/fournisseurs?q=Atelier', 'moderation-fournisseurs'],
      ['/moderation/journal', 'moderation-journal'],
    ] as const) {
      expect((await moderator.goto(path))?.status(), path).toBe(200);
      await checkPage(moderator, name);
    }
    await moderator.goto('/moderation/chartes');
    await moderator.getByRole('link', { name: 'Atelier du Test Accessible' }).click();
    await moderator.waitForURL(/\/moderation\/chartes\/\d+$/);
    await checkPage(moderator, 'moderation-revue');
    await moderator.locator(`input[name="review-${codes[0]}"][value="rejected"]`).check();
    await moderator.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect.poll(() => moderator.locator('.alert').count()).toBe(1);
    await checkPage(moderator, 'moderation-revue-erreurs');
    for (const code of codes) await moderator.locator(`input[name="review-${code}"][value="validated"]`).check();
    await moderator.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await moderator.waitForURL(/\/moderation\/chartes$/);

    // Published by the verification; the outbox worker indexes it within seconds.
    await owner.goto(`/fournisseurs/${slug}`);
    expect(await owner.locator('.charter-status--verified').first().textContent()).toContain('Charte vérifiée');
    await owner.getByText('Ce que la structure a déclaré').click();
    expect(await owner.locator('.charter-evidence li').count()).toBe(9);
    await expect
      .poll(async () => {
        await owner.goto('/fournisseurs?q=Atelier+du+Test+Accessible');
        return owner.getByRole('link', { name: 'Atelier du Test Accessible' }).count();
      })
      .toBeGreaterThan(0);
  }, 240_000);

  it('the admins’ page of site roles, its search and a refused change, is accessible; a change is kept', async () => {
    expect((await admin.goto('/admin/utilisateurs'))?.status()).toBe(200);
    await checkPage(admin, 'admin-roles');
    await admin.getByLabel('Rechercher un compte par son adresse e-mail').fill('moderation@');
    await admin.getByRole('button', { name: 'Rechercher' }).click();
    await admin.waitForURL(/q=moderation/);
    await admin.getByLabel('Rôle de moderation@maillage.fr').selectOption('none');
    await admin.getByLabel('Raison du changement (obligatoire)').fill('court');
    await admin.getByRole('button', { name: 'Changer le rôle de moderation@maillage.fr' }).click();
    await expect.poll(() => admin.locator('.alert').count()).toBe(1);
    await checkPage(admin, 'admin-roles-erreur');
    await admin.getByLabel('Raison du changement (obligatoire)').fill('Fin de la mission de modération.');
    await admin.getByRole('button', { name: 'Changer le rôle de moderation@maillage.fr' }).click();
    await expect.poll(() => admin.getByRole('status').count()).toBe(1);
    expect(await admin.getByRole('status').textContent()).toContain('Le rôle de moderation@maillage.fr a été changé.');
  }, 120_000);
});
