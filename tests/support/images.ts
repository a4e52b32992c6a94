import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { ROOT } from './paths';

// Test images for the logo upload: PNGs written here byte by byte (so a test can declare any size, add a text
// chunk or break a CRC), JPEG / WebP files drawn by Chromium once (tests/fixtures/images/, a gradient disc;
// JPEG and WebP with an ICC profile); the tests make the others (EXIF, transparency) with sharp.

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

export interface PngSpec {
  width: number;
  height: number;
  depth: number;
  colour: 0 | 2 | 3 | 4 | 6;
  /** Packed rows of samples, without filter bytes. */
  rows: Buffer[];
  /** Filter type per row (0 by default): the rows are filtered here so the decoder must undo it. */
  filters?: number[];
  palette?: Buffer;
  transparency?: Buffer;
  extraChunks?: Buffer[];
}

function filterRow(type: number, row: Buffer, prev: Buffer, bpp: number): Buffer {
  const out = Buffer.alloc(row.length);
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? row[i - bpp] : 0;
    const b = prev[i];
    const c = i >= bpp ? prev[i - bpp] : 0;
    const p = a + b - c;
    const predictor =
      type === 1
        ? a
        : type === 2
          ? b
          : type === 3
            ? (a + b) >> 1
            : type === 4
              ? Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
                ? a
                : Math.abs(p - b) <= Math.abs(p - c)
                  ? b
                  : c
              : 0;
    out[i] = (row[i] - predictor) & 0xff;
  }
  return out;
}

export function buildPng(spec: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr[8] = spec.depth;
  ihdr[9] = spec.colour;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[spec.colour];
  const bpp = Math.max(1, (channels * spec.depth) >> 3);
  const raw = Buffer.concat(
    spec.rows.map((row, y) => {
      const type = spec.filters?.[y] ?? 0;
      const prev = y > 0 ? spec.rows[y - 1] : Buffer.alloc(row.length);
      return Buffer.concat([Buffer.from([type]), filterRow(type, row, prev, bpp)]);
    }),
  );
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    ...(spec.palette ? [pngChunk('PLTE', spec.palette)] : []),
    ...(spec.transparency ? [pngChunk('tRNS', spec.transparency)] : []),
    ...(spec.extraChunks ?? []),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An RGBA gradient of this size, rows filtered with every filter type in turn. */
export function gradientPng(width: number, height: number): Buffer {
  const rows = Array.from({ length: height }, (_, y) => {
    const row = Buffer.alloc(width * 4);
    for (let x = 0; x < width; x++) row.set([(x * 255) / width, (y * 255) / height, 128, 255], x * 4);
    return row;
  });
  return buildPng({ width, height, depth: 8, colour: 6, rows, filters: rows.map((_, y) => y % 5) });
}

/** Random opaque pixels: an image that does not compress (for the full-disk test). */
export function noisePng(width: number, height: number): Buffer {
  const rows = Array.from({ length: height }, () => {
    const row = crypto.randomBytes(width * 4);
    for (let x = 3; x < row.length; x += 4) row[x] = 255;
    return row;
  });
  return buildPng({ width, height, depth: 8, colour: 6, rows });
}

export function fixtureImage(name: 'logo.jpg' | 'logo.webp' | 'logo-alpha.webp' | 'logo-lossless.webp'): Buffer {
  return fs.readFileSync(path.join(ROOT, 'tests/fixtures/images', name));
}

/** The text of a payload hidden in a polyglot, to look for in what is stored. */
export const POLYGLOT_HTML = '<html><body><script>alert(document.cookie)</script></body></html>';
