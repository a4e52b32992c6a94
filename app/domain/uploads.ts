// Uploaded files in general (docs/decisions/131-uploads-and-logos.md): the random name of a stored file and the
// person's file name kept for display. Pure; the bytes are written and read by app/services/uploads.

/** A stored file's name: 32 lowercase hexadecimal characters (decision 120), checked before touching the disk. */
export function isStoredFileId(value: string | undefined): value is string {
  return value !== undefined && /^[0-9a-f]{32}$/.test(value);
}

/**
 * The name the browser gave, fit for display and a download header: no folder, no control character, no
 * double quote, at most 200 characters; null when nothing is left.
 */
export function cleanOriginalName(name: string | null | undefined): string | null {
  if (!name) return null;
  const clean = (name.replace(/\\/g, '/').split('/').pop() ?? '')
    // eslint-disable-next-line no-control-regex -- control characters never reach a header or the page
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim();
  return clean ? clean.slice(0, 200) : null;
}
