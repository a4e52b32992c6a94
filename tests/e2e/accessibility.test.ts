import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from '../support/e2e';

// axe-core in Chromium on every public page: no serious or critical violation (WCAG 2.0, 2.1 and 2.2 A/AA
// rules, the RGAA's reference, and best practices). Each page is also saved as a screenshot under /tmp for a
// human look.

let app: E2eApp;
let page: Page;

beforeAll(async () => {
  app = await startE2eApp();
  page = await app.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await page?.context().close();
  await app?.close();
});

async function seriousViolations(): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    // Experimental in axe, but RGAA 6.1.5 requires it: a link's accessible name contains its visible text.
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  // axe really ran its rules on this page (contrast, labels, landmarks, names of links...).
  const ran = [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map(
    (r) => r.id,
  );
  expect(ran).toEqual(
    expect.arrayContaining(['color-contrast', 'html-has-lang', 'landmark-one-main', 'label-content-name-mismatch']),
  );
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

const pages: [string, () => string, number][] = [
  ['home', () => '/', 200],
  ['search', () => '/fournisseurs?q=pesticides', 200],
  [
    'search-filtered',
    () => '/fournisseurs?kind=ESAT&kind=EI&departement=69&commune=69266&radius_km=50&sort=distance',
    200,
  ],
  ['search-all', () => '/fournisseurs', 200],
  ['search-empty', () => '/fournisseurs?q=zzzzqqqq', 200],
  ['search-error', () => '/fournisseurs?per_page=1000', 400],
  ['sheet', () => `/fournisseurs/${app.slugs.quintaine}`, 200],
  ['sheet-minimal', () => `/fournisseurs/${app.slugs.ravenelleEi}`, 200],
  ['charter', () => '/charte', 200],
  ['not-found', () => '/nulle-part', 404],
  // Written by server.ts itself, before Remix (docs/decisions/083).
  ['malformed-address', () => '/fournisseurs/%E0%A4%A', 400],
];

describe('accessibility (axe-core)', () => {
  for (const [name, path, status] of pages) {
    it(`${name}: no serious or critical violation`, async () => {
      const response = await page.goto(path());
      expect(response?.status()).toBe(status);
      // The screenshot is for people reviewing the pages; a busy machine failing to take one is not a finding.
      await page.screenshot({ path: `/tmp/maillage-${name}.png`, fullPage: true }).catch(() => undefined);
      expect(await seriousViolations()).toEqual([]);
      // One h1, lang="fr", and a main landmark on every page.
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.locator('main#contenu').count()).toBe(1);
    });
  }

  it('labels every form field', async () => {
    await page.goto('/fournisseurs?q=nettoyage');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.locator('fieldset > legend').count()).toBeGreaterThanOrEqual(5);
  });

  it('keeps headings in order (no level skipped)', async () => {
    for (const path of ['/', '/fournisseurs?q=nettoyage', `/fournisseurs/${app.slugs.quintaine}`, '/charte']) {
      await page.goto(path);
      const levels = await page.evaluate(() =>
        [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
      );
      expect(levels[0], path).toBe(1);
      for (let i = 1; i < levels.length; i++)
        expect(levels[i] - levels[i - 1], `${path}: ${levels.join(',')}`).toBeLessThanOrEqual(1);
    }
  });
});
