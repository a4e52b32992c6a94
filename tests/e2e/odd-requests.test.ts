import net from 'node:net';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eApp, type E2eApp } from '../support/e2e';

// Odd requests against the real server (docs/decisions/083-odd-requests-and-error-log.md): unknown methods,
// malformed addresses, bad Host headers, oversized request lines. Each gets a clear 4xx or 501, in JSON under
// /api/v1 and as the French error page elsewhere, never Express's English page nor a module name, and one
// structured log line without a stack trace.

let app: E2eApp;
let port: number;
beforeAll(async () => {
  app = await startE2eApp();
  port = Number(new URL(app.baseUrl).port);
});
afterAll(async () => {
  await app?.close();
});

interface Answer {
  status: number;
  type: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** node:http, which (unlike fetch) sends any method and leaves the path as written. */
function request(method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body, headers: res.headers }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Raw bytes on a socket, for what node:http itself refuses to send (an unknown method token, CONNECT). */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (data += c));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

function expectFrenchPage(answer: Answer, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.type).toBe('text/html; charset=utf-8');
  expect(answer.body).toContain('<html lang="fr">');
  expect(answer.body).toMatch(new RegExp(`Erreur (<!-- -->)?${status}`));
  expect(answer.body).toContain('Revenir à l’accueil');
  // Remix's client manifest lists route ids on every page; what must never show is an error naming one.
  expect(answer.body).not.toMatch(
    /Internal Server Error|<pre>Bad Request|did not provide|for route|Unexpected Server Error/,
  );
}

function expectApiError(answer: Answer, status: number): string {
  expect(answer.status).toBe(status);
  expect(answer.type).toBe('application/json; charset=utf-8');
  const message = (JSON.parse(answer.body) as { error: { message: string } }).error.message;
  expect(message).toMatch(/[éèà]|Méthode|Adresse|Requête/);
  expect(answer.body).not.toMatch(/routes\/|for route|Unexpected Server Error/);
  return message;
}

describe('odd methods', () => {
  it('answers 501 to methods the site does not know: French page, JSON under /api/v1', async () => {
    for (const method of ['PROPFIND', 'TRACE', 'MKCOL', 'LOCK']) {
      expectFrenchPage(await request(method, '/'), 501);
      expect(expectApiError(await request(method, '/api/v1/suppliers'), 501)).toContain(`Méthode ${method}`);
    }
  });

  it('answers 405 to writes on pages and resource routes, without naming a route module', async () => {
    for (const [method, path] of [
      ['PUT', '/'],
      ['DELETE', '/fournisseurs'],
      ['PATCH', '/fournisseurs/x'],
      ['OPTIONS', '/charte'],
      ['POST', '/healthz'],
      ['POST', '/resources/communes'],
      ['POST', '/fournisseurs.data'],
    ]) {
      const answer = await request(method, path, { 'Sec-Fetch-Site': 'same-origin' });
      expectFrenchPage(answer, 405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    }
    expectApiError(await request('DELETE', '/api/v1/suppliers'), 405);
    expectApiError(await request('POST', '/api/v1/openapi.json'), 405);
  });

  it('answers CONNECT and a method token Node does not parse with a short French 501/400, and keeps serving', async () => {
    const connect = await raw('CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n');
    expect(connect).toMatch(/^HTTP\/1\.1 501 /);
    expect(connect).toContain('Méthode CONNECT non prise en charge');
    const unknown = await raw('FOO / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(unknown).toMatch(/^HTTP\/1\.1 400 /);
    expect(unknown).toContain('Requête invalide.');
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('malformed addresses and headers', () => {
  it('answers a malformed percent-encoding with 400: French page for pages, JSON under /api/v1', async () => {
    for (const path of ['/%', '/fournisseurs/%', '/fournisseurs/%E0%A4%A', '/build/%', '/favicon.svg%', '/%00'])
      expectFrenchPage(await request('GET', path), 400);
    for (const path of ['/api/v1/%E0%A4%A', '/api/v1/suppliers/%', '/api/v1/%'])
      expect(expectApiError(await request('GET', path), 400)).toContain('Adresse mal formée');
  });

  it('answers a Host header no URL can be built from with 400', async () => {
    expectFrenchPage(await request('GET', '/', { Host: 'a b' }), 400);
    expectApiError(await request('GET', '/api/v1/suppliers', { Host: '[::1' }), 400);
  });

  it('answers an oversized request line with 431 and a French text', async () => {
    const answer = await raw(`GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toContain('Adresse ou en-têtes trop longs.');
  });

  it('keeps answering a long but acceptable address with the ordinary 404', async () => {
    expectFrenchPage(await request('GET', `/fournisseurs/${'b'.repeat(3000)}`), 404);
    expectApiError(await request('GET', `/api/v1/${'a'.repeat(7000)}`), 404);
  });
});

describe('the error log', () => {
  it('writes one structured line per odd request (method, path, status, reason) and no stack trace', async () => {
    await request('PROPFIND', '/api/v1/suppliers?trace=1');
    await request('GET', '/fournisseurs/%?log=1');
    await request('PUT', '/?log=2', { 'Sec-Fetch-Site': 'same-origin' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = app
      .serverLog()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual({
      level: 'warn',
      source: 'http',
      method: 'PROPFIND',
      path: '/api/v1/suppliers?trace=1',
      status: 501,
      reason: 'unknown method',
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/fournisseurs/%?log=1', status: 400, reason: 'malformed URL' }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ method: 'PUT', path: '/?log=2', status: 405 }));
    expect(app.serverLog()).not.toMatch(/\n\s+at /);
  });
});
