import { describe, expect, it } from 'vitest';
import {
  areasCoverPlace,
  buildCoverModel,
  isIrredundant,
  prepareCandidates,
  proximityPoints,
  scoreCombination,
  type PreparedCandidate,
  type SuggestionCandidateInput,
  type SuggestionRequest,
} from '../../app/domain/groupements/suggestions';
import { suggestPartners, type SuggestionMethod } from '../../app/services/groupements/suggestions.server';

const LABELS = { nettoyage: 'Nettoyage', espaces: 'Espaces verts', restauration: 'Restauration', btp: 'BTP' };
const request = (missing: string[], extra: Partial<SuggestionRequest> = {}): SuggestionRequest => ({
  missingSectors: missing,
  sectorLabels: LABELS,
  reservation: 'none',
  ...extra,
});
const cand = (
  supplierId: number,
  sectors: string[],
  extra: Partial<SuggestionCandidateInput> = {},
): SuggestionCandidateInput => ({
  supplierId,
  name: `S${supplierId}`,
  structureKind: 'EI',
  sectors,
  servesPlace: true,
  charterVerified: true,
  distanceKm: 0,
  ...extra,
});
const ids = (s: { members: { supplierId: number }[] }) => s.members.map((m) => m.supplierId).sort((a, b) => a - b);
const METHODS: SuggestionMethod[] = ['exhaustive', 'highs'];

describe('score', () => {
  it('weighs proximity linearly up to 200 km', () => {
    expect(proximityPoints(0)).toBe(300);
    expect(proximityPoints(100)).toBe(150);
    expect(proximityPoints(250)).toBe(0);
    expect(proximityPoints(null)).toBe(0);
  });
});

describe.each(METHODS)('suggestions (%s)', (method) => {
  it('proposes first a candidate that covers everything alone', async () => {
    const result = await suggestPartners(
      request(['nettoyage', 'espaces', 'restauration']),
      [
        cand(1, ['nettoyage']),
        cand(2, ['espaces', 'restauration']),
        cand(3, ['nettoyage', 'espaces', 'restauration'], { distanceKm: 12 }),
      ],
      { method },
    );
    expect(result.method).toBe(method);
    expect(result.suggestions.map(ids)).toEqual([[3], [1, 2], [2], [1]]); // then the partial covers
    const best = result.suggestions[0];
    expect(best.complete).toBe(true);
    expect(best.score).toBe(3 * 2000 - (1200 - (400 + 200 + 100 + 282)));
    expect(best.memberReasons[3]).toEqual([
      'couvre Nettoyage, Espaces verts et Restauration',
      'intervient sur le lieu d’exécution',
      'charte vérifiée',
      'à 12 km',
    ]);
    expect(best.reasons[0]).toBe('couvre tous les secteurs manquants (Nettoyage, Espaces verts et Restauration)');
  });

  it('prefers two good nearby partners to one far one outside its service area', async () => {
    const result = await suggestPartners(
      request(['nettoyage', 'espaces']),
      [
        cand(1, ['nettoyage', 'espaces'], { servesPlace: false, charterVerified: false, distanceKm: 400 }),
        cand(2, ['nettoyage']),
        cand(3, ['espaces']),
      ],
      { method },
    );
    expect(result.suggestions.map(ids)).toEqual([[2, 3], [1], [2], [3]]);
    expect(result.suggestions[0].score).toBe(4000 - 2 * 200);
    expect(result.suggestions[1].score).toBe(4000 - 1100);
  });

  it('ranks ties by distance then id', async () => {
    const result = await suggestPartners(
      request(['nettoyage']),
      [
        cand(7, ['nettoyage'], { distanceKm: 0.3 }),
        cand(5, ['nettoyage'], { distanceKm: 0.2 }),
        cand(6, ['nettoyage'], { distanceKm: 0.2 }),
      ],
      { method },
    );
    // 0.2 and 0.3 km both round to 300 proximity points: equal scores.
    expect(result.suggestions.map((s) => s.score)).toEqual([1800, 1800, 1800]);
    expect(result.suggestions.map(ids)).toEqual([[5], [6], [7]]);
  });

  it('says what stays uncovered when no combination covers everything', async () => {
    const result = await suggestPartners(
      request(['nettoyage', 'espaces', 'btp']),
      [cand(1, ['nettoyage']), cand(2, ['espaces']), cand(3, ['restauration'])],
      { method },
    );
    expect(result.suggestions.map(ids)[0]).toEqual([1, 2]);
    expect(result.suggestions[0].complete).toBe(false);
    expect(result.suggestions[0].uncoveredSectors).toEqual(['btp']);
    expect(result.suggestions[0].reasons[0]).toBe('couvre 2 secteurs sur 3 ; reste à couvrir : BTP');
    expect(result.considered).toBe(2); // the restaurant covers nothing missing
  });

  it('leaves aside the structures not eligible for a reserved tender', async () => {
    const result = await suggestPartners(
      request(['nettoyage', 'espaces'], { reservation: 'L2113-13' }),
      [
        cand(1, ['nettoyage', 'espaces'], { structureKind: 'EA' }),
        cand(2, ['nettoyage'], { structureKind: 'ACI' }),
        cand(3, ['espaces'], { structureKind: 'AI' }),
      ],
      { method },
    );
    expect(result.ineligible).toBe(1);
    expect(result.suggestions.map(ids)).toEqual([[2, 3], [2], [3]]);
    expect(result.suggestions[0].memberReasons[2]).toContain('éligible au marché réservé (L2113-13)');
  });

  it('keeps to three partners', async () => {
    const result = await suggestPartners(
      request(['nettoyage', 'espaces', 'restauration', 'btp']),
      [cand(1, ['nettoyage']), cand(2, ['espaces']), cand(3, ['restauration']), cand(4, ['btp'])],
      { method },
    );
    expect(result.suggestions.every((s) => s.members.length <= 3)).toBe(true);
    expect(result.suggestions[0].coveredSectors).toHaveLength(3);
  });

  it('answers nothing for an empty pool', async () => {
    expect((await suggestPartners(request(['nettoyage']), [], { method })).suggestions).toEqual([]);
  });
});

// A seeded pseudo-random generator (mulberry32), so the cross-check is reproducible.
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every irredundant combination of at most three, by brute force, best scores first. */
function bruteForceScores(candidates: PreparedCandidate[], limit: number): number[] {
  const scores: number[] = [];
  const n = candidates.length;
  for (let a = 0; a < n; a++) {
    scores.push(scoreCombination([candidates[a]]));
    for (let b = a + 1; b < n; b++) {
      const two = [candidates[a], candidates[b]];
      if (isIrredundant(two)) scores.push(scoreCombination(two));
      for (let c = b + 1; c < n; c++) {
        const three = [...two, candidates[c]];
        if (isIrredundant(three)) scores.push(scoreCombination(three));
      }
    }
  }
  return scores.sort((x, y) => y - x).slice(0, limit);
}

describe('both methods agree with brute force on random pools', () => {
  const sectors = ['nettoyage', 'espaces', 'restauration', 'btp', 'transport'];
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}`, async () => {
      const rnd = random(seed);
      const pool = Array.from({ length: 30 }, (_, i) =>
        cand(
          i + 1,
          sectors.filter(() => rnd() < 0.3),
          { servesPlace: rnd() < 0.7, charterVerified: rnd() < 0.5, distanceKm: Math.round(rnd() * 300) },
        ),
      );
      const req = request(sectors);
      const expected = bruteForceScores(prepareCandidates(req, pool).candidates, 5);
      for (const method of METHODS) {
        const result = await suggestPartners(req, pool, { method });
        expect(result.suggestions.map((s) => s.score)).toEqual(expected);
      }
    });
  }
});

describe('the MIP model', () => {
  it('is CPLEX LP text with cover rows, the size row and exclusion cuts', () => {
    const { candidates } = prepareCandidates(request(['nettoyage', 'espaces']), [
      cand(1, ['nettoyage']),
      cand(2, ['espaces']),
    ]);
    const lp = buildCoverModel(candidates, 2, 3, [[0]]);
    expect(lp).toContain('Maximize');
    expect(lp).toContain(' cov0: y0 - x0 <= 0');
    expect(lp).toContain(' size: + x0 + x1 <= 3');
    expect(lp).toContain(' cut0: + x0 <= 0');
    expect(lp.trim().endsWith('End')).toBe(true);
  });
});

describe('service-area coverage of the place', () => {
  const place = { communeCode: '69123', departementCode: '69', regionCode: '84' };
  it('covers by kind', () => {
    expect(areasCoverPlace([{ kind: 'national', code: null, radiusKm: null }], place, null)).toBe(true);
    expect(areasCoverPlace([{ kind: 'region', code: '84', radiusKm: null }], place, null)).toBe(true);
    expect(areasCoverPlace([{ kind: 'departement', code: '38', radiusKm: null }], place, null)).toBe(false);
    expect(areasCoverPlace([{ kind: 'commune', code: '69123', radiusKm: null }], place, null)).toBe(true);
    expect(areasCoverPlace([{ kind: 'radius', code: null, radiusKm: 30 }], place, 29.5)).toBe(true);
    expect(areasCoverPlace([{ kind: 'radius', code: null, radiusKm: 30 }], place, 31)).toBe(false);
    expect(areasCoverPlace([{ kind: 'radius', code: null, radiusKm: 30 }], place, null)).toBe(false);
  });
});
