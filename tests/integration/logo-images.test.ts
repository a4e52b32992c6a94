import { describe, expect, it } from 'vitest';
import { checkLogoBytes, LOGO_MAX_BYTES, sniffImage } from '../../app/domain/sheet/logo';
import { rebuildJpeg, rebuildWebp } from '../../app/services/uploads/jpeg-webp.server';
import { processLogo } from '../../app/services/uploads/logo-image.server';
import { decodePng } from '../../app/services/uploads/png.server';
import { buildPng, fixtureImage, gradientPng, pngChunk, POLYGLOT_HTML } from '../support/images';

// The logo's bytes (docs/decisions/131-uploads-and-logos.md): the type from the bytes, PNG decoded and
// re-encoded within 400×400, JPEG and WebP rebuilt without metadata or trailing data, everything else refused.

const has = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'latin1'));

describe('the type from the bytes', () => {
  it('recognises PNG, JPEG and WebP, and names SVG, GIF and PDF', () => {
    expect(sniffImage(gradientPng(2, 2))).toBe('image/png');
    expect(sniffImage(fixtureImage('logo.jpg'))).toBe('image/jpeg');
    expect(sniffImage(fixtureImage('logo.webp'))).toBe('image/webp');
    expect(sniffImage(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffImage(Buffer.from('\uFEFF  <!-- c --><svg onload="x">'))).toBe('svg');
    expect(sniffImage(Buffer.from('GIF89a....'))).toBe('gif');
    expect(sniffImage(Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(sniffImage(Buffer.from('hello'))).toBe('unknown');
  });

  it('refuses SVG, other files, empty and too large ones with French messages', () => {
    const svg = checkLogoBytes(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'));
    expect(svg).toEqual({ ok: false, error: expect.stringMatching(/SVG ne sont pas acceptés/) });
    expect(checkLogoBytes(Buffer.from('MZ\x90\x00 not an image'))).toEqual({
      ok: false,
      error: expect.stringMatching(/n’est pas une image PNG, JPEG ou WebP/),
    });
    expect(checkLogoBytes(new Uint8Array(0))).toEqual({ ok: false, error: expect.stringMatching(/Choisissez/) });
    const big = Buffer.concat([gradientPng(2, 2), Buffer.alloc(LOGO_MAX_BYTES)]);
    expect(checkLogoBytes(big)).toEqual({ ok: false, error: expect.stringMatching(/dépasse 2 Mo/) });
  });
});

describe('PNG: decoded and re-encoded', () => {
  it('reads every colour type and bit depth to RGBA', () => {
    const palette = buildPng({
      width: 3,
      height: 1,
      depth: 2,
      colour: 3,
      rows: [Buffer.from([0b00011000])],
      palette: Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255]),
      transparency: Buffer.from([255, 128]),
    });
    const p = decodePng(palette, 100);
    expect(p.ok && [...p.value.pixels]).toEqual([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 255]);
    const grey16 = buildPng({
      width: 1,
      height: 2,
      depth: 16,
      colour: 0,
      rows: [Buffer.from([0xff, 0x00]), Buffer.from([0x10, 0x00])],
      filters: [0, 2],
    });
    const g = decodePng(grey16, 100);
    expect(g.ok && [...g.value.pixels]).toEqual([255, 255, 255, 255, 16, 16, 16, 255]);
    const greyAlpha = buildPng({
      width: 2,
      height: 1,
      depth: 8,
      colour: 4,
      rows: [Buffer.from([10, 20, 30, 40])],
      filters: [1],
    });
    const ga = decodePng(greyAlpha, 100);
    expect(ga.ok && [...ga.value.pixels]).toEqual([10, 10, 10, 20, 30, 30, 30, 40]);
    const rgb = buildPng({
      width: 2,
      height: 2,
      depth: 8,
      colour: 2,
      rows: [Buffer.from([1, 2, 3, 4, 5, 6]), Buffer.from([7, 8, 9, 10, 11, 12])],
      filters: [3, 4],
    });
    const c = decodePng(rgb, 100);
    expect(c.ok && [...c.value.pixels]).toEqual([1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 10, 11, 12, 255]);
    const mono = buildPng({ width: 4, height: 1, depth: 1, colour: 0, rows: [Buffer.from([0b10100000])] });
    const m = decodePng(mono, 100);
    expect(m.ok && [...m.value.pixels].filter((_, i) => i % 4 === 0)).toEqual([255, 0, 255, 0]);
  });

  it('scales a large image into 400×400, keeping its proportions', () => {
    const r = processLogo(gradientPng(1000, 500));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ contentType: 'image/png', width: 400, height: 200 });
    const back = decodePng(r.value.bytes, 1e6);
    expect(back.ok && [back.value.width, back.value.height]).toEqual([400, 200]);
  });

  it('neutralises a polyglot: HTML after IEND and in a text chunk is not in the output', () => {
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
    expect(sniffImage(polyglot)).toBe('image/png');
    const r = processLogo(polyglot);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(has(r.value.bytes, '<script')).toBe(false);
    expect(r.value.bytes.subarray(-8).toString('latin1', 0, 4)).toBe('IEND');
    expect(r.value.bytes.includes(base)).toBe(false);
  });

  it('refuses a PNG that does not decode: bad CRC, truncated, HTML behind a PNG signature', () => {
    const good = gradientPng(4, 4);
    const badCrc = Buffer.from(good);
    badCrc[good.length - 20] ^= 0xff;
    for (const broken of [
      badCrc,
      good.subarray(0, 40),
      Buffer.concat([good.subarray(0, 8), Buffer.from(POLYGLOT_HTML)]),
    ]) {
      const r = processLogo(broken);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/illisible ou abîmée/);
    }
  });

  it('refuses a decompression bomb before inflating it', () => {
    const ihdrOnly = buildPng({ width: 30000, height: 30000, depth: 8, colour: 0, rows: [Buffer.alloc(1)] });
    expect(processLogo(ihdrOnly)).toMatchObject({ ok: false });
  });
});

describe('JPEG and WebP: rebuilt from their structure', () => {
  it('keeps a JPEG’s image data, drops its metadata and anything after EOI', () => {
    const jpeg = fixtureImage('logo.jpg');
    expect(has(jpeg, 'ICC_PROFILE')).toBe(true);
    const comment = Buffer.concat([
      Buffer.from([0xff, 0xfe, 0x00, POLYGLOT_HTML.length + 2]),
      Buffer.from(POLYGLOT_HTML),
    ]);
    const polyglot = Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2), Buffer.from(POLYGLOT_HTML)]);
    const r = rebuildJpeg(polyglot, 1e7);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ width: 600, height: 300 });
    expect(has(r.value.bytes, '<script')).toBe(false);
    expect(has(r.value.bytes, 'ICC_PROFILE')).toBe(false);
    expect([...r.value.bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
  });

  it('refuses a JPEG that does not hold together', () => {
    const jpeg = fixtureImage('logo.jpg');
    for (const broken of [
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(POLYGLOT_HTML)]),
      jpeg.subarray(0, jpeg.length - 200),
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xd9])]),
    ]) {
      const r = processLogo(broken);
      expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/illisible/) } });
    }
  });

  it('keeps a WebP’s image chunks and clears the metadata flags', () => {
    for (const name of ['logo.webp', 'logo-alpha.webp', 'logo-lossless.webp'] as const) {
      const webp = Buffer.concat([fixtureImage(name), Buffer.from(POLYGLOT_HTML)]);
      const r = rebuildWebp(webp, 1e7);
      expect(r.ok, name).toBe(true);
      if (!r.ok) continue;
      expect(has(r.value.bytes, 'ICCP')).toBe(false);
      expect(has(r.value.bytes, '<script')).toBe(false);
      expect(r.value.bytes.readUInt32LE(4)).toBe(r.value.bytes.length - 8);
      expect(r.value.width).toBeGreaterThan(0);
    }
  });

  it('refuses a truncated WebP', () => {
    const webp = fixtureImage('logo.webp');
    expect(processLogo(webp.subarray(0, 60))).toMatchObject({ ok: false });
  });
});
