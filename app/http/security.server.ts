import type express from 'express';

// Security of every response and request (docs/decisions/004-csp-and-headers.md): the Content-Security-Policy
// with its per-request nonce, and the same-origin check on writes. Used by server.ts.

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The host of an Origin header, or null when it is not a URL (browsers send `Origin: null` from opaque origins). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** Refuses state-changing requests that come from another site (CSRF defence in depth). */
export function sameOriginForWrites(req: express.Request, res: express.Response, next: express.NextFunction) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const crossSite = site
    ? site !== 'same-origin' && site !== 'none'
    : origin
      ? originHost(origin) !== req.get('host')
      : false;
  if (crossSite) {
    res.status(403).type('text/plain; charset=utf-8').send('Requête refusée : origine non autorisée.');
    return;
  }
  next();
}
