import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from '../support/e2e';
import { parseEml } from '../support/eml';

// The account pages in Chromium against the built app (issue 6): the whole journey from sign-up to log-out
// with the verification link read from the .eml file the mail sender wrote, the same forms without
// JavaScript, axe-core on each page, and the same-origin check on a cross-site log-in post.

const PASSWORD = 'cheval violet sur la Loire';
let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp();
});

afterAll(async () => {
  await app?.close();
});

function unexpectedErrors(page: Page): string[] {
  return app
    .errorsOf(page)
    .filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
}

/**
 * The text of a finished .eml addressed to `email` whose text contains `containing` (the transport renames
 * `.x.eml.tmp` when done).
 */
async function mailTo(email: string, containing = ''): Promise<string> {
  const find = () => {
    if (!fs.existsSync(app.mailDir)) return null;
    for (const file of fs.readdirSync(app.mailDir).filter((f) => f.endsWith('.eml') && !f.startsWith('.'))) {
      const parsed = parseEml(fs.readFileSync(path.join(app.mailDir, file), 'utf8'));
      const text = parsed.parts[0]?.body ?? parsed.body;
      if (parsed.headers.get('to') === email && text.includes(containing)) return text;
    }
    return null;
  };
  await expect.poll(find, { timeout: 10_000, interval: 100 }).not.toBeNull();
  return find() ?? '';
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('with JavaScript', () => {
  it('signs up, confirms the address from the mail, logs in, sees the e-mail in the header, logs out', async () => {
    const page = await app.newPage();
    const email = 'journee@exemple.fr';
    await page.goto(`${app.baseUrl}/inscription`);
    expect(await seriousViolations(page)).toEqual([]);

    // Errors first: messages next to the fields, a summary that takes the focus, the e-mail kept.
    await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
    await page.getByLabel('Mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.locator('.alert h2').waitFor();
    expect(await page.locator('.alert h2').innerText()).toBe('Le formulaire contient 2 erreurs');
    expect(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe('pas-une-adresse');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('alert');
    // RGAA 8.6: the title says the form was refused.
    expect(await page.title()).toMatch(/^Erreur : /);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.locator('h1', { hasText: 'Vérifiez votre messagerie' }).waitFor();

    const body = await mailTo(email);
    const link = /(http:\/\/localhost:\d+\/verifier-email\?token=[a-z2-7.]+)/.exec(body)?.[1];
    expect(link).toBeTruthy();
    await page.goto(link ?? '');
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await page.locator('h1', { hasText: 'Adresse e-mail confirmée' }).waitFor();

    await page.goto(`${app.baseUrl}/compte`);
    await page.locator('h1', { hasText: 'Se connecter' }).waitFor();
    expect(new URL(page.url()).search).toBe('?redirectTo=%2Fcompte');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('h1', { hasText: 'Mon compte' }).waitFor();
    expect(await page.locator('.account-nav').innerText()).toContain(email);
    expect(await page.locator('main').innerText()).toContain('Adresse confirmée');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Voir les sessions actives' }).click();
    await page.locator('h1', { hasText: 'Sessions actives' }).waitFor();
    expect(await page.locator('.session-list h2').allInnerTexts()).toEqual([
      expect.stringContaining('(cette session)'),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Retour à mon compte' }).click();
    await page.locator('h1', { hasText: 'Mon compte' }).waitFor();

    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'maillage_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: true });
    const response = await fetch(`${app.baseUrl}/compte`, {
      headers: { Cookie: `maillage_session=${session?.value}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');

    await page.locator('.account-nav').getByRole('button', { name: 'Se déconnecter' }).click();
    await page.locator('.account-nav').getByRole('link', { name: 'Se connecter' }).waitFor();
    const after = await fetch(`${app.baseUrl}/compte`, {
      headers: { Cookie: `maillage_session=${session?.value}` },
      redirect: 'manual',
    });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/connexion?redirectTo=%2Fcompte');
    expect(unexpectedErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('password and account settings, with JavaScript', () => {
  it('forgets the password, resets it from the mailed link, logs in with the new one, then deletes the account', async () => {
    const page = await app.newPage();
    const email = 'oubli@exemple.fr';
    const NEW_PASSWORD = 'une toute nouvelle phrase secrète';
    await page.goto(`${app.baseUrl}/inscription`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.locator('h1', { hasText: 'Vérifiez votre messagerie' }).waitFor();

    await page.goto(`${app.baseUrl}/connexion`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.locator('h1', { hasText: 'Mot de passe oublié' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByText('Si un compte existe pour cette adresse').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const body = await mailTo(email, '/reinitialiser-mot-de-passe?token=');
    const link = /(http:\/\/localhost:\d+\/reinitialiser-mot-de-passe\?token=[a-z2-7.]+)/.exec(body)?.[1];
    expect(link).toBeTruthy();
    const headers = await fetch(link ?? '');
    expect(headers.headers.get('cache-control')).toBe('no-store');
    // The page's policy replaces the site-wide default (server.ts): one value, not a list.
    expect(headers.headers.get('referrer-policy')).toBe('no-referrer');
    await page.goto(link ?? '');
    await page.locator('h1', { hasText: 'Choisir un nouveau mot de passe' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Nouveau mot de passe').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.locator('.field__errors').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText('Votre mot de passe a été changé').waitFor();
    expect(new URL(page.url()).pathname).toBe('/connexion');

    await page.goto(link ?? '');
    await page.getByText('Ce lien a expiré ou a déjà été utilisé').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${app.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('h1', { hasText: 'Mon compte' }).waitFor();

    for (const [name, title] of [
      ['Changer de mot de passe', 'Changer de mot de passe'],
      ['Changer d’adresse e-mail', 'Changer d’adresse e-mail'],
    ]) {
      await page.getByRole('link', { name }).click();
      await page.locator('h1', { hasText: title }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Retour à mon compte' }).click();
      await page.locator('h1', { hasText: 'Mon compte' }).waitFor();
    }
    await page.goto(`${app.baseUrl}/confirmer-adresse?token=abc`);
    await page.getByRole('button', { name: 'Confirmer la nouvelle adresse' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${app.baseUrl}/compte`);
    await page.getByRole('link', { name: 'Supprimer mon compte' }).click();
    await page.locator('h1', { hasText: 'Supprimer mon compte' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Mot de passe actuel').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await page.getByText('Cochez la case').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Mot de passe actuel').fill(NEW_PASSWORD);
    await page.getByLabel('Je comprends').check();
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await page.getByText('Votre compte a été supprimé').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.account-nav').getByRole('link', { name: 'Se connecter' }).waitFor();
    expect(unexpectedErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('without JavaScript', () => {
  it('signs up and logs in with plain form posts, errors shown next to the fields', async () => {
    const page = await app.newPage({ javaScriptEnabled: false });
    await page.goto(`${app.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('sans-js@exemple.fr');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('.field__errors').first().waitFor();
    expect(await page.locator('.alert h2').innerText()).toBe('Le formulaire contient une erreur');
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe('sans-js@exemple.fr');
    expect(await page.getByLabel('Mot de passe').getAttribute('aria-describedby')).toBeTruthy();

    await page.goto(`${app.baseUrl}/inscription`);
    await page.getByLabel('Adresse e-mail').fill('sans-js@exemple.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.locator('h1', { hasText: 'Vérifiez votre messagerie' }).waitFor();

    await page.goto(`${app.baseUrl}/connexion`);
    await page.getByLabel('Adresse e-mail').fill('sans-js@exemple.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('h1', { hasText: 'Mon compte' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Adresse non confirmée');
    await page.getByRole('main').getByRole('button', { name: 'Se déconnecter' }).click();
    await page.locator('.account-nav').getByRole('link', { name: 'Créer un compte' }).waitFor();
    await page.context().close();
  });
});

describe('HTTP', () => {
  it('refuses a cross-site log-in post (same-origin check) and answers GET /deconnexion with a redirect', async () => {
    const refused = await fetch(`${app.baseUrl}/connexion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
      body: new URLSearchParams({ email: 'a@exemple.fr', password: PASSWORD }),
      redirect: 'manual',
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('set-cookie')).toBeNull();
    const get = await fetch(`${app.baseUrl}/deconnexion`, { redirect: 'manual' });
    expect(get.status).toBe(302);
    expect(get.headers.get('location')).toBe('/');
  });
});
