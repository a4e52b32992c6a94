import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from '../support/e2e';

// Browser journeys through the public catalogue, in Chromium, against the built app and a real database.

let app: E2eApp;

beforeAll(async () => {
  app = await startE2eApp();
});

afterAll(async () => {
  await app?.close();
});

/** Errors other than the browser's own log line for an expected 4xx document. */
function unexpectedErrors(page: Page): string[] {
  return app
    .errorsOf(page)
    .filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
}

async function resultNames(page: Page): Promise<string[]> {
  return page.locator('.result-list .result h3').allInnerTexts();
}

/** Client-side navigations change the URL before the new page is rendered: wait for the content itself. */
async function waitForH1(page: Page, text: string): Promise<void> {
  await page.locator('h1', { hasText: text }).waitFor();
}

async function statusText(page: Page): Promise<string> {
  return (await page.locator('.results__count').innerText()).replace(/\s+/g, ' ').trim();
}

describe('with JavaScript', () => {
  let page: Page;

  beforeAll(async () => {
    page = await app.newPage();
  });

  afterAll(async () => {
    expect(unexpectedErrors(page).join('\n')).toBe('');
    await page.context().close();
  });

  it('finds a supplier from the home page despite a typo', async () => {
    await page.goto('/');
    await page.getByLabel('Rechercher un fournisseur (activité, nom, SIRET…)').fill('quintaime');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL('**/fournisseurs?q=quintaime');
    await page.locator('.result-list').waitFor();
    expect((await resultNames(page))[0]).toBe('Les Jardins de Quintaine');
    await expect.poll(() => page.title()).toContain('« quintaime »');
  });

  it('filters by kind with a checkbox that submits itself, and clears it again', async () => {
    await page.goto('/fournisseurs?q=ravenelle');
    expect((await resultNames(page)).sort()).toEqual(['ESAT Blanchisserie Ravenelle', 'Ravenelle Propreté']);
    expect(await statusText(page)).toBe('2 fournisseurs');

    await page.locator('#f-kind-ESAT').check();
    await page.waitForURL(/kind=ESAT/);
    await page.waitForFunction(() => document.querySelectorAll('.result-list .result').length === 1);
    expect(await resultNames(page)).toEqual(['ESAT Blanchisserie Ravenelle']);
    expect(await statusText(page)).toBe('1 fournisseur');
    expect(await page.locator('#f-kind-ESAT').isChecked()).toBe(true);
    // The facet is counted without its own filter: the other kind stays offered with its count.
    await expect.poll(() => page.locator('label[for="f-kind-EI"]').innerText()).toMatch(/Entreprise d'insertion\s+1/);
    // Focus comes back to the checkbox after the automatic submission.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-kind-ESAT');

    await page.locator('#f-kind-ESAT').uncheck();
    await page.waitForURL((url) => !url.search.includes('kind='));
    await page.waitForFunction(() => document.querySelectorAll('.result-list .result').length === 2);
  });

  it('filters by département with the select, then opens a supplier sheet', async () => {
    await page.goto('/fournisseurs?q=ravenelle');
    await page.locator('#f-departement').selectOption('69');
    await page.waitForURL(/departement=69/);
    await page.waitForFunction(() => document.querySelectorAll('.result-list .result').length === 1);
    expect(await resultNames(page)).toEqual(['Ravenelle Propreté']);
    expect(await page.locator('#f-departement-69').isChecked()).toBe(true);
    await expect.poll(() => page.locator('.active-filters').innerText()).toContain('Département : Rhône (69)');

    await page.getByRole('link', { name: 'Ravenelle Propreté' }).click();
    await page.waitForURL(`**/fournisseurs/${app.slugs.ravenelleEi}`);
    await waitForH1(page, 'Ravenelle Propreté');
    expect(await page.locator('#charte').locator('xpath=..').innerText()).toContain('Charte non signée');
    await expect.poll(() => page.title()).toContain('Ravenelle Propreté');
  });

  it('lists the top sectors at once, and every sector by group with filtres=tous', async () => {
    await page.goto('/fournisseurs?q=ravenelle');
    // Collapsed lists (decision 301): the top sectors are checkboxes outside any group.
    expect(await page.locator('.filters details').count()).toBe(0);
    await page.locator('#f-sector-nettoyage-vitres').check();
    await page.waitForURL(/sector=nettoyage-vitres/);
    await page.waitForFunction(() => document.querySelectorAll('.result-list .result').length === 1);
    expect(new URL(page.url()).searchParams.get('filtres')).toBeNull();
  });

  it('filters by sector inside its group, and keeps the group open and focused when unchecked', async () => {
    await page.goto('/fournisseurs?q=ravenelle&filtres=tous');
    await page.locator('summary', { hasText: 'Propreté et nettoyage' }).click();
    await page.locator('#f-sector-nettoyage-vitres').check();
    await page.waitForURL(/sector=nettoyage-vitres/);
    // The form keeps every value listed while filtering.
    expect(new URL(page.url()).searchParams.get('filtres')).toBe('tous');
    await page.waitForFunction(() => document.querySelectorAll('.result-list .result').length === 1);
    expect(await resultNames(page)).toEqual(['Ravenelle Propreté']);
    await page.locator('#f-sector-nettoyage-vitres').uncheck();
    await page.waitForURL((url) => !url.search.includes('sector='));
    await page.waitForFunction(() => document.querySelectorAll('.result-list .result').length === 2);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-sector-nettoyage-vitres');
  });

  it('suggests communes while typing and searches in and around the chosen one', async () => {
    await page.goto('/fournisseurs?q=ravenelle');
    await page.locator('#f-commune').fill('Villeurb');
    await page.waitForSelector('#f-commune-suggestions option[value="Villeurbanne (69266)"]', { state: 'attached' });
    // Picking a suggestion submits the form: suppliers whose service area covers Villeurbanne.
    await page.locator('#f-commune').fill('Villeurbanne (69266)');
    await page.waitForURL(/commune=69266/);
    await page.waitForFunction(() => document.querySelectorAll('.result-list .result').length === 2);
    expect(await page.locator('#f-commune').inputValue()).toBe('Villeurbanne (69266)');

    await page.locator('#f-radius').selectOption('20');
    await page.waitForURL(/radius_km=20/);
    await page.waitForFunction(() => document.querySelectorAll('.result-list .result').length === 1);
    expect(await resultNames(page)).toEqual(['Ravenelle Propreté']);
    expect(await page.locator('.result').first().innerText()).toMatch(/à \d+(,\d)? km/);
  });

  it('renders matched words in <mark> from the escaped snippet, with entities decoded', async () => {
    await page.goto('/fournisseurs?q=pesticides');
    const snippet = page.locator('.result__snippet').first();
    expect(await snippet.locator('mark').first().innerText()).toBe('pesticides');
    expect(await snippet.innerText()).toContain('pesticides & sans');
    expect(await snippet.innerHTML()).not.toContain('&amp;amp;');
  });

  it('pages through the results with rel and aria-current', async () => {
    await page.goto('/fournisseurs');
    const nav = page.getByRole('navigation', { name: 'Pagination des résultats' });
    expect(await nav.locator('[aria-current="page"]').innerText()).toBe('1');
    await nav.locator('a[rel="next"]').click();
    await page.waitForURL(/page=2/);
    await expect.poll(() => nav.locator('[aria-current="page"]').innerText()).toBe('2');
    expect(await nav.locator('a[rel="prev"]').getAttribute('href')).toBe('/fournisseurs');
  });
});

describe('without JavaScript', () => {
  let page: Page;

  beforeAll(async () => {
    page = await app.newPage({ javaScriptEnabled: false });
  });

  afterAll(async () => {
    expect(unexpectedErrors(page).join('\n')).toBe('');
    await page.context().close();
  });

  it('searches with a typo, filters with the « Filtrer » button, and opens a sheet', async () => {
    await page.goto('/');
    await page.getByLabel('Rechercher un fournisseur (activité, nom, SIRET…)').fill('quintaime');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL('**/fournisseurs?q=quintaime');
    expect((await resultNames(page))[0]).toBe('Les Jardins de Quintaine');

    await page.goto('/fournisseurs?q=ravenelle');
    await page.locator('#f-kind-ESAT').check();
    // Nothing happens until the form is submitted.
    expect(page.url()).not.toContain('kind=');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/kind=ESAT/);
    expect(await resultNames(page)).toEqual(['ESAT Blanchisserie Ravenelle']);

    // Département 69 is offered again once the ESAT filter is removed.
    await page.locator('#f-kind-ESAT').uncheck();
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((url) => !url.search.includes('kind='));
    await page.locator('#f-departement').selectOption('69');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/departement=69/);
    expect(await resultNames(page)).toEqual(['Ravenelle Propreté']);

    await page.getByRole('link', { name: 'Ravenelle Propreté' }).click();
    await page.waitForURL(`**/fournisseurs/${app.slugs.ravenelleEi}`);
    expect(await page.locator('h1').innerText()).toBe('Ravenelle Propreté');
  });

  it('resolves a commune typed by name and sorts by distance', async () => {
    await page.goto('/fournisseurs?q=ravenelle');
    await page.locator('#f-commune').fill('villeurbanne');
    await page.locator('#f-radius').selectOption('200');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/commune=69266/);
    expect(page.url()).toContain('radius_km=200');
    expect(await page.locator('#f-commune').inputValue()).toBe('Villeurbanne (69266)');
    await page.locator('#f-sort').selectOption('distance');
    await page.getByRole('button', { name: 'Trier' }).click();
    await page.waitForURL(/sort=distance/);
    expect(await resultNames(page)).toEqual(['Ravenelle Propreté', 'ESAT Blanchisserie Ravenelle']);
  });

  it('explains bad parameters in French with a 400 and keeps the form usable', async () => {
    const response = await page.goto('/fournisseurs?per_page=1000&kind=ZZZ');
    expect(response?.status()).toBe(400);
    const alert = await page.locator('[role="alert"]').innerText();
    expect(alert).toContain('per_page doit être un entier entre 1 et 100');
    expect(alert).toContain('« ZZZ »');
    expect(await page.locator('#f-kind-EI').count()).toBe(1);

    const unknownCommune = await page.goto('/fournisseurs?commune=Xyzzyville');
    expect(unknownCommune?.status()).toBe(400);
    expect(await page.locator('[role="alert"]').innerText()).toContain('aucune commune ne s’appelle « Xyzzyville »');
    expect(await page.locator('#f-commune').inputValue()).toBe('Xyzzyville');
  });

  it('lets keyboard users skip to the content', async () => {
    await page.goto('/fournisseurs');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenu');
  });

  it('shows a helpful message when nothing matches', async () => {
    await page.goto('/fournisseurs?q=zzzzqqqq&kind=EI');
    expect(await statusText(page)).toBe('0 fournisseur');
    const empty = await page.locator('.empty-results').innerText();
    expect(empty).toContain('Aucun fournisseur ne correspond');
    expect(empty).toContain('effacez tous les filtres');
    expect(await page.getByRole('link', { name: 'effacez tous les filtres' }).getAttribute('href')).toBe(
      '/fournisseurs?q=zzzzqqqq',
    );
  });
});

describe('pages and safety', () => {
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    page = await app.newPage();
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
  });

  afterAll(async () => {
    expect(dialogs).toEqual([]);
    expect(unexpectedErrors(page).join('\n')).toBe('');
    await page.context().close();
  });

  it('never runs a query as HTML', async () => {
    const q = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const response = await page.goto(`/fournisseurs?q=${encodeURIComponent(q)}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('#recherche-q').inputValue()).toBe(q);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('.active-filters').innerText()).toContain('<script>');
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
  });

  it('answers 404 in French for unknown pages and unpublished suppliers', async () => {
    for (const path of ['/nulle-part', `/fournisseurs/${app.slugs.draft}`, '/fournisseurs/n%27importe%20quoi']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      expect(await page.locator('h1').innerText()).toBe('Page introuvable');
      expect(await page.title()).toBe('Page introuvable — Maillage');
      expect(await page.getByRole('link', { name: 'Revenir à l’accueil' }).count()).toBe(1);
    }
  });

  it('lets keyboard users skip to the content', async () => {
    // Once the page is idle (hydrated): a key pressed during React 18's hydration of the document can hit
    // React's « Root did not complete » selective-hydration error (the link still works, the error is logged).
    // The same journey without JavaScript is tested below.
    await page.goto('/', { waitUntil: 'networkidle' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenu');
  });

  it('shows the home counts as links into the search', async () => {
    await page.goto('/');
    const kindLinks = page.locator('section[aria-labelledby="par-type"] a');
    expect(await kindLinks.count()).toBeGreaterThan(3);
    const esat = page.locator('section[aria-labelledby="par-type"] a[href="/fournisseurs?kind=ESAT"]');
    const count = Number((await esat.locator('.count').innerText()).replace(/\D/g, ''));
    await esat.click();
    await page.waitForURL(/kind=ESAT/);
    await waitForH1(page, 'Rechercher un fournisseur');
    await expect.poll(async () => Number((await statusText(page)).split(' — ')[0].replace(/\D/g, ''))).toBe(count);
  });

  it('lists the 9 charter criteria', async () => {
    await page.goto('/charte');
    expect(await page.locator('.criteria > li').count()).toBe(9);
    expect(await page.locator('h1').innerText()).toBe('La charte d’engagement');
  });
});
