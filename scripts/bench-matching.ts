import type { z } from 'zod';
import { openDatabase } from '../db/connection';
import type { TenderLotDraft } from '../app/domain/tenders/form';
import type { PlaceKind, Reservation } from '../app/domain/tenders/tender';
import { rankTenderMatches } from '../app/services/tenders/matching.server';
import { machineLine, readOnlyBenchOptions } from './lib/bench-read-only';
import { runCommand, runIfMain, type CommandSpec } from './lib/cli';
import { percentile } from './lib/percentile';

// `npm run bench:matching -- [--database PATH] [--runs N]`
// The matching of a tender at publication on the 100,000-supplier bench database (read-only): the place
// resolved, the SQL pre-filter (published suppliers with one of the tender's sectors, an eligible kind, an area
// that may cover the place) and the exact rules and ranking of the domain (docs/decisions/250-tender-matching.md).
// The writes (matches, notifications, mails) are not timed: the bench database has no tenders' tables.

export const BENCH_MATCHING_COMMAND = {
  command: 'npm run bench:matching --',
  ...readOnlyBenchOptions('mesures par cas'),
} satisfies CommandSpec<z.ZodTypeAny>;

type Args = z.output<(typeof BENCH_MATCHING_COMMAND)['schema']>;

const LOT_SECTORS = [
  'nettoyage-bureaux',
  'entretien-espaces-verts',
  'restauration-collective',
  'peinture-batiment',
  'collecte-dechets',
];
const LOTS: TenderLotDraft[] = LOT_SECTORS.map((sector, i) => ({
  number: i + 1,
  title: `Lot ${i + 1}`,
  description: '',
  sectors: [sector],
  estimatedValueEuros: null,
}));

const CASES: { label: string; placeKind: PlaceKind; placeCode: string | null; reservation: Reservation }[] = [
  { label: '5 lots, commune de Lyon (69123)', placeKind: 'commune', placeCode: '69123', reservation: 'none' },
  { label: '5 lots, département du Rhône (69)', placeKind: 'departement', placeCode: '69', reservation: 'none' },
  { label: '5 lots, région Auvergne-Rhône-Alpes (84)', placeKind: 'region', placeCode: '84', reservation: 'none' },
  { label: '5 lots, France entière', placeKind: 'national', placeCode: null, reservation: 'none' },
  {
    label: '5 lots, Rhône, réservé SIAE (L2113-13)',
    placeKind: 'departement',
    placeCode: '69',
    reservation: 'L2113-13',
  },
];

async function bench(args: Args): Promise<number> {
  console.log(machineLine());
  console.log(`Base : ${args.database} (lecture seule)`);
  const database = openDatabase(args.database, { readonly: true });
  try {
    for (const c of CASES) {
      const tender = {
        reservation: c.reservation,
        sectors: [],
        lots: LOTS,
        placeKind: c.placeKind,
        placeCode: c.placeCode,
      };
      await rankTenderMatches(database.db, tender); // warm-up: page cache, JIT
      const times: number[] = [];
      let last = { ranked: 0, candidates: 0 };
      for (let i = 0; i < args.runs; i++) {
        const t0 = performance.now();
        const result = await rankTenderMatches(database.db, tender);
        times.push(performance.now() - t0);
        last = { ranked: result.ranked.length, candidates: result.candidates };
      }
      times.sort((a, b) => a - b);
      console.log(
        `${c.label} : ${last.candidates} candidats pré-filtrés, ${last.ranked} retenus ; médiane ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
      );
    }
  } finally {
    await database.close();
  }
  return 0;
}

export function main(argv: readonly string[]): Promise<number | undefined> {
  return runCommand(BENCH_MATCHING_COMMAND, argv, (args) => bench(args));
}

runIfMain(import.meta.filename, main);
