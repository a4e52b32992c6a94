import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import { completeSiren, completeSiret } from '../../app/domain/siret';
import type { E2eApp } from './e2e';
import { parseEml } from './eml';

// Helpers of the supplier's browser journey (tests/e2e/supplier-journey.test.ts): the mail read from MAIL_DIR,
// axe-core with the page checks every form and dashboard must pass, and the files the journey uploads (a PNG
// drawn by sharp, a small but well-formed PDF).

/** The text part of a finished .eml addressed to `email` whose text contains `containing`. */
export async function mailTo(app: E2eApp, email: string, containing = ''): Promise<string> {
  const find = () => {
    if (!fs.existsSync(app.mailDir)) return null;
    for (const file of fs.readdirSync(app.mailDir).filter((f) => f.endsWith('.eml') && !f.startsWith('.'))) {
      const parsed = parseEml(fs.readFileSync(path.join(app.mailDir, file), 'utf8'));
      const text = parsed.parts[0]?.body ?? parsed.body;
      if (parsed.headers.get('to') === email && text.includes(containing)) return text;
    }
    return null;
  };
  await expect.poll(find, { timeout: 15_000, interval: 100 }).not.toBeNull();
  return find() ?? '';
}

/**
 * axe-core (WCAG 2.0–2.2 A and AA, best practices, label-content-name-mismatch): no serious or critical
 * violation; one h1; headings without a skipped level; every field labelled; no page error (a refused form
 * answers 400 or 422, which Chromium logs: not an error of the page).
 */
export async function checkPage(app: E2eApp, page: Page, name: string): Promise<void> {
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

/** A Luhn-valid SIRET built from `seed` (8 digits), which the demo generator and the known suppliers never use. */
export function journeySiret(seed = '97531864'): string {
  return completeSiret(`${completeSiren(seed)}0042`);
}

/** A 320 × 200 PNG logo: a green card with a white disc and a word, drawn by sharp from an SVG. */
export async function logoPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200">
    <rect width="320" height="200" rx="24" fill="#1d6b4f"/>
    <circle cx="80" cy="100" r="52" fill="#fff"/>
    <text x="150" y="115" font-family="sans-serif" font-size="40" fill="#fff">Logo</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A one-page PDF with a cross-reference table and the right offsets (ISO 32000-1 7.5). */
export function smallPdf(): Buffer {
  const content = 'BT /F1 18 Tf 72 720 Td (Attestation de formation, 2026) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
