import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node';
import { fail, ok, type Result } from '~/domain/result';
import { LOGO_MAX_BYTES, LOGO_MISSING_MESSAGE, LOGO_TOO_LARGE_MESSAGE } from '~/domain/sheet/logo';

// Reading the logo form's multipart body (docs/decisions/131-uploads-and-logos.md) without holding more than
// 2 MB in memory: a declared Content-Length far above the limit is refused before reading anything, and the
// part is read chunk by chunk until it passes 2 MB, then the parse stops with MaxPartSizeExceededError.

/** Room for the multipart boundaries and the small fields next to the file. */
const ENVELOPE_BYTES = 64 * 1024;

export interface LogoUpload {
  bytes: Uint8Array;
  originalName: string | null;
}

export async function readLogoUpload(request: Request): Promise<Result<LogoUpload, string>> {
  const declared = Number(request.headers.get('Content-Length') ?? '');
  if (Number.isFinite(declared) && declared > LOGO_MAX_BYTES + ENVELOPE_BYTES) {
    await request.body?.cancel().catch(() => undefined);
    return fail(LOGO_TOO_LARGE_MESSAGE);
  }
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({
        maxPartSize: LOGO_MAX_BYTES,
        filter: ({ name }) => name === 'logo' || name === 'intent',
      }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail(LOGO_TOO_LARGE_MESSAGE);
    return fail(LOGO_MISSING_MESSAGE);
  }
  const file = formData.get('logo');
  if (!file || typeof file === 'string' || file.size === 0) return fail(LOGO_MISSING_MESSAGE);
  return ok({ bytes: new Uint8Array(await file.arrayBuffer()), originalName: file.name || null });
}
