import { fail, ok, type Result } from '~/domain/result';

// JPEG and WebP logos without an image library (docs/decisions/131-uploads-and-logos.md): until `sharp` is
// installed they cannot be decoded here, so they are rebuilt from their structure instead: every segment or
// chunk is walked and checked, only those that make the picture are kept (no EXIF, XMP, ICC, comments,
// thumbnails, nothing after the end marker), and a file whose structure does not hold is refused. The kept
// bytes are compressed image data served as image/jpeg or image/webp with nosniff. Not resized.

export interface RebuiltImage {
  bytes: Buffer;
  width: number;
  height: number;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Segments a decoder needs: tables, frame and scan headers, restart interval, Adobe's colour transform. */
const KEPT_JPEG = new Set([0xdb, 0xc4, 0xcc, 0xdd, 0xee, ...SOF_MARKERS]);

/** A baseline or progressive JPEG, its metadata segments and trailing bytes dropped. */
export function rebuildJpeg(input: Uint8Array, maxPixels: number): Result<RebuiltImage, string> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return fail('no SOI');
  const parts: Buffer[] = [bytes.subarray(0, 2)];
  let offset = 2;
  let size: { width: number; height: number } | undefined;
  let scans = 0;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) return fail('segment expected');
    let marker = bytes[offset + 1];
    while (marker === 0xff && offset + 2 < bytes.length) marker = bytes[++offset + 1]; // fill bytes
    if (marker === 0xd9) {
      if (!size || scans === 0) return fail('no frame or scan');
      parts.push(Buffer.from([0xff, 0xd9]));
      const pixels = size.width * size.height;
      if (size.width === 0 || size.height === 0 || pixels > maxPixels) return fail('bad size');
      return ok({ bytes: Buffer.concat(parts), ...size });
    }
    if (offset + 4 > bytes.length) return fail('truncated');
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) return fail('truncated segment');
    const segment = bytes.subarray(offset, offset + 2 + length);
    if (SOF_MARKERS.has(marker)) {
      if (length < 8) return fail('bad frame header');
      size = { height: segment.readUInt16BE(5), width: segment.readUInt16BE(7) };
    }
    offset += 2 + length;
    if (marker === 0xda) {
      if (!size) return fail('scan before frame');
      scans += 1;
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
      let end = offset;
      while (end + 1 < bytes.length) {
        if (bytes[end] === 0xff && bytes[end + 1] !== 0x00 && !(bytes[end + 1] >= 0xd0 && bytes[end + 1] <= 0xd7))
          break;
        end++;
      }
      if (end + 1 >= bytes.length) return fail('scan not terminated');
      parts.push(segment, bytes.subarray(offset, end));
      offset = end;
    } else if (KEPT_JPEG.has(marker)) parts.push(segment);
    else if (!((marker >= 0xe0 && marker <= 0xef) || marker === 0xfe)) return fail(`unexpected marker ${marker}`);
  }
  return fail('no EOI');
}

/** A still WebP (lossy, lossless, or extended with alpha), its metadata chunks and trailing bytes dropped. */
export function rebuildWebp(input: Uint8Array, maxPixels: number): Result<RebuiltImage, string> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < 20 || bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP')
    return fail('not WebP');
  const riffEnd = 8 + bytes.readUInt32LE(4);
  if (riffEnd > bytes.length) return fail('truncated RIFF');
  const kept: Buffer[] = [];
  let size: { width: number; height: number } | undefined;
  let extended: Buffer | undefined;
  let hasImage = false;
  let offset = 12;
  while (offset + 8 <= riffEnd) {
    const type = bytes.toString('latin1', offset, offset + 4);
    const length = bytes.readUInt32LE(offset + 4);
    const padded = length + (length & 1);
    if (offset + 8 + length > riffEnd) return fail('truncated chunk');
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    const whole = bytes.subarray(offset, Math.min(offset + 8 + padded, riffEnd));
    offset += 8 + padded;
    if (type === 'VP8X') {
      if (length < 10) return fail('bad VP8X');
      if (body[0] & 0x02) return fail('animated');
      extended = Buffer.from(whole);
      size = { width: 1 + body.readUIntLE(4, 3), height: 1 + body.readUIntLE(7, 3) };
    } else if (type === 'VP8 ') {
      if (length < 10 || body[3] !== 0x9d || body[4] !== 0x01 || body[5] !== 0x2a) return fail('bad VP8');
      size ??= { width: body.readUInt16LE(6) & 0x3fff, height: body.readUInt16LE(8) & 0x3fff };
      kept.push(whole);
      hasImage = true;
    } else if (type === 'VP8L') {
      if (length < 5 || body[0] !== 0x2f) return fail('bad VP8L');
      const bits = body.readUInt32LE(1);
      size ??= { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
      kept.push(whole);
      hasImage = true;
    } else if (type === 'ALPH') kept.push(whole);
    else if (type === 'ANIM' || type === 'ANMF') return fail('animated');
    // ICCP, EXIF, XMP and unknown chunks are dropped.
  }
  if (!hasImage || !size) return fail('no image chunk');
  if (size.width * size.height > maxPixels) return fail('bad size');
  if (extended) {
    // Keep only the alpha flag: the ICC, EXIF and XMP chunks it may announce are gone.
    extended[8] &= 0x10;
    kept.unshift(extended);
  }
  const riffBody = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...kept]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(riffBody.length, 4);
  return ok({ bytes: Buffer.concat([head, riffBody]), ...size });
}
