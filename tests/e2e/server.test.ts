import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMail } from '../../app/domain/mail';
import { openDatabase } from '../../db/connection';
import { enqueueMail } from '../../db/repositories/mail-outbox';
import { startE2eApp, type E2eApp } from '../support/e2e';
import { parseEml } from '../support/eml';

// The HTTP layer of server.ts, seen from outside: security headers, the CSP nonce on Remix's scripts,
// the same-origin check on writes, the health check, the mail sender and static assets.

let app: E2eApp;
beforeAll(async () => {
  app = await startE2eApp();
});
afterAll(async () => {
  await app?.close();
});

describe('HTTP server', () => {
  it('sends a strict CSP whose nonce is on every inline script of the page', async () => {
    const response = await fetch(`${app.baseUrl}/fournisseurs?q=jardin`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
    // The test server runs in production mode: HTTPS only for a year.
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  });

  it('sends X-Content-Type-Options exactly once on JSON answers too (API and commune autocomplete)', async () => {
    for (const address of ['/api/v1/suppliers', '/api/v1/suppliers?per_page=0', '/resources/communes?q=lyo']) {
      const response = await fetch(`${app.baseUrl}${address}`);
      await response.arrayBuffer();
      expect(response.headers.get('x-content-type-options'), address).toBe('nosniff');
    }
  });

  it('serves a page kept in the rendered-page cache with the nonce of its own response (decision 305)', async () => {
    const pages = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${app.baseUrl}/fournisseurs?q=jardin&per_page=5`);
      expect(response.status).toBe(200);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
      const html = await response.text();
      expect(html).not.toContain('maillage-nonce-');
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
      pages.push({ nonce: nonce!, html });
    }
    expect(new Set(pages.map((p) => p.nonce)).size).toBe(3);
    // The same page each time, but for the nonce.
    const same = pages.map((p) => p.html.replaceAll(p.nonce, 'NONCE'));
    expect(same[1]).toBe(same[0]);
    expect(same[2]).toBe(same[0]);
  });

  it('sends a kept page only while nothing was written: a change by another process shows at once (decision 307)', async () => {
    const database = openDatabase(app.databaseFile);
    try {
      const supplier = await database.db
        .selectFrom('suppliers')
        .select(['id', 'slug'])
        .where('publication_status', '=', 'published')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const sheet = async (headers: Record<string, string> = {}) => {
        const response = await fetch(`${app.baseUrl}/fournisseurs/${supplier.slug}`, { headers });
        expect(response.status).toBe(200);
        const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
        return (await response.text()).replaceAll(nonce!, 'NONCE');
      };
      const first = await sheet();
      expect(await sheet()).toBe(first);
      // Another process (this test's own connection) commits: the next answer has it, kept page or not.
      const description = 'Nouvelle description écrite par un autre processus, visible aussitôt.';
      await database.db.updateTable('suppliers').set({ description }).where('id', '=', supplier.id).execute();
      const after = await sheet();
      expect(first).not.toContain(description);
      expect(after).toContain(description);
      expect(await sheet()).toBe(after);
      // A visitor with a cookie (an unknown session) goes through the loaders and gets the same page.
      expect(await sheet({ cookie: 'maillage_session=inconnue' })).toContain(description);
    } finally {
      await database.close();
    }
  });

  it('uses a new nonce for every response', async () => {
    const nonces = await Promise.all(
      [1, 2].map(
        async () =>
          (await fetch(`${app.baseUrl}/`)).headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1],
      ),
    );
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('refuses a cross-site POST before it reaches the application', async () => {
    const response = await fetch(`${app.baseUrl}/fournisseurs`, {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'q=x',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('origine non autorisée');
  });

  it('refuses a POST whose Origin is another host when Sec-Fetch-Site is absent', async () => {
    const response = await fetch(`${app.baseUrl}/fournisseurs`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'q=x',
    });
    expect(response.status).toBe(403);
  });

  it('refuses a POST from an opaque origin (Origin: null) instead of failing', async () => {
    const response = await fetch(`${app.baseUrl}/fournisseurs`, {
      method: 'POST',
      headers: { Origin: 'null', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'q=x',
    });
    expect(response.status).toBe(403);
  });

  it('lets a same-origin POST through to the application', async () => {
    const response = await fetch(`${app.baseUrl}/fournisseurs`, {
      method: 'POST',
      headers: {
        'Sec-Fetch-Site': 'same-origin',
        Origin: app.baseUrl,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'q=x',
    });
    // The search page has no action: 405 (server.ts answers it for every page), not the 403 of the origin check.
    expect(response.status).toBe(405);
  });

  it('reports health', async () => {
    const response = await fetch(`${app.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      db: 'ok',
      search: 'ok',
      outbox: { pending: 0, failing: 0, worker: { consecutiveFailures: 0, lastError: null } },
      mail: { pending: 0, failing: 0, worker: { consecutiveFailures: 0, lastError: null } },
      reasons: [],
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('sends a message committed to the mail outbox as an .eml file in MAIL_DIR', async () => {
    const message = composeMail('camille@exemple.fr', {
      subject: 'Bienvenue sur Maillage',
      paragraphs: ['Votre compte est créé.'],
      action: { label: 'Se connecter', url: `${app.baseUrl}/` },
    });
    if (!message.ok) throw new Error(message.error);
    const database = openDatabase(app.databaseFile);
    try {
      await database.db.transaction().execute((trx) => enqueueMail(trx, message.value));
    } finally {
      await database.close();
    }
    // Finished messages only: the transport writes `.NAME.eml.tmp` first, then renames it.
    const files = () =>
      fs.existsSync(app.mailDir)
        ? fs.readdirSync(app.mailDir).filter((f) => f.endsWith('.eml') && !f.startsWith('.'))
        : [];
    await expect.poll(() => files().length, { timeout: 10_000, interval: 50 }).toBe(1);
    const parsed = parseEml(fs.readFileSync(path.join(app.mailDir, files()[0]), 'utf8'));
    expect(parsed.headers.get('subject')).toBe('Bienvenue sur Maillage');
    expect(parsed.headers.get('to')).toBe('camille@exemple.fr');
    expect(parsed.parts).toHaveLength(2);
    const health = await (await fetch(`${app.baseUrl}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', mail: { pending: 0, failing: 0 } });
  });

  it('serves built assets with long-lived caching', async () => {
    const html = await (await fetch(`${app.baseUrl}/`)).text();
    const asset = /(\/build\/[^"]+\.js)/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const response = await fetch(`${app.baseUrl}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('serves the public files by their exact name, with an hour of caching, and nothing else from public/', async () => {
    const robots = await fetch(`${app.baseUrl}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(robots.headers.get('content-type')).toContain('text/plain');
    expect(robots.headers.get('cache-control')).toBe('public, max-age=3600');
    const favicon = await fetch(`${app.baseUrl}/favicon.svg`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toContain('image/svg+xml');
    // Not a public file: the application answers (its French 404), not the static server.
    const missing = await fetch(`${app.baseUrl}/robots.txt.bak`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page introuvable');
  });
});
