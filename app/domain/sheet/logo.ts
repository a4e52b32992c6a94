import { fail, ok, type Result } from '../result';

// The logo upload's rules (issue 6, docs/decisions/131-uploads-and-logos.md): PNG, JPEG or WebP, at most 2 MB,
// the type found from the bytes (never the file's name or the type the browser declares), SVG and everything
// else refused with a French message. Pure: the service finds the type with `file-type` and re-encodes the image
// with `sharp` (app/services/uploads/logo-image.server.ts).

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** Larger images are refused before decoding (a small file can hold a huge image: a decompression bomb). */
export const LOGO_MAX_PIXELS = 40_000_000;
/** The stored logo fits in this square (never enlarged). */
export const LOGO_MAX_SIDE = 400;

export type LogoType = 'image/png' | 'image/jpeg' | 'image/webp';

export const LOGO_TOO_LARGE_MESSAGE =
  'Le logo dépasse 2 Mo : réduisez-le ou exportez-le en PNG, JPEG ou WebP plus léger.';
export const LOGO_MISSING_MESSAGE = 'Choisissez un fichier image (PNG, JPEG ou WebP, 2 Mo au plus).';
export const LOGO_TOO_MANY_PIXELS_MESSAGE =
  'Cette image a trop de pixels (plus de 40 millions) : réduisez ses dimensions, par exemple à 1 000 × 1 000 pixels, puis envoyez-la de nouveau.';
export const LOGO_UNREADABLE_MESSAGE =
  'Cette image est illisible ou abîmée : ouvrez-la dans un logiciel d’images et enregistrez-la de nouveau en PNG, JPEG ou WebP.';

/** An SVG is XML text naming an <svg> element near its start (only for a clearer refusal: it is never accepted). */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  return String.fromCharCode(...bytes.subarray(0, 1024))
    .toLowerCase()
    .includes('<svg');
}

const ACCEPTED: readonly string[] = ['image/png', 'image/jpeg', 'image/webp'] satisfies LogoType[];

/**
 * The type of an uploaded logo, or the French reason it is refused. `detected` is the MIME type the service
 * found from the bytes (`file-type`: signatures, never the name or the declared type); an animated PNG counts
 * as a PNG (its first frame is kept). Size first: a file over 2 MB is refused whatever it holds.
 */
export function checkLogoUpload(bytes: Uint8Array, detected: string | undefined): Result<LogoType, string> {
  if (bytes.length === 0) return fail(LOGO_MISSING_MESSAGE);
  if (bytes.length > LOGO_MAX_BYTES) return fail(LOGO_TOO_LARGE_MESSAGE);
  const type = detected === 'image/apng' ? 'image/png' : detected;
  if (type !== undefined && ACCEPTED.includes(type)) return ok(type as LogoType);
  if (type === 'image/svg+xml' || looksLikeSvg(bytes))
    return fail(
      'Les logos SVG ne sont pas acceptés (un SVG peut contenir du code) : exportez votre logo en PNG, JPEG ou WebP.',
    );
  if (type === 'image/gif')
    return fail('Les images GIF ne sont pas acceptées : exportez votre logo en PNG, JPEG ou WebP.');
  if (type === 'application/pdf')
    return fail('Ce fichier est un PDF, pas une image : exportez votre logo en PNG, JPEG ou WebP.');
  return fail('Ce fichier n’est pas une image PNG, JPEG ou WebP (son contenu a été vérifié, pas seulement son nom).');
}

export { isStoredFileId } from '../uploads';

/** The public address of a logo. */
export function logoUrl(fileId: string): string {
  return `/logos/${fileId}`;
}
