import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { E2eApp } from './e2e';

// The checks every form and dashboard of the browser tests must pass (RGAA 4.1 through axe-core's WCAG tags),
// one definition for the journeys (supplier, charter and moderation, tenders).

/**
 * axe-core (WCAG 2.0–2.2 A and AA, best practices, label-content-name-mismatch): no serious or critical
 * violation; one h1; headings without a skipped level; every field labelled; no page error (a refused form
 * answers 400 or 422, which Chromium logs: not an error of the page).
 */
export async function checkPage(app: E2eApp, page: Page, name: string): Promise<void> {
  // The screenshot is for people reviewing the pages; a busy machine failing to take one is not a finding.
  await page.screenshot({ path: `/tmp/maillage-${name}.png`, fullPage: true }).catch(() => undefined);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  expect(serious, name).toEqual([]);
  expect(await page.locator('h1').count(), `${name}: one h1`).toBe(1);
  const levels = await page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
  );
  for (let i = 1; i < levels.length; i++)
    expect(levels[i] - levels[i - 1], `${name}: heading levels ${levels.join(',')}`).toBeLessThanOrEqual(1);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
      .filter((el) => (el as HTMLInputElement).labels?.length === 0 && !el.getAttribute('aria-label'))
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unlabelled, `${name}: unlabelled fields`).toEqual([]);
  const errors = app
    .errorsOf(page)
    .filter((e) => !/Failed to load resource: the server responded with a status of 4(00|22)/.test(e));
  expect(errors, `${name}: page errors`).toEqual([]);
}
