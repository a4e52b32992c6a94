import fs from 'node:fs';
import path from 'node:path';
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
