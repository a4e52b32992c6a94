import { fail, ok, type Result } from '../result';

// The logo upload's rules (issue 6, docs/decisions/131-uploads-and-logos.md): PNG, JPEG or WebP, at most 2 MB,
// the type found from the bytes (never the file's name or the type the browser declares), SVG and everything
// else refused with a French message. Pure: the service reads the bytes and re-encodes the image.

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** Larger images are refused before decoding (a small file can hold a huge image: a decompression bomb). */
export const LOGO_MAX_PIXELS = 40_000_000;
/** The stored logo fits in this square. */
export const LOGO_MAX_SIDE = 400;

export type LogoType = 'image/png' | 'image/jpeg' | 'image/webp';

export const LOGO_TOO_LARGE_MESSAGE =
  'Le logo dépasse 2 Mo : réduisez-le ou exportez-le en PNG, JPEG ou WebP plus léger.';
export const LOGO_MISSING_MESSAGE = 'Choisissez un fichier image (PNG, JPEG ou WebP, 2 Mo au plus).';
export const LOGO_UNREADABLE_MESSAGE =
  'Cette image est illisible ou abîmée : ouvrez-la dans un logiciel d’images et enregistrez-la de nouveau en PNG, JPEG ou WebP.';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** What the first bytes say the file is; `other` names a few common refusals for a clearer message. */
export function sniffImage(bytes: Uint8Array): LogoType | 'svg' | 'gif' | 'pdf' | 'unknown' {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  // SVG is XML text: a BOM, blanks, an XML declaration or a comment may come before <svg.
  const head = ascii(bytes, 0, 1024)
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')
    .trimStart()
    .toLowerCase();
  if (
    /^(<\?xml[\s\S]*?\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/.test(head) ||
    head.includes('<svg')
  )
    return 'svg';
  return 'unknown';
}

/** The type of an uploaded logo from its bytes, or the French reason it is refused. */
export function checkLogoBytes(bytes: Uint8Array): Result<LogoType, string> {
  if (bytes.length === 0) return fail(LOGO_MISSING_MESSAGE);
  if (bytes.length > LOGO_MAX_BYTES) return fail(LOGO_TOO_LARGE_MESSAGE);
  const type = sniffImage(bytes);
  switch (type) {
    case 'image/png':
    case 'image/jpeg':
    case 'image/webp':
      return ok(type);
    case 'svg':
      return fail(
        'Les logos SVG ne sont pas acceptés (un SVG peut contenir du code) : exportez votre logo en PNG, JPEG ou WebP.',
      );
    case 'gif':
      return fail('Les images GIF ne sont pas acceptées : exportez votre logo en PNG, JPEG ou WebP.');
    case 'pdf':
      return fail('Ce fichier est un PDF, pas une image : exportez votre logo en PNG, JPEG ou WebP.');
    default:
      return fail(
        'Ce fichier n’est pas une image PNG, JPEG ou WebP (son contenu a été vérifié, pas seulement son nom).',
      );
  }
}

/** A stored file's name: 32 lowercase hexadecimal characters (decision 120), checked before touching the disk. */
export function isStoredFileId(value: string | undefined): value is string {
  return value !== undefined && /^[0-9a-f]{32}$/.test(value);
}

/** The public address of a logo. */
export function logoUrl(fileId: string): string {
  return `/logos/${fileId}`;
}
