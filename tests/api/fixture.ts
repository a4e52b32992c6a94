import { afterAll } from 'vitest';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { upsertSupplierBySiret } from '../../db/repositories/suppliers';
import { completeSiren, completeSiret } from '../../app/domain/siret';
import type { SupplierInput } from '../../app/domain/supplier';
import { parseEnv } from '../../app/env.server';
import { setAppContext, type AppContext } from '../../app/services/context.server';
import { createSearchEngine } from '../../search/index';
import { createMeilisearchEngine } from '../../search/meilisearch/engine';
import type { SearchEngine } from '../../search/types';
import { drainOutbox } from '../../search/outbox';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { closedPort } from '../support/net';

// A small, hand-made catalogue for the API tests: a real SQLite file (createTestDatabase), suppliers written
// through the real repository (with their outbox rows), indexed by the real engine from the outbox, and
// installed as the application context the route loaders use.

function siret(n: number): string {
  return completeSiret(`${completeSiren(`4200${String(n).padStart(4, '0')}`)}0001`);
}

export const FIXTURE = {
  jardins: {
    siret: siret(1),
    name: 'Les Jardins du Rhône',
    tradeName: null,
    legalForm: 'Association loi 1901',
    structureKind: 'ACI',
    yearFounded: 2003,
    communeCode: '69123',
    address: '4 quai des Saules',
    postcode: '69007',
    description: 'Tonte, taille de haies et entretien de parcs pour les collectivités de la métropole lyonnaise.',
    headcount: 25,
    insertionHeadcount: 18,
    turnoverBand: '500k-1m',
    email: 'contact@jardins-rhone.example.fr',
    phone: '0472000010',
    website: 'https://jardins-rhone.example.fr',
    charterStatus: 'verified',
    publicationStatus: 'published',
    offers: [
      { name: 'Entretien de parcs', description: 'Tonte, débroussaillage et ramassage des feuilles.' },
      { name: 'Taille de haies', description: 'Taille douce et évacuation des déchets verts.' },
    ],
    sectors: ['entretien-espaces-verts', 'creation-espaces-verts'],
    serviceAreas: [
      { kind: 'departement', code: '69' },
      { kind: 'radius', radiusKm: 30 },
    ],
    references: [
      { clientName: 'Ville de Lyon', year: 2023, description: 'Entretien des berges du Rhône.' },
      { clientName: 'Métropole de Lyon', year: 2024, description: 'Fauchage tardif des talus.' },
    ],
    labels: ['esus'],
  },
  net: {
    siret: siret(2),
    name: 'Net Services Villeurbanne',
    structureKind: 'EI',
    communeCode: '69266',
    description: 'Nettoyage de bureaux et de locaux tertiaires avec des salariés en parcours d’insertion.',
    charterStatus: 'pending',
    publicationStatus: 'published',
    offers: [{ name: 'Nettoyage de bureaux', description: 'Entretien quotidien des bureaux et des sanitaires.' }],
    sectors: ['nettoyage-bureaux'],
    serviceAreas: [{ kind: 'radius', radiusKm: 20 }],
    labels: ['qualipropre'],
  },
  ateliers: {
    siret: siret(3),
    name: 'ESAT Les Ateliers du Dauphiné',
    structureKind: 'ESAT',
    communeCode: '38185',
    description: 'Travailleurs handicapés accompagnés : propreté des locaux et espaces verts dans toute la région.',
    charterStatus: 'verified',
    publicationStatus: 'published',
    offers: [{ name: 'Propreté des locaux', description: 'Nettoyage de bureaux et vitrerie.' }],
    sectors: ['nettoyage-bureaux', 'entretien-espaces-verts'],
    serviceAreas: [{ kind: 'region', code: '84' }],
    labels: ['esus', 'iso-14001'],
  },
  repas: {
    siret: siret(4),
    name: 'Bretagne Repas Solidaires',
    structureKind: 'EA',
    communeCode: '35238',
    description: 'Cuisine et livraison de plateaux repas préparés avec des produits locaux.',
    charterStatus: 'none',
    publicationStatus: 'published',
    offers: [{ name: 'Plateaux repas', description: 'Livrés dans toute la France sous 48 heures.' }],
    sectors: ['portage-repas', 'traiteur'],
    serviceAreas: [{ kind: 'national' }],
    labels: [],
  },
  imprimerie: {
    siret: siret(5),
    name: 'Imprimerie Coopérative Parisienne',
    structureKind: 'SCOP',
    communeCode: '75056',
    description: 'Impression offset et numérique sur papier recyclé pour les collectivités.',
    charterStatus: 'expired',
    publicationStatus: 'published',
    offers: [{ name: 'Impression de documents', description: 'Brochures, affiches et rapports annuels.' }],
    sectors: ['imprimerie-offset'],
    serviceAreas: [{ kind: 'departement', code: '75' }],
    labels: ['imprim-vert', 'b-corp'],
  },
  balise: {
    siret: siret(6),
    name: 'Atelier Balise',
    structureKind: 'SCIC',
    communeCode: '42218',
    description: 'Signalétique <script>alert("balise")</script> et enseignes fabriquées en atelier solidaire.',
    charterStatus: 'none',
    publicationStatus: 'published',
    offers: [{ name: 'Panneaux', description: 'Panneaux et enseignes sur mesure.' }],
    sectors: ['signaletique'],
    serviceAreas: [{ kind: 'departement', code: '42' }],
    labels: [],
  },
  brouillon: {
    siret: siret(7),
    name: 'Brouillon Propreté',
    structureKind: 'EI',
    communeCode: '69123',
    description: 'Fiche en cours de rédaction.',
    publicationStatus: 'draft',
    sectors: ['nettoyage-bureaux'],
    serviceAreas: [{ kind: 'departement', code: '69' }],
  },
  suspendu: {
    siret: siret(8),
    name: 'Suspendu Services',
    structureKind: 'EI',
    communeCode: '69123',
    description: 'Fiche suspendue par la modération.',
    publicationStatus: 'suspended',
    sectors: ['nettoyage-bureaux'],
    serviceAreas: [{ kind: 'departement', code: '69' }],
  },
} satisfies Record<string, SupplierInput>;

export type FixtureKey = keyof typeof FIXTURE;
export const PUBLISHED_KEYS: FixtureKey[] = ['jardins', 'net', 'ateliers', 'repas', 'imprimerie', 'balise'];

export interface ApiFixture {
  database: TestDatabase;
  context: AppContext;
  ids: Record<FixtureKey, number>;
  slugs: Record<FixtureKey, string>;
}

/** Builds the database, seeds the fixture, indexes it and installs the application context. */
export async function setUpApiFixture(): Promise<ApiFixture> {
  const database = createTestDatabase();
  const env = parseEnv({ NODE_ENV: 'test', ...database.env, SEED_DEMO: '0' });
  const search = createSearchEngine(env, database);
  await search.init();
  const ids = {} as Record<FixtureKey, number>;
  const slugs = {} as Record<FixtureKey, string>;
  await database.db.transaction().execute(async (trx) => {
    for (const [key, input] of Object.entries(FIXTURE) as [FixtureKey, SupplierInput][]) {
      const result = await upsertSupplierBySiret(trx, input);
      ids[key] = result.id;
      slugs[key] = result.slug;
    }
  });
  for (;;) {
    const drained = await drainOutbox(database.db, search);
    if (drained.error) throw drained.error;
    if (drained.rows === 0) break;
  }
  const context: AppContext = { env, database, search };
  setAppContext(context);
  afterAll(async () => {
    await search.close();
  });
  return { database, context, ids, slugs };
}

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

/** Calls a route loader (or action) as Remix would, with a real Request. */
export async function call(
  loader: Loader,
  path: string,
  params: Record<string, string> = {},
  init?: RequestInit,
): Promise<Response> {
  const request = new Request(`http://localhost${path}`, init);
  return loader({ request, params, context: {} } as LoaderFunctionArgs);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers freely; the OpenAPI test checks their shape
export async function callJson<T = any>(loader: Loader, path: string, params: Record<string, string> = {}) {
  const response = await call(loader, path, params);
  const text = await response.text();
  return { response, status: response.status, text, body: JSON.parse(text) as T };
}

/** A real engine that cannot answer: the Meilisearch engine pointed at a local port nobody listens on. */
export async function unreachableEngine(): Promise<SearchEngine> {
  return createMeilisearchEngine({
    host: `http://127.0.0.1:${await closedPort()}`,
    indexUid: 'suppliers',
    taskTimeoutMs: 1000,
  });
}
