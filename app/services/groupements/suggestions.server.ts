import highsLoader, { type Highs } from 'highs';
import {
  buildCoverModel,
  compareCombinations,
  DEFAULT_LIMIT,
  decodeSelection,
  describeSuggestion,
  exhaustiveSearch,
  MAX_MISSING_SECTORS,
  MAX_PARTNERS,
  prepareCandidates,
  reducePool,
  type PreparedCandidate,
  type Suggestion,
  type SuggestionCandidateInput,
  type SuggestionRequest,
} from '~/domain/groupements/suggestions';

// Partner suggestions for a groupement (issue 7 §3): the domain prepares, reduces and scores the candidates;
// this service picks the exact method and, for larger pools, calls the HiGHS MIP solver (WASM, no I/O).
// docs/decisions/212-partner-suggestions.md.

export type SuggestionMethod = 'exhaustive' | 'highs';

/** Above this many candidates (after the exact reduction) the MIP solver answers instead of the search. */
export const EXHAUSTIVE_MAX_POOL = 250;

export interface PartnerSuggestions {
  /** Which exact method answered. */
  method: SuggestionMethod;
  suggestions: Suggestion[];
  /** Candidates left aside because their structure kind is not eligible for the reserved tender. */
  ineligible: number;
  /** Candidates that cover a missing sector, before and after the exact reduction. */
  considered: number;
  reduced: number;
}

let solver: Promise<Highs> | null = null;
function loadSolver(): Promise<Highs> {
  solver ??= highsLoader();
  return solver;
}

export async function suggestPartners(
  request: SuggestionRequest,
  pool: SuggestionCandidateInput[],
  options: { method?: SuggestionMethod | 'auto' } = {},
): Promise<PartnerSuggestions> {
  const limit = request.limit ?? DEFAULT_LIMIT;
  const maxPartners = request.maxPartners ?? MAX_PARTNERS;
  const missing = [...new Set(request.missingSectors)].slice(0, MAX_MISSING_SECTORS);
  const req = { ...request, missingSectors: missing };
  const { candidates, ineligible } = prepareCandidates(req, pool);
  const reduced = reducePool(candidates, limit, maxPartners);
  const method: SuggestionMethod =
    options.method && options.method !== 'auto'
      ? options.method
      : reduced.length <= EXHAUSTIVE_MAX_POOL
        ? 'exhaustive'
        : 'highs';
  const combinations =
    missing.length === 0 || reduced.length === 0
      ? []
      : method === 'exhaustive'
        ? exhaustiveSearch(reduced, missing.length, limit, maxPartners)
        : await solveWithHighs(reduced, missing.length, limit, maxPartners);
  return {
    method,
    suggestions: combinations.map((members) => describeSuggestion(req, members)),
    ineligible,
    considered: candidates.length,
    reduced: reduced.length,
  };
}

/** The best combination, then the next best with that one excluded, and so on, up to `limit`. */
async function solveWithHighs(
  candidates: PreparedCandidate[],
  sectorCount: number,
  limit: number,
  maxPartners: number,
): Promise<PreparedCandidate[][]> {
  const highs = await loadSolver();
  const found: number[][] = [];
  while (found.length < limit) {
    const result = highs.solve(buildCoverModel(candidates, sectorCount, maxPartners, found), {
      output_flag: false,
      mip_rel_gap: 0, // exact: the default 1e-4 gap could stop one point short of the optimum
    });
    if (result.Status !== 'Optimal') break;
    const chosen = decodeSelection(result.Columns as Record<string, { Primal?: number }>, candidates.length);
    if (chosen.length === 0) break;
    found.push(chosen);
  }
  // Ties come out of the solver in any order: rank them as the search does.
  return found.map((ids) => ids.map((i) => candidates[i])).sort(compareCombinations);
}
