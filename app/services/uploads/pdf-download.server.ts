// The answer of every PDF download (charter evidence, bid pieces, tender documents; decisions 131, 246, 255):
// always a download (attachment, with the name the uploader gave), never sniffed, sandboxed if opened anyway,
// not stored by a cache unless the caller says the document is public; a 404 in plain French otherwise.

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function pdfDownload(
  file: { name: string; bytes: Uint8Array } | null,
  options: { setCookie: string | null; cacheControl?: string },
): Response {
  const headers: Record<string, string> = {
    'Cache-Control': file ? (options.cacheControl ?? 'no-store') : 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(options.setCookie ? { 'Set-Cookie': options.setCookie } : {}),
  };
  if (!file)
    return new Response('Document introuvable.', {
      status: 404,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      ...headers,
      'Content-Type': 'application/pdf',
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': contentDisposition(file.name),
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
