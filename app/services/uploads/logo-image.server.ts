import { fail, ok, type Result } from '~/domain/result';
import {
  LOGO_MAX_PIXELS,
  LOGO_MAX_SIDE,
  LOGO_UNREADABLE_MESSAGE,
  checkLogoBytes,
  type LogoType,
} from '~/domain/sheet/logo';
import { rebuildJpeg, rebuildWebp } from './jpeg-webp.server';
import { decodePng, encodePng, fitWithin } from './png.server';

// From the uploaded bytes to the bytes that will be served (docs/decisions/131-uploads-and-logos.md): the type
// from the bytes (the domain's rule), then PNG decoded and re-encoded within 400×400, JPEG and WebP rebuilt
// from their structure (no image library is installed: see the decision). Anything that does not decode is
// refused with one French message; the technical reason is returned for the log.

export interface ProcessedLogo {
  bytes: Buffer;
  contentType: LogoType;
  width: number;
  height: number;
}

export type LogoRefusal = { message: string; reason?: string };

export function processLogo(input: Uint8Array): Result<ProcessedLogo, LogoRefusal> {
  const type = checkLogoBytes(input);
  if (!type.ok) return fail({ message: type.error });
  switch (type.value) {
    case 'image/png': {
      const decoded = decodePng(input, LOGO_MAX_PIXELS);
      if (!decoded.ok) return fail({ message: LOGO_UNREADABLE_MESSAGE, reason: `png: ${decoded.error}` });
      const fitted = fitWithin(decoded.value, LOGO_MAX_SIDE);
      return ok({ bytes: encodePng(fitted), contentType: 'image/png', width: fitted.width, height: fitted.height });
    }
    case 'image/jpeg': {
      const rebuilt = rebuildJpeg(input, LOGO_MAX_PIXELS);
      if (!rebuilt.ok) return fail({ message: LOGO_UNREADABLE_MESSAGE, reason: `jpeg: ${rebuilt.error}` });
      return ok({ ...rebuilt.value, contentType: 'image/jpeg' });
    }
    case 'image/webp': {
      const rebuilt = rebuildWebp(input, LOGO_MAX_PIXELS);
      if (!rebuilt.ok) return fail({ message: LOGO_UNREADABLE_MESSAGE, reason: `webp: ${rebuilt.error}` });
      return ok({ ...rebuilt.value, contentType: 'image/webp' });
    }
  }
}
