import sharp, { type SharpOptions } from 'sharp';
import { fail, ok, type Result } from '~/domain/result';
import {
  LOGO_MAX_PIXELS,
  LOGO_MAX_SIDE,
  LOGO_TOO_MANY_PIXELS_MESSAGE,
  LOGO_UNREADABLE_MESSAGE,
  checkLogoUpload,
} from '~/domain/sheet/logo';
import { detectContentType } from './detect.server';

// From the uploaded bytes to the bytes that will be served (docs/decisions/131-uploads-and-logos.md): the type
// from the bytes (`file-type`, then the domain's rule), then `sharp` decodes the picture, turns it upright (EXIF
// orientation), fits it inside 400 × 400 without enlarging it, and writes a new WebP (lossless from a PNG,
// lossy from a JPEG or a WebP) carrying no metadata: no byte of the upload is ever served. A picture over
// 40 megapixels is refused before its pixels are decoded (a decompression bomb), and one that libvips cannot
// decode cleanly (`failOn: 'error'`: truncated or corrupt data) is refused with a French message; the technical
// reason is returned for the log.

// No cache of decoded images between uploads: each upload is decoded once, and memory goes back at once.
sharp.cache(false);

export interface ProcessedLogo {
  bytes: Buffer;
  contentType: 'image/webp';
  width: number;
  height: number;
}

export type LogoRefusal = { message: string; reason?: string };

const SHARP_FORMAT = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp' } as const;

export async function processLogo(input: Uint8Array): Promise<Result<ProcessedLogo, LogoRefusal>> {
  const type = checkLogoUpload(input, await detectContentType(input));
  if (!type.ok) return fail({ message: type.error });
  const options: SharpOptions = { failOn: 'error', limitInputPixels: LOGO_MAX_PIXELS, animated: false };
  try {
    // The header first: the declared size is checked before a pixel is decoded, and the format must be the
    // one found from the signature (libvips would otherwise load whatever it recognises).
    const header = await sharp(input, options).metadata();
    if (header.format !== SHARP_FORMAT[type.value])
      return fail({ message: LOGO_UNREADABLE_MESSAGE, reason: `format ${header.format} for ${type.value}` });
    if ((header.width ?? 0) * (header.height ?? 0) > LOGO_MAX_PIXELS)
      return fail({ message: LOGO_TOO_MANY_PIXELS_MESSAGE, reason: `${header.width}×${header.height} pixels` });
    const { data, info } = await sharp(input, options)
      .rotate()
      .resize({ width: LOGO_MAX_SIDE, height: LOGO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp(type.value === 'image/png' ? { lossless: true } : { quality: 85, alphaQuality: 100 })
      .toBuffer({ resolveWithObject: true });
    return ok({ bytes: data, contentType: 'image/webp', width: info.width, height: info.height });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const tooLarge = /pixel limit/i.test(reason);
    return fail({ message: tooLarge ? LOGO_TOO_MANY_PIXELS_MESSAGE : LOGO_UNREADABLE_MESSAGE, reason });
  }
}
