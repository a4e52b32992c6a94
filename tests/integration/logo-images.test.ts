import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkLogoUpload, LOGO_MAX_BYTES } from '../../app/domain/sheet/logo';
import { detectContentType } from '../../app/services/uploads/detect.server';
import { processLogo } from '../../app/services/uploads/logo-image.server';
import { buildPng, fixtureImage, gradientPng, pngChunk, POLYGLOT_HTML } from '../support/images';

// The logo's bytes (docs/decisions/131-uploads-and-logos.md): the type from the bytes (file-type), then sharp
// decodes, turns upright, fits within 400×400 and writes a new WebP without metadata; everything else refused.

const has = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'latin1'));
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>';

async function processed(input: Uint8Array) {
  const r = await processLogo(input);
  if (!r.ok) throw new Error(`refused: ${r.error.message} (${r.error.reason})`);
  return r.value;
}

/** What sharp reads back from the served bytes. */
const decoded = (bytes: Buffer) => sharp(bytes).metadata();

async function expectRefused(input: Uint8Array, message: RegExp) {
  const r = await processLogo(input);
  expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
}

describe('the type from the bytes', () => {
  it('finds PNG, JPEG and WebP from their signatures; SVG and HTML have none', async () => {
    expect(await detectContentType(gradientPng(2, 2))).toBe('image/png');
    expect(await detectContentType(fixtureImage('logo.jpg'))).toBe('image/jpeg');
    expect(await detectContentType(fixtureImage('logo.webp'))).toBe('image/webp');
    expect(await detectContentType(Buffer.from('GIF89a\x01\x00\x01\x00'))).toBe('image/gif');
    expect(await detectContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(await detectContentType(Buffer.from(POLYGLOT_HTML))).toBeUndefined();
    expect(await detectContentType(new Uint8Array(0))).toBeUndefined();
  });

  it('accepts only PNG, JPEG and WebP, and says why anything else is refused, in French', () => {
    const png = gradientPng(2, 2);
    expect(checkLogoUpload(png, 'image/png')).toEqual({ ok: true, value: 'image/png' });
    expect(checkLogoUpload(png, 'image/apng')).toEqual({ ok: true, value: 'image/png' });
    expect(checkLogoUpload(png, 'image/jpeg')).toEqual({ ok: true, value: 'image/jpeg' });
    expect(checkLogoUpload(png, 'image/webp')).toEqual({ ok: true, value: 'image/webp' });
    const refusal = (bytes: Uint8Array, detected?: string) => {
      const r = checkLogoUpload(bytes, detected);
      return r.ok ? 'accepted' : r.error;
    };
    expect(refusal(Buffer.from(SVG), 'application/xml')).toMatch(/SVG ne sont pas acceptés/);
    expect(refusal(Buffer.from('\uFEFF  <!-- c --><svg onload="x">'))).toMatch(/SVG/);
    expect(refusal(Buffer.from('GIF89a'), 'image/gif')).toMatch(/GIF ne sont pas acceptées/);
    expect(refusal(Buffer.from('%PDF-1.7'), 'application/pdf')).toMatch(/PDF, pas une image/);
    expect(refusal(Buffer.from(POLYGLOT_HTML))).toMatch(/n’est pas une image PNG, JPEG ou WebP/);
    expect(refusal(Buffer.from('BM....'), 'image/bmp')).toMatch(/n’est pas une image PNG, JPEG ou WebP/);
    expect(refusal(new Uint8Array(0))).toMatch(/Choisissez/);
    const big = Buffer.concat([png, Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(refusal(big, 'image/png')).toMatch(/dépasse 2 Mo/);
  });

  it('refuses an SVG, a GIF, a PDF and HTML whatever their name (the service never sees the name)', async () => {
    await expectRefused(Buffer.from(SVG), /SVG/);
    await expectRefused(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), /GIF/);
    await expectRefused(Buffer.from('%PDF-1.7\n%%EOF\n'), /PDF/);
    await expectRefused(Buffer.from(POLYGLOT_HTML), /n’est pas une image/);
  });
});

describe('re-encoded with sharp: a new WebP within 400×400, no byte of the upload', () => {
  it('scales a large PNG into 400×400 keeping its proportions, as lossless WebP', async () => {
    const input = gradientPng(1000, 500);
    const out = await processed(input);
    expect(out).toMatchObject({ contentType: 'image/webp', width: 400, height: 200 });
    expect(await decoded(out.bytes)).toMatchObject({ format: 'webp', width: 400, height: 200 });
    expect(out.bytes.equals(input)).toBe(false);
  });

  it('never enlarges a small image, and keeps its transparency', async () => {
    const input = await sharp({ create: { width: 60, height: 30, channels: 4, background: '#ff000080' } })
      .png()
      .toBuffer();
    const out = await processed(input);
    expect(out).toMatchObject({ width: 60, height: 30 });
    expect(await decoded(out.bytes)).toMatchObject({ format: 'webp', hasAlpha: true });
    expect(out.bytes.includes(input)).toBe(false);
  });

  it.each(['logo.jpg', 'logo.webp', 'logo-alpha.webp', 'logo-lossless.webp'] as const)(
    'accepts %s and serves new bytes without its ICC profile',
    async (name) => {
      const input = fixtureImage(name);
      const out = await processed(input);
      const meta = await decoded(out.bytes);
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(400);
      expect(meta.icc).toBeUndefined();
      expect(has(out.bytes, 'ICCP') || has(out.bytes, 'ICC_PROFILE')).toBe(false);
      expect(out.bytes.equals(input)).toBe(false);
    },
  );

  it('drops a JPEG’s EXIF (GPS position, copyright) after turning it upright', async () => {
    const jpeg = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#3366cc' } })
      .jpeg()
      .withExif({
        IFD0: { Copyright: 'Secret Maillage' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '48/1 51/1 24/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '2/1 21/1 3/1',
        },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const before = await decoded(jpeg);
    expect(before.orientation).toBe(6);
    const gpsPointer = Buffer.from([0x25, 0x88]); // tag 0x8825, little-endian as sharp writes it
    expect(before.exif?.includes(gpsPointer)).toBe(true);
    const out = await processed(jpeg);
    // Orientation 6: the 200×100 picture is shown 100×200.
    expect(out).toMatchObject({ width: 100, height: 200 });
    const after = await decoded(out.bytes);
    expect(after).toMatchObject({ format: 'webp', width: 100, height: 200 });
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(has(out.bytes, 'Exif') || has(out.bytes, 'EXIF') || has(out.bytes, 'Secret Maillage')).toBe(false);
  });
});

describe('polyglots and broken files', () => {
  it('neutralises a PNG polyglot: HTML after IEND and in a text chunk is not in the output', async () => {
    const text = pngChunk('tEXt', Buffer.from(`Comment\0${POLYGLOT_HTML}`, 'latin1'));
    const base = buildPng({
      width: 2,
      height: 1,
      depth: 8,
      colour: 2,
      rows: [Buffer.alloc(6, 200)],
      extraChunks: [text],
    });
    const polyglot = Buffer.concat([base, Buffer.from(POLYGLOT_HTML)]);
    expect(await detectContentType(polyglot)).toBe('image/png');
    const out = await processed(polyglot);
    for (const marker of ['<script', '<html', 'alert(']) expect(has(out.bytes, marker)).toBe(false);
    expect(out.bytes.includes(base)).toBe(false);
  });

  it('neutralises a JPEG polyglot: HTML in a comment segment and after EOI', async () => {
    const jpeg = fixtureImage('logo.jpg');
    const comment = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0x00, POLYGLOT_HTML.length + 2]),
      Buffer.from(POLYGLOT_HTML),
    ]);
    const polyglot = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2), Buffer.from(POLYGLOT_HTML)]);
    const out = await processed(polyglot);
    expect(out).toMatchObject({ width: 400, height: 200 });
    for (const marker of ['<script', '<html']) expect(has(out.bytes, marker)).toBe(false);
  });

  it('neutralises a WebP with HTML appended', async () => {
    const out = await processed(Buffer.concat([fixtureImage('logo.webp'), Buffer.from(POLYGLOT_HTML)]));
    expect(has(out.bytes, '<script')).toBe(false);
  });

  it('refuses what does not decode: bad CRC, truncated PNG, JPEG or WebP, HTML behind a signature', async () => {
    const good = gradientPng(40, 40);
    const badCrc = Buffer.from(good);
    badCrc[good.length - 20] ^= 0xff;
    const jpeg = fixtureImage('logo.jpg');
    for (const broken of [
      badCrc,
      good.subarray(0, 60),
      Buffer.concat([good.subarray(0, 8), Buffer.from(POLYGLOT_HTML)]),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(POLYGLOT_HTML)]),
      jpeg.subarray(0, jpeg.length - 200),
      Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
      fixtureImage('logo.webp').subarray(0, 60),
    ])
      await expectRefused(broken, /illisible ou abîmée|n’est pas une image/);
  });
});

describe('decompression bombs', () => {
  it('refuses a small PNG declaring 20000×20000 pixels before decoding it', async () => {
    const header = buildPng({ width: 20000, height: 20000, depth: 8, colour: 0, rows: [Buffer.alloc(1)] });
    expect(header.length).toBeLessThan(100);
    await expectRefused(header, /trop de pixels/);
  });

  it('refuses a valid 49-megapixel PNG of a few kilobytes', async () => {
    const side = 7000;
    const row = Buffer.alloc(side / 8);
    const bomb = buildPng({ width: side, height: side, depth: 1, colour: 0, rows: Array(side).fill(row) });
    expect(bomb.length).toBeLessThan(LOGO_MAX_BYTES);
    await expectRefused(bomb, /trop de pixels/);
  });
});
