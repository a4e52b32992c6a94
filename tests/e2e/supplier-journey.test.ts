import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { startE2eApp, type E2eApp } from '../support/e2e';
import { journeySiret, logoPng, mailTo, smallPdf } from '../support/journey';
import { checkPage } from '../support/page-checks';

// Issue 6 §6, the browser journey in Chromium with JavaScript, through the pages only: a supplier signs up,
// confirms its address from the .eml file, logs in, creates its organisation by an unknown SIRET, fills its
// sheet (a refused save first), uploads a logo, submits the charter with a PDF; a moderator (the one database
// shortcut: the site role of an account made through the sign-up page) validates every criterion; an anonymous
// visitor then finds the supplier in the public search with its verified badge, its logo and its evidence.
// axe-core runs on every form and dashboard on the way, refused forms included (tests/support/journey.ts).
// Screenshots: /tmp/journey-*.png.

const PASSWORD = 'une longue phrase de passe pour la journée';
const SUPPLIER_EMAIL = 'gerante@vergelune.example.fr';
const MODERATOR_EMAIL = 'moderatrice@maillage.example.fr';
/** Invented words the demo data never produces, so the public search finds this supplier alone. */
const NAME = 'Atelier Vergelune Solidaire';
const SEARCH = 'Vergelune';
const SIRET = journeySiret();
const DESCRIPTION =
  'Entreprise d’insertion qui répare, reconditionne et loue du mobilier de bureau pour les collectivités de la métropole lyonnaise.';

let app: E2eApp;
let owner: Page;
let organisationId = 0;
let codes: string[] = [];

beforeAll(async () => {
  app = await startE2eApp();
  owner = await app.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await owner?.context().close();
  await app?.close();
});

async function completion(page: Page): Promise<number> {
  const text = await page.locator('#completion-titre').innerText();
  return Number(/(\d+)\s*%/.exec(text)?.[1] ?? NaN);
}

async function signUp(page: Page, email: string): Promise<void> {
  await page.goto('/inscription');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.locator('h1', { hasText: 'Vérifiez votre messagerie' }).waitFor();
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.locator('h1', { hasText: 'Se connecter' }).waitFor();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

describe('a supplier’s journey, from sign-up to the public search', () => {
  it('signs up, confirms the address from the mail file, logs in', async () => {
    await owner.goto('/inscription');
    await checkPage(app, owner, 'inscription');
    await signUp(owner, SUPPLIER_EMAIL);

    const body = await mailTo(app, SUPPLIER_EMAIL, '/verifier-email?token=');
    const link = /(http:\/\/localhost:\d+\/verifier-email\?token=[a-z2-7.]+)/.exec(body)?.[1];
    expect(link).toBeTruthy();
    await owner.goto(link ?? '');
    await checkPage(app, owner, 'verifier-email');
    await owner.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await owner.locator('h1', { hasText: 'Adresse e-mail confirmée' }).waitFor();

    await owner.goto('/organisations');
    expect(new URL(owner.url()).pathname).toBe('/connexion');
    await checkPage(app, owner, 'connexion');
    await logIn(owner, SUPPLIER_EMAIL);
    await owner.locator('h1', { hasText: 'Mes organisations' }).waitFor();
    expect(new URL(owner.url()).pathname).toBe('/organisations');
    await checkPage(app, owner, 'organisations');
  }, 90_000);

  it('creates its organisation by an unknown SIRET, in two steps, and lands on its page', async () => {
    await owner.getByRole('link', { name: 'Gérer la fiche d’une structure de l’ESS (par son SIRET)' }).click();
    await owner.locator('h1', { hasText: 'Gérer la fiche d’une structure de l’ESS' }).waitFor();
    await checkPage(app, owner, 'organisation-siret');

    // A wrong check digit is refused next to the field, the typed value kept.
    const wrong = `${SIRET.slice(0, 13)}${(Number(SIRET[13]) + 1) % 10}`;
    await owner.getByLabel('SIRET').fill(wrong);
    await owner.getByRole('button', { name: 'Continuer' }).click();
    await owner.locator('.alert').waitFor();
    expect(await owner.locator('.field__errors').first().innerText()).toContain('clé de contrôle');
    expect(await owner.getByLabel('SIRET').inputValue()).toBe(wrong);
    await checkPage(app, owner, 'organisation-siret-refuse');

    // Typed as printed on a Kbis: spaces between the groups.
    await owner
      .getByLabel('SIRET')
      .fill(`${SIRET.slice(0, 3)} ${SIRET.slice(3, 6)} ${SIRET.slice(6, 9)} ${SIRET.slice(9)}`);
    await owner.getByRole('button', { name: 'Continuer' }).click();
    await owner.getByLabel('Nom de la structure').waitFor();
    await owner.getByRole('status').filter({ hasText: 'pas encore dans le catalogue' }).waitFor();
    await checkPage(app, owner, 'organisation-details');

    await owner.getByLabel('Nom de la structure').fill(NAME);
    await owner.getByLabel('Type de structure').selectOption('EI');
    await owner.getByLabel('Commune du siège').fill('Villeurbanne (69266)');
    await owner.getByRole('button', { name: 'Créer la fiche' }).click();
    await owner.waitForURL(/\/organisations\/\d+\?creee=1$/);
    organisationId = Number(/\/organisations\/(\d+)/.exec(owner.url())?.[1]);
    await owner.locator('h1', { hasText: NAME }).waitFor();
    const main = await owner.locator('main').innerText();
    expect(main).toContain('L’organisation a été créée et vous en êtes propriétaire.');
    expect(main).toContain('Fiche non publiée (brouillon)');
    expect(main).toContain('Propriétaire');
    await owner.screenshot({ path: '/tmp/journey-organisation.png', fullPage: true }).catch(() => undefined);
    await checkPage(app, owner, 'organisation');

    await owner.getByRole('link', { name: 'Membres, invitations et demandes' }).click();
    await owner.locator('h1', { hasText: `Membres de ${NAME}` }).waitFor();
    expect(await owner.locator('main').innerText()).toContain(SUPPLIER_EMAIL);
    await checkPage(app, owner, 'membres');
  }, 90_000);

  it('fills the sheet (a bad e-mail refused first), sees the score rise, uploads a logo', async () => {
    await owner.goto(`/organisations/${organisationId}`);
    await owner.getByRole('link', { name: 'Modifier la fiche' }).click();
    await owner.locator('h1', { hasText: `Ma fiche : ${NAME}` }).waitFor();
    await checkPage(app, owner, 'fiche');
    const initial = await completion(owner);

    await owner.getByLabel('Présentation de la structure').fill(DESCRIPTION);
    await owner.getByLabel('Nom de l’offre').fill('Location de mobilier reconditionné');
    await owner
      .getByLabel('Description de l’offre')
      .fill('Bureaux, chaises et rangements remis en état, livrés et installés, repris en fin de contrat.');
    await owner.locator('input[name="sectors"][value="nettoyage-bureaux"]').check();
    await owner.locator('#zone summary', { hasText: 'Départements' }).click();
    await owner.getByLabel('Rhône (69)', { exact: true }).check();
    await owner.getByLabel('Rayon autour de votre commune, en kilomètres').fill('30');
    await owner.getByLabel('E-mail de contact').fill('contact@vergelune');
    await owner.getByLabel('Téléphone').fill('04 72 00 00 42');
    await owner.getByLabel('Site web').fill('https://vergelune.example.fr');
    await owner.getByRole('button', { name: 'Enregistrer le brouillon' }).click();

    // Refused: the message next to the field, the summary focused, every value kept, nothing saved.
    await owner.locator('.alert').waitFor();
    const email = owner.getByLabel('E-mail de contact');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(await owner.locator(`[id="${describedBy.split(' ')[0]}"]`).innerText()).toMatch(/e-mail/i);
    expect(await owner.getByLabel('Présentation de la structure').inputValue()).toBe(DESCRIPTION);
    expect(await owner.getByLabel('Téléphone').inputValue()).toBe('04 72 00 00 42');
    expect(await owner.locator('input[name="sectors"][value="nettoyage-bureaux"]').isChecked()).toBe(true);
    expect(await completion(owner)).toBe(initial);
    expect(await owner.title()).toMatch(/^Erreur : /);
    await checkPage(app, owner, 'fiche-refusee');

    await email.fill('contact@vergelune.example.fr');
    await owner.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await owner.waitForURL(/enregistre=1/);
    await owner.getByRole('status').filter({ hasText: 'Votre fiche a été enregistrée.' }).waitFor();
    // The refused answer's messages are gone with it (they stayed on screen once, the form kept its old state).
    expect(await owner.locator('.alert').count()).toBe(0);
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    expect(await owner.title()).not.toMatch(/^Erreur/);
    const saved = await completion(owner);
    expect(saved).toBeGreaterThan(initial);
    expect(await owner.getByLabel('Présentation de la structure').inputValue()).toBe(DESCRIPTION);
    expect(await owner.getByLabel('Rhône (69)', { exact: true }).isChecked()).toBe(true);

    await owner
      .getByLabel('Logo (obligatoire)', { exact: true })
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await logoPng() });
    await owner.getByRole('button', { name: 'Envoyer le logo' }).click();
    await owner.waitForURL(/logo=ajoute/);
    await owner.getByRole('status').filter({ hasText: 'Votre logo a été enregistré.' }).waitFor();
    const logo = owner.getByRole('img', { name: `Logo actuel de ${NAME}` });
    expect(await logo.getAttribute('src')).toMatch(/^\/logos\//);
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    expect(await completion(owner)).toBeGreaterThan(saved);
    await owner.screenshot({ path: '/tmp/journey-fiche.png', fullPage: true }).catch(() => undefined);
    await checkPage(app, owner, 'fiche-logo');
  }, 120_000);

  it('answers the 9 criteria with evidence and a PDF, saves a draft, then submits the charter', async () => {
    await owner.goto(`/organisations/${organisationId}`);
    await owner.getByRole('link', { name: 'Remplir la charte' }).click();
    await owner.locator('h1', { hasText: `Charte d’engagement — ${NAME}` }).waitFor();
    await checkPage(app, owner, 'charte');
    codes = await owner
      .locator('textarea[name^="evidence-"]')
      .evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).name.replace(/^evidence-/, '')));
    expect(codes).toHaveLength(9);

    // Sent empty: an answer and evidence missing for each criterion.
    await owner.getByRole('button', { name: 'Envoyer aux modérateurs' }).click();
    await owner.locator('.alert').waitFor();
    expect(await owner.locator('.alert h2').innerText()).toBe('Le formulaire contient 18 erreurs');
    await checkPage(app, owner, 'charte-refusee');

    for (const [index, code] of codes.entries()) {
      const criterion = owner.locator('fieldset.criterion').nth(index);
      await criterion.getByRole('radio', { name: 'Oui', exact: true }).check();
      await criterion
        .locator(`textarea[name="evidence-${code}"]`)
        .fill(
          `Critère ${index + 1} : depuis 2019 notre encadrante technique suit chaque salarié en parcours, ` +
            `avec un bilan écrit tous les trois mois et un référent nommé (pratique ${code}).`,
        );
    }
    await owner
      .locator(`input[name="document-${codes[0]}"]`)
      .setInputFiles({ name: 'attestation.pdf', mimeType: 'application/pdf', buffer: smallPdf() });
    await owner.screenshot({ path: '/tmp/journey-charte.png', fullPage: true }).catch(() => undefined);

    // A draft first: kept with its PDF, the refused answer's messages gone.
    await owner.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await owner.waitForURL(/fait=enregistre/);
    await owner.getByRole('status').filter({ hasText: 'Votre brouillon est enregistré.' }).waitFor();
    expect(await owner.locator('.alert').count()).toBe(0);
    expect(await owner.locator(`textarea[name="evidence-${codes[8]}"]`).inputValue()).toContain('Critère 9');
    await owner.getByRole('link', { name: 'Document déjà joint au critère 1 (PDF)' }).waitFor();
    await checkPage(app, owner, 'charte-brouillon');

    await owner.getByRole('button', { name: 'Envoyer aux modérateurs' }).click();
    await owner.waitForURL(/fait=envoye/);
    await owner.getByRole('status').filter({ hasText: 'Votre auto-évaluation est envoyée' }).waitFor();
    const main = await owner.locator('main').innerText();
    expect(main).toContain('Charte en cours de vérification');
    expect(main).toContain('Auto-évaluation en cours de vérification');
    await checkPage(app, owner, 'charte-envoyee');
  }, 120_000);

  it('a moderator logs in, finds the charter in the queue, validates every criterion', async () => {
    const moderator = await app.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await signUp(moderator, MODERATOR_EMAIL);
      const database = openDatabase(app.databaseFile);
      try {
        await database.db
          .updateTable('users')
          .set({ site_role: 'moderator', email_verified_at: new Date().toISOString() })
          .where('email', '=', MODERATOR_EMAIL)
          .execute();
      } finally {
        await database.close();
      }
      await moderator.goto('/moderation');
      await logIn(moderator, MODERATOR_EMAIL);
      await moderator.locator('h1', { hasText: 'Modération' }).waitFor();
      await checkPage(app, moderator, 'moderation');

      await moderator.getByRole('link', { name: 'Vérifier les chartes' }).click();
      await moderator.locator('h1', { hasText: 'Chartes à vérifier' }).waitFor();
      await checkPage(app, moderator, 'moderation-chartes');
      await moderator.getByRole('link', { name: NAME }).click();
      await moderator.waitForURL(/\/moderation\/chartes\/\d+$/);
      await moderator.locator('h1', { hasText: `Charte de ${NAME}, version 1` }).waitFor();
      await checkPage(app, moderator, 'moderation-revue');

      // The PDF the supplier attached, served to the moderator as it was sent.
      const href = await moderator
        .getByRole('link', { name: /Télécharger le document justificatif/ })
        .getAttribute('href');
      const pdf = await moderator.request.get(href ?? '');
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');

      // A decision without every criterion examined is refused.
      await moderator.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await moderator.locator('.alert').waitFor();
      await checkPage(app, moderator, 'moderation-revue-refusee');

      // Examined and saved without deciding: the refused answer's messages are gone, the reviews kept.
      for (const code of codes) await moderator.locator(`input[name="review-${code}"][value="validated"]`).check();
      await moderator.getByRole('button', { name: 'Enregistrer l’examen sans décider' }).click();
      await moderator.waitForURL(/fait=enregistre/);
      await moderator.getByRole('status').filter({ hasText: 'Votre examen est enregistré' }).waitFor();
      expect(await moderator.locator('.alert').count()).toBe(0);
      expect(await moderator.locator(`input[name="review-${codes[8]}"][value="validated"]`).isChecked()).toBe(true);

      await moderator.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await moderator.waitForURL(/\/moderation\/chartes$/);
      expect(await moderator.getByRole('link', { name: NAME }).count()).toBe(0);
    } finally {
      await moderator.context().close();
    }
  }, 120_000);

  it('anonymous: the public search finds the supplier with its badge; the sheet shows logo and evidence', async () => {
    const visitor = await app.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      // The outbox worker indexes the newly published sheet within seconds.
      await expect
        .poll(
          async () => {
            await visitor.goto(`/fournisseurs?q=${SEARCH}`);
            return visitor.getByRole('link', { name: NAME }).count();
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(1);
      const result = visitor.locator('li.result', { has: visitor.getByRole('link', { name: NAME }) });
      expect(await result.locator('.charter-status--verified').innerText()).toContain('Charte vérifiée');
      await checkPage(app, visitor, 'recherche');

      await visitor.getByRole('link', { name: NAME }).click();
      await visitor.locator('h1', { hasText: NAME }).waitFor();
      const logo = visitor.locator('img.sheet__logo');
      expect(await logo.getAttribute('src')).toMatch(/^\/logos\//);
      await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
      expect(await visitor.locator('.charter-status--verified').first().innerText()).toContain('Charte vérifiée');
      await visitor.getByText('Ce que la structure a déclaré').click();
      expect(await visitor.locator('.charter-evidence li').count()).toBe(9);
      const main = await visitor.locator('main').innerText();
      expect(main).toContain('Location de mobilier reconditionné');
      expect(main).toContain('contact@vergelune.example.fr');
      await visitor.screenshot({ path: '/tmp/journey-fiche-publique.png', fullPage: true }).catch(() => undefined);
      await checkPage(app, visitor, 'fiche-publique');
    } finally {
      await visitor.context().close();
    }

    // The supplier's own page now says so, with the link to the public sheet.
    await owner.goto(`/organisations/${organisationId}`);
    const main = await owner.locator('main').innerText();
    expect(main).toContain('Fiche publiée dans le catalogue');
    expect(main).toContain('Charte vérifiée');
    await owner.getByRole('link', { name: 'Voir la fiche publique' }).waitFor();
  }, 90_000);

  it('the buyer organisation form, empty then refused, is accessible too', async () => {
    await owner.goto('/organisations/nouvelle');
    await checkPage(app, owner, 'organisation-nouvelle');
    await owner.getByRole('link', { name: 'Un acheteur public ou privé' }).click();
    await owner.locator('h1', { hasText: 'Créer une organisation acheteuse' }).waitFor();
    await checkPage(app, owner, 'acheteur');
    await owner.getByLabel('SIRET').fill('123');
    await owner.getByRole('button', { name: 'Créer l’organisation' }).click();
    await owner.locator('.alert').waitFor();
    expect(await owner.locator('.alert h2').innerText()).toMatch(/^Le formulaire contient \d erreurs$/);
    await expect.poll(() => owner.evaluate(() => document.activeElement?.className)).toBe('alert');
    await checkPage(app, owner, 'acheteur-refuse');
  }, 60_000);
});
