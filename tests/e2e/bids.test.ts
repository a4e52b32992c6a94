import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { publishedTender, supplierWithOwner, type TestSupplier } from '../support/bid-scenarios';
import { signedInPage, startE2eApp, type E2eApp } from '../support/e2e';
import { parseEml } from '../support/eml';
import { checkPage as checkPageOf } from '../support/page-checks';

// The bid pages in Chromium (decisions 240–242): a supplier starts a groupement on a published tender, finds a
// partner in the catalogue and invites it, refuses then saves a price, invites by e-mail; the partner accepts in
// the workspace; the organisation's list and the e-mailed link's page. axe-core finds no serious or critical
// violation, one h1, headings in order, labelled fields, no page error.

let app: E2eApp;
let lead: Page;
let partner: Page;
let tenderId: number;
let leadSupplier: TestSupplier;
let partnerSupplier: TestSupplier;

const pageFor = (cookie: string): Promise<Page> => signedInPage(app, cookie);

beforeAll(async () => {
  app = await startE2eApp();
  const database = openDatabase(app.databaseFile);
  try {
    ({ tenderId } = await publishedTender(database.db, { lots: 2 }));
    leadSupplier = await supplierWithOwner(database.db, undefined, 'Menuiserie Solidaire du Gier');
    partnerSupplier = await supplierWithOwner(database.db, undefined, 'Jardins Partagés de Vourles');
    lead = await pageFor(leadSupplier.user.cookie);
    partner = await pageFor(partnerSupplier.user.cookie);
  } finally {
    await database.close();
  }
});

afterAll(async () => {
  await lead?.context().close();
  await partner?.context().close();
  await app?.close();
});

const checkPage = (page: Page, name: string) => checkPageOf(app, page, name);

describe('bids in the browser', () => {
  it('a groupement is started, a partner invited from the catalogue and by e-mail, and it accepts', async () => {
    await lead.goto(`${app.baseUrl}/appels-d-offres/${tenderId}`);
    await lead.getByRole('link', { name: 'Répondre à cet appel d’offres' }).click();
    await lead.waitForURL(/\/repondre$/);
    await expect.poll(() => lead.locator('h1').textContent()).toContain('Répondre à');
    await checkPage(lead, 'bid-start');

    // Refused: a groupement without a name.
    await lead.getByLabel('Constituer un groupement (vous en serez le mandataire)').check();
    await lead.getByRole('button', { name: 'Commencer la réponse' }).click();
    await expect.poll(() => lead.locator('.alert').count()).toBeGreaterThan(0);
    await checkPage(lead, 'bid-start-refused');

    await lead.getByLabel('Nom du groupement').fill('Groupement des parcs du Gier');
    await lead.getByLabel('Forme du groupement').selectOption('solidaire');
    await lead.getByRole('button', { name: 'Commencer la réponse' }).click();
    await lead.waitForURL(/\/reponses\/\d+\?fait=cree$/);
    await checkPage(lead, 'bid-overview');
    const bidUrl = lead.url().replace(/\?.*$/, '');

    await lead.getByLabel('Nom ou numéro SIRET de la structure').fill('vourles');
    await lead.getByRole('button', { name: 'Chercher' }).click();
    await lead.getByRole('button', { name: 'Inviter Jardins Partagés de Vourles' }).click();
    await expect.poll(() => lead.locator('.notice').textContent()).toContain('est invitée');
    await checkPage(lead, 'bid-invited');

    await lead.getByLabel('Prix du lot 1 en euros HT').fill('douze');
    await lead.getByRole('button', { name: 'Enregistrer les lots et les prix' }).click();
    await expect.poll(() => lead.title()).toMatch(/^Erreur : /);
    await checkPage(lead, 'bid-price-refused');
    await lead.getByLabel('Prix du lot 1 en euros HT').fill('12 500,50');
    await lead.getByRole('button', { name: 'Enregistrer les lots et les prix' }).click();
    await expect.poll(() => lead.locator('.notice').textContent()).toContain('enregistrés');

    await lead.getByLabel('Adresse e-mail de la structure').fill('contact@atelier-e2e.fr');
    await lead.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await expect.poll(() => lead.locator('.notice').textContent()).toContain('contact@atelier-e2e.fr');

    await partner.goto(`${app.baseUrl}/organisations/${partnerSupplier.organisationId}/reponses`);
    await checkPage(partner, 'bid-org-list');
    await partner.getByRole('link', { name: 'Groupement des parcs du Gier' }).click();
    await partner.waitForURL(bidUrl);
    await checkPage(partner, 'bid-invited-member');
    await partner.getByRole('button', { name: 'Accepter de rejoindre le groupement' }).click();
    await expect.poll(() => partner.locator('.notice').textContent()).toContain('rejoint');
    await checkPage(partner, 'bid-member');
  });

  it('the e-mailed link shows the invitation', async () => {
    // Without SMTP_URL the server's mail sender writes one .eml file per message in MAIL_DIR.
    const find = () => {
      if (!fs.existsSync(app.mailDir)) return null;
      for (const file of fs.readdirSync(app.mailDir).filter((f) => f.endsWith('.eml') && !f.startsWith('.'))) {
        const parsed = parseEml(fs.readFileSync(path.join(app.mailDir, file), 'utf8'));
        const text = parsed.parts[0]?.body ?? parsed.body;
        if (parsed.headers.get('to') === 'contact@atelier-e2e.fr') return text;
      }
      return null;
    };
    await expect.poll(find, { timeout: 10_000, interval: 100 }).not.toBeNull();
    const token = /\/groupements\/invitations\/([a-z2-7]+)/.exec(find() ?? '')?.[1];
    expect(token).toMatch(/^[a-z2-7]+$/);
    await partner.goto(`${app.baseUrl}/groupements/invitations/${token}`);
    await checkPage(partner, 'bid-email-invitation');
    expect(await partner.locator('h1').textContent()).toBe('Invitation à rejoindre un groupement');
    expect(await partner.getByRole('button', { name: 'Refuser l’invitation' }).count()).toBe(1);
  });
});
