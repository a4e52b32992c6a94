import { describe, expect, it } from 'vitest';
import {
  NONCE_PLACEHOLDER,
  RenderedPageCache,
  renderedPageKey,
  withNonce,
} from '../../app/services/cache/rendered-pages.server';

describe('rendered page cache (decision 305)', () => {
  it('keys a page by its URL, status and every loader datum, so new data is a new key', () => {
    const url = 'http://localhost/fournisseurs?q=a';
    const key = renderedPageKey(url, 200, { root: { user: null }, page: { total: 3 } });
    expect(renderedPageKey(url, 200, { root: { user: null }, page: { total: 3 } })).toBe(key);
    expect(renderedPageKey(url, 200, { root: { user: null }, page: { total: 4 } })).not.toBe(key);
    expect(renderedPageKey(`${url}b`, 200, { root: { user: null }, page: { total: 3 } })).not.toBe(key);
    expect(renderedPageKey(url, 400, { root: { user: null }, page: { total: 3 } })).not.toBe(key);
  });

  it('puts each response’s nonce in place of every placeholder', () => {
    expect(NONCE_PLACEHOLDER).toMatch(/^maillage-nonce-[0-9a-f]{32}$/);
    const html = `<script nonce="${NONCE_PLACEHOLDER}"></script><script nonce="${NONCE_PLACEHOLDER}"></script>`;
    expect(withNonce(html, 'abc')).toBe('<script nonce="abc"></script><script nonce="abc"></script>');
  });

  it('keeps at most its size, least recently used out first, and nothing at 0', () => {
    const cache = new RenderedPageCache(2);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(2);
    const off = new RenderedPageCache(0);
    off.set('a', 'A');
    expect(off.get('a')).toBeUndefined();
  });
});
