import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { fail, ok, type Result } from '~/domain/result';

// A small PNG decoder and encoder (docs/decisions/131-uploads-and-logos.md): an uploaded PNG logo is decoded to
// RGBA pixels, scaled down to fit the logo's square and written as a new PNG (one IDAT, no ancillary chunk), so
// none of the uploaded bytes are ever served: text chunks, data after IEND, a polyglot's HTML are all gone.
// Non-interlaced images, every colour type and bit depth of the PNG standard. It stands in for `sharp`, which
// is not installed (see the decision); swap it for sharp when the package lands.

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes a PNG to RGBA; refuses a broken file (bad CRC, missing chunk, truncated data) with a reason. */
export function decodePng(input: Uint8Array, maxPixels: number): Result<RgbaImage, string> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) return fail('not a PNG');
  let offset = 8;
  let header: { width: number; height: number; depth: number; colour: number; interlace: number } | undefined;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (offset + 12 + length > bytes.length) return fail(`truncated ${type} chunk`);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length))
      return fail(`bad CRC in ${type}`);
    offset += 12 + length;
    if (type === 'IHDR') {
      if (length !== 13) return fail('bad IHDR');
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8],
        colour: body[9],
        interlace: body[12],
      };
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
  }
  if (!header || !ended || data.length === 0) return fail('missing IHDR, IDAT or IEND');
  const { width, height, depth, colour, interlace } = header;
  if (!(colour in CHANNELS) || !DEPTHS[colour].includes(depth)) return fail('bad colour type or depth');
  if (interlace !== 0) return fail('interlaced');
  if (width === 0 || height === 0 || width * height > maxPixels) return fail('too many pixels');
  if (colour === 3 && !palette) return fail('palette missing');

  const bitsPerPixel = CHANNELS[colour] * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const step = Math.max(1, bitsPerPixel >> 3);
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: (stride + 1) * height + 1 });
  } catch {
    return fail('bad compressed data');
  }
  if (raw.length !== (stride + 1) * height) return fail('wrong data length');

  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= step ? out[x - step] : 0;
      const b = prev[x];
      const c = x >= step ? prev[x - step] : 0;
      let v: number;
      switch (filter) {
        case 0: v = line[x]; break; // prettier-ignore
        case 1: v = line[x] + a; break; // prettier-ignore
        case 2: v = line[x] + b; break; // prettier-ignore
        case 3: v = line[x] + ((a + b) >> 1); break; // prettier-ignore
        case 4: v = line[x] + paeth(a, b, c); break; // prettier-ignore
        default:
          return fail('bad filter');
      }
      out[x] = v & 0xff;
    }
  }

  const pixels = new Uint8Array(width * height * 4);
  const max = (1 << Math.min(depth, 8)) - 1;
  const sample = (row: Buffer, index: number): number => {
    // The index-th sample of the row, scaled to 0–255 (16-bit samples keep their high byte).
    if (depth === 16) return row[index * 2];
    if (depth === 8) return row[index];
    const bit = index * depth;
    const value = (row[bit >> 3] >> (8 - depth - (bit & 7))) & max;
    return colour === 3 ? value : Math.round((value * 255) / max);
  };
  const sample16 = (row: Buffer, index: number) => (depth === 16 ? row.readUInt16BE(index * 2) : -1);
  for (let y = 0; y < height; y++) {
    const row = rows.subarray(y * stride, (y + 1) * stride);
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const channels = CHANNELS[colour];
      let r: number, g: number, b: number, alpha = 255; // prettier-ignore
      if (colour === 3) {
        const i = sample(row, x);
        if (!palette || i * 3 + 2 >= palette.length) return fail('palette index out of range');
        [r, g, b] = [palette[i * 3], palette[i * 3 + 1], palette[i * 3 + 2]];
        if (transparency && i < transparency.length) alpha = transparency[i];
      } else if (colour === 0 || colour === 4) {
        r = g = b = sample(row, x * channels);
        if (colour === 4) alpha = sample(row, x * channels + 1);
        else if (transparency && transparency.length >= 2) {
          const key = transparency.readUInt16BE(0);
          const value = depth === 16 ? sample16(row, x) : Math.round((r * max) / 255);
          if (value === key) alpha = 0;
        }
      } else {
        r = sample(row, x * channels);
        g = sample(row, x * channels + 1);
        b = sample(row, x * channels + 2);
        if (colour === 6) alpha = sample(row, x * channels + 3);
        else if (transparency && transparency.length >= 6 && depth === 8) {
          if (
            r === transparency.readUInt16BE(0) &&
            g === transparency.readUInt16BE(2) &&
            b === transparency.readUInt16BE(4)
          )
            alpha = 0;
        }
      }
      pixels[o] = r;
      pixels[o + 1] = g;
      pixels[o + 2] = b;
      pixels[o + 3] = alpha;
    }
  }
  return ok({ width, height, pixels });
}

/** Scales the image down (area average, premultiplied alpha) to fit a `side`×`side` square; smaller ones stay. */
export function fitWithin(image: RgbaImage, side: number): RgbaImage {
  const scale = Math.min(1, side / image.width, side / image.height);
  if (scale === 1) return image;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * image.width) / width));
      let r = 0, g = 0, b = 0, a = 0; // prettier-ignore
      for (let sy = y0; sy < y1; sy++)
        for (let sx = x0; sx < x1; sx++) {
          const o = (sy * image.width + sx) * 4;
          const alpha = image.pixels[o + 3];
          r += image.pixels[o] * alpha;
          g += image.pixels[o + 1] * alpha;
          b += image.pixels[o + 2] * alpha;
          a += alpha;
        }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 4;
      pixels[o] = a ? Math.round(r / a) : 0;
      pixels[o + 1] = a ? Math.round(g / a) : 0;
      pixels[o + 2] = a ? Math.round(b / a) : 0;
      pixels[o + 3] = Math.round(a / n);
    }
  }
  return { width, height, pixels };
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** A fresh 8-bit RGBA PNG: IHDR, one IDAT, IEND, nothing else. */
export function encodePng(image: RgbaImage): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const stride = image.width * 4;
  const raw = Buffer.alloc((stride + 1) * image.height);
  const candidate = Buffer.alloc(stride);
  const zero = new Uint8Array(stride);
  for (let y = 0; y < image.height; y++) {
    // Each row gets the filter whose output has the smallest sum of signed bytes (the usual heuristic).
    const row = image.pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? image.pixels.subarray((y - 1) * stride, y * stride) : zero;
    let best = Infinity;
    for (let filter = 0; filter <= 4; filter++) {
      let sum = 0;
      for (let x = 0; x < stride; x++) {
        const a = x >= 4 ? row[x - 4] : 0;
        const b = prev[x];
        const c = x >= 4 ? prev[x - 4] : 0;
        const predictor =
          filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
        const v = (row[x] - predictor) & 0xff;
        candidate[x] = v;
        sum += v < 128 ? v : 256 - v;
      }
      if (sum < best) {
        best = sum;
        raw[y * (stride + 1)] = filter;
        candidate.copy(raw, y * (stride + 1) + 1);
      }
    }
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
