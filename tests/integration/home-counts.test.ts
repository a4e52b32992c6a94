import { beforeAll, describe, expect, it } from 'vitest';
import { getHomeCounts, HOME_COUNTS_MAX_AGE_MS } from '../../app/services/home.server';
import { setUpApiFixture, unreachableEngine, type ApiFixture } from '../api/fixture';

// The home figures are reused for a few seconds per search engine, then computed again; an unavailable
// engine is never kept. Real SQLite file, real engine (the index is changed directly to see the reuse).

let fixture: ApiFixture;

beforeAll(async () => {
  fixture = await setUpApiFixture();
});

describe('home counts reuse', () => {
  it('serves the same figures within the maximum age, and fresh ones after it', async () => {
    const start = 1_000_000;
    const first = await getHomeCounts(fixture.context, { now: start });
    expect(first.total).toBe(6);

    await fixture.context.search.remove([fixture.ids.jardins]);
    expect((await getHomeCounts(fixture.context, { now: start + HOME_COUNTS_MAX_AGE_MS - 1 })).total).toBe(6);
    expect((await getHomeCounts(fixture.context, { maxAgeMs: 0, now: start + 1 })).total).toBe(5);
    const later = await getHomeCounts(fixture.context, { now: start + 1 + HOME_COUNTS_MAX_AGE_MS });
    expect(later.total).toBe(5);
    expect(later.kinds.reduce((sum, k) => sum + k.count, 0)).toBe(5);
  });

  it('lists the régions by French name, not by code', async () => {
    const home = await getHomeCounts(fixture.context, { maxAgeMs: 0 });
    expect(home.regions.map((r) => r.name)).toEqual(['Auvergne-Rhône-Alpes', 'Bretagne', 'Île-de-France']);
  });

  it('does not keep the answer of an unavailable engine', async () => {
    const context = { ...fixture.context, search: await unreachableEngine() };
    const asked = getHomeCounts(context);
    const down = await asked;
    expect(down).toMatchObject({ total: null, verified: null });
    expect(down.message).toContain('momentanément indisponible');
    // Not reused: the next request asks the engine again (a new computation, not the same promise).
    const again = getHomeCounts(context);
    expect(again).not.toBe(asked);
    await again;
  });
});
