import type { OpenedSqliteDatabase } from '../../db/connection';
import {
  listCodes,
  listLargestLocatedCommunes,
  listPublishedSirets,
  listSupplierPostcodes,
} from '../../db/repositories/bench-samples';
import { mulberry32 } from '../../db/seed/random';
import { readTermFrequencies } from '../../search/sqlite/schema';
import { tokenize } from '../../search/text';
import type { SearchQuery } from '../../search/types';

// The query set of scripts/bench.ts: a fixed, seeded mix of what buyers type (1-3 words, typos, prefixes,
// facets, radius, coverage, identifiers, sorts, pages), drawn from the words and places of the database.

export type Category =
  | 'one word'
  | 'two or three words'
  | 'typo'
  | 'prefix'
  | 'text + facets'
  | 'facets only'
  | 'radius'
  | 'coverage'
  | 'identifier'
  | 'sort / page';

export interface BenchQuery {
  category: Category;
  query: SearchQuery;
}

export interface Reference {
  kinds: string[];
  sectors: string[];
  departements: string[];
  regions: string[];
  labels: string[];
  cities: { code: string; name: string; departement: string; region: string; lat: number; lon: number }[];
  broadWords: string[];
  mediumWords: string[];
  rareWords: string[];
  sirets: string[];
  postcodes: string[];
}

/** What buyers type: trades, in their usual words (some with accents, some without). */
const TRADE_QUERIES = [
  'nettoyage',
  'nettoyage bureaux',
  'entretien espaces verts',
  'espaces verts',
  'restauration collective',
  'traiteur',
  'blanchisserie',
  'recyclage',
  'imprimerie',
  'menuiserie',
  'déménagement',
  'informatique',
  'reconditionnement ordinateurs',
  'conditionnement',
  'couture',
  'élagage',
  'livraison vélo',
  'plateaux repas',
  'collecte déchets',
  'peinture',
  'maçonnerie',
  'événementiel',
  'routage',
  'numérisation',
  'archives',
  'jardinage',
  'tonte',
  'lavage vitres',
  'entretien locaux',
  'repassage',
  'linge',
  'mobilier',
  'signalétique',
  'second oeuvre',
  'désinfection',
  'portage repas',
  'débroussaillage',
  'vêtements de travail',
  'sous-traitance industrielle',
  'accueil',
];

const MUTATIONS = ['substitute', 'delete', 'insert', 'transpose'] as const;

function typo(word: string, edits: number, rand: () => number): string {
  let chars = [...word];
  for (let e = 0; e < edits; e++) {
    // Never the first letter: a typo there counts double.
    const i = 1 + Math.floor(rand() * Math.max(1, chars.length - 2));
    const kind = MUTATIONS[Math.floor(rand() * MUTATIONS.length)];
    const letter = 'aeiourstnl'[Math.floor(rand() * 10)];
    if (kind === 'substitute') chars[i] = chars[i] === letter ? 'x' : letter;
    else if (kind === 'delete') chars.splice(i, 1);
    else if (kind === 'insert') chars.splice(i, 0, letter);
    else if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
    else chars[i] = letter;
    chars = chars.filter((c) => c !== undefined);
  }
  return chars.join('');
}

export function buildQueries(ref: Reference, count: number, seed: number): BenchQuery[] {
  const rand = mulberry32(seed ^ 0x5eed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const some = <T>(items: readonly T[], max: number): T[] => {
    const n = 1 + Math.floor(rand() * max);
    return [...new Set(Array.from({ length: n }, () => pick(items)))];
  };
  const base = (): SearchQuery => ({ page: 1, perPage: 20 });
  const word = () => {
    const r = rand();
    return r < 0.3 ? pick(ref.broadWords) : r < 0.75 ? pick(ref.mediumWords) : pick(ref.rareWords);
  };
  const text = () => (rand() < 0.6 ? pick(TRADE_QUERIES) : word());
  const facets = (q: SearchQuery): SearchQuery => {
    const r = rand();
    if (r < 0.25) q.kinds = some(ref.kinds, 2);
    else if (r < 0.45) q.sectors = some(ref.sectors, 2);
    else if (r < 0.65) q.departements = some(ref.departements, 2);
    else if (r < 0.8) q.regions = [pick(ref.regions)];
    else if (r < 0.9) q.labels = [pick(ref.labels)];
    else q.charter = ['verified'];
    if (rand() < 0.3) q.kinds = some(ref.kinds, 2);
    return q;
  };
  const generators: [Category, number, () => SearchQuery][] = [
    [
      'one word',
      0.14,
      () => ({ ...base(), q: rand() < 0.5 ? pick(TRADE_QUERIES.filter((t) => !t.includes(' '))) : word() }),
    ],
    [
      'two or three words',
      0.12,
      () => ({
        ...base(),
        q:
          rand() < 0.5
            ? pick(TRADE_QUERIES.filter((t) => t.includes(' ')))
            : `${word()} ${word()}${rand() < 0.3 ? ` ${pick(ref.cities).name}` : ''}`,
      }),
    ],
    [
      'typo',
      0.12,
      () => {
        const words = tokenize(text());
        const i = Math.floor(rand() * words.length);
        const w = words[i];
        words[i] = w.length >= 9 ? typo(w, 1 + Math.floor(rand() * 2), rand) : w.length >= 5 ? typo(w, 1, rand) : w;
        return { ...base(), q: words.join(' ') };
      },
    ],
    [
      'prefix',
      0.08,
      () => {
        const w = tokenize(text());
        const last = w[w.length - 1];
        w[w.length - 1] = last.slice(0, Math.max(2, Math.ceil(last.length * (0.4 + rand() * 0.4))));
        return { ...base(), q: w.join(' ') };
      },
    ],
    ['text + facets', 0.16, () => facets({ ...base(), q: text() })],
    ['facets only', 0.08, () => facets(base())],
    [
      'radius',
      0.12,
      () => {
        const city = pick(ref.cities);
        const q: SearchQuery = {
          ...base(),
          near: { lat: city.lat, lon: city.lon, radiusKm: pick([5, 10, 20, 30, 50]) },
        };
        if (rand() < 0.6) q.q = text();
        if (rand() < 0.3) q.sort = 'distance';
        return q;
      },
    ],
    [
      'coverage',
      0.07,
      () => {
        const city = pick(ref.cities);
        const q: SearchQuery = {
          ...base(),
          covers: {
            commune: city.code,
            departement: city.departement,
            region: city.region,
            lat: city.lat,
            lon: city.lon,
          },
        };
        if (rand() < 0.6) q.q = text();
        if (rand() < 0.3) q.kinds = some(ref.kinds, 2);
        return q;
      },
    ],
    [
      'identifier',
      0.04,
      () => {
        const r = rand();
        const siret = pick(ref.sirets);
        return { ...base(), q: r < 0.4 ? siret : r < 0.7 ? siret.slice(0, 9) : pick(ref.postcodes) };
      },
    ],
    [
      'sort / page',
      0.07,
      () => {
        const q: SearchQuery = {
          ...base(),
          page: 1 + Math.floor(rand() * 5),
          sort: rand() < 0.5 ? 'name' : 'relevance',
        };
        if (rand() < 0.7) q.q = text();
        return q;
      },
    ],
  ];
  const out: BenchQuery[] = [];
  for (const [category, share, make] of generators) {
    const n = Math.max(1, Math.round(share * count));
    for (let i = 0; i < n; i++) out.push({ category, query: make() });
  }
  while (out.length < count) out.push({ category: 'one word', query: { ...base(), q: word() } });
  // Interleave the categories, deterministically.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out.slice(0, Math.max(count, out.length));
}

export async function readReference(
  database: OpenedSqliteDatabase,
  suppliers: number,
  seed: number,
): Promise<Reference> {
  const { db } = database;
  // Words of the index by document frequency: broad (over 5 % of the suppliers), medium, rare.
  const vocab = readTermFrequencies(database.sqlite, 4);
  const band = (min: number, max: number) => vocab.filter((v) => v.doc >= min && v.doc < max).map((v) => v.term);
  const rand = mulberry32(seed);
  const sample = <T>(items: T[], n: number) =>
    Array.from({ length: Math.min(n, items.length) }, () => items[Math.floor(rand() * items.length)]);
  const cities = await listLargestLocatedCommunes(db, 60);
  return {
    kinds: await listCodes(db, 'structure_kinds'),
    sectors: await listCodes(db, 'sectors'),
    departements: await listCodes(db, 'departements'),
    regions: await listCodes(db, 'regions'),
    labels: await listCodes(db, 'labels'),
    cities,
    broadWords: sample(band(Math.ceil(suppliers * 0.05), Infinity), 40),
    mediumWords: sample(band(Math.ceil(suppliers * 0.002), Math.ceil(suppliers * 0.05)), 80),
    rareWords: sample(band(1, Math.max(2, Math.ceil(suppliers * 0.002))), 80),
    sirets: (await listPublishedSirets(db, 2000)).filter((_, i) => i % 97 === 0),
    postcodes: (await listSupplierPostcodes(db, 500)).filter((_, i) => i % 37 === 0),
  };
}
