import { describe, expect, it } from 'vitest';
import { loader } from '../../app/routes/healthz_.live';

describe('GET /healthz/live', () => {
  it('answers 200 « ok », never cached, without an application context (it reads no database)', async () => {
    const response = loader();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('ok');
  });
});
