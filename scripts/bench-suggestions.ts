import type { z } from 'zod';
import { openDatabase } from '../db/connection';
import { listGroupementCandidates } from '../db/repositories/groupement-candidates';
import { haversineKm } from '../app/domain/geo';
import { areasCoverPlace, type SuggestionCandidateInput } from '../app/domain/groupements/suggestions';
import { suggestPartners, type SuggestionMethod } from '../app/services/groupements/suggestions.server';
import { machineLine, readOnlyBenchOptions } from './lib/bench-read-only';
import { runCommand, runIfMain, type CommandSpec } from './lib/cli';
import { percentile } from './lib/percentile';

// `npm run bench:suggestions -- [--database PATH] [--runs N]`
// Partner suggestions for a five-lot tender in Lyon on the 100,000-supplier bench database (read-only): the SQL
// pre-filter (published suppliers with one of the lots' sectors serving the département), the preparation, and
// the exact solve, with the automatic choice and with each method forced. Target: < 200 ms end to end.

export const BENCH_SUGGESTIONS_COMMAND = {
  command: 'npm run bench:suggestions --',
  ...readOnlyBenchOptions('mesures par méthode'),
} satisfies CommandSpec<z.ZodTypeAny>;

type Args = z.output<(typeof BENCH_SUGGESTIONS_COMMAND)['schema']>;

const PLACE = { communeCode: '69123', departementCode: '69', regionCode: '84', lat: 45.758, lon: 4.835 };
const LOTS = [
  { number: 1, sector: 'nettoyage-bureaux', label: 'Nettoyage de bureaux' },
  { number: 2, sector: 'entretien-espaces-verts', label: 'Espaces verts' },
  { number: 3, sector: 'restauration-collective', label: 'Restauration collective' },
  { number: 4, sector: 'peinture-batiment', label: 'Peinture' },
  { number: 5, sector: 'collecte-dechets', label: 'Collecte de déchets' },
];

async function bench(args: Args): Promise<number> {
  console.log(machineLine());
  console.log(`Base : ${args.database} (lecture seule) ; appel d’offres à 5 lots à Lyon (69)`);
  const database = openDatabase(args.database, { readonly: true });
  const sectors = LOTS.map((l) => l.sector);
  const request = {
    missingSectors: sectors,
    sectorLabels: Object.fromEntries(LOTS.map((l) => [l.sector, l.label])),
    reservation: 'none' as const,
  };
  const once = async (method: SuggestionMethod | 'auto') => {
    const t0 = performance.now();
    const rows = await listGroupementCandidates(database.db, PLACE, sectors);
    const t1 = performance.now();
    const pool: SuggestionCandidateInput[] = rows.map((r) => {
      const distanceKm = haversineKm(r.lat, r.lon, PLACE.lat, PLACE.lon);
      return {
        supplierId: r.id,
        name: r.name,
        structureKind: r.structureKind,
        sectors: r.sectors,
        servesPlace: areasCoverPlace(r.areas, PLACE, distanceKm),
        charterVerified: r.charterStatus === 'verified',
        distanceKm,
      };
    });
    const result = await suggestPartners(request, pool, { method });
    const t2 = performance.now();
    return { sqlMs: t1 - t0, solveMs: t2 - t1, totalMs: t2 - t0, rows: rows.length, result };
  };
  try {
    await once('exhaustive'); // warm-up: SQLite page cache, JIT, HiGHS' WASM instance
    await once('highs');
    for (const method of ['auto', 'exhaustive', 'highs'] as const) {
      const runs = [];
      for (let i = 0; i < args.runs; i++) runs.push(await once(method));
      const total = runs.map((r) => r.totalMs).sort((a, b) => a - b);
      const sqlMs = runs.map((r) => r.sqlMs).sort((a, b) => a - b);
      const solve = runs.map((r) => r.solveMs).sort((a, b) => a - b);
      const last = runs[runs.length - 1];
      console.log(
        `\n${method} → méthode ${last.result.method} : ${last.rows} candidats pré-filtrés, ${last.result.considered} utiles, ${last.result.reduced} après réduction exacte`,
      );
      console.log(
        `  total médiane ${percentile(total, 50).toFixed(1)} ms, p95 ${percentile(total, 95).toFixed(1)} ms (SQL médiane ${percentile(sqlMs, 50).toFixed(1)} ms, calcul médiane ${percentile(solve, 50).toFixed(1)} ms)`,
      );
      for (const s of last.result.suggestions.slice(0, 3))
        console.log(
          `  ${s.score} : ${s.members.map((m) => `${m.name} (${s.memberReasons[m.supplierId].join(', ')})`).join(' + ')}`,
        );
    }
  } finally {
    await database.close();
  }
  return 0;
}

export function main(argv: readonly string[]): Promise<number | undefined> {
  return runCommand(BENCH_SUGGESTIONS_COMMAND, argv, (args) => bench(args));
}

runIfMain(import.meta.filename, main);
