import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { openDatabase } from '../../db/connection';
import { upsertSupplierBySiret } from '../../db/repositories/suppliers';
import { seedDemoData } from '../../db/seed/index';
import type { SupplierInput } from '../../app/domain/supplier';
import { createSearchEngine } from '../../search/index';
import { reindexAll } from '../../search/reindex';
import { ROOT, TEMPLATE_DB, TMP_DIR } from './paths';

// Browser end-to-end support: builds the app when the build is missing or older than the sources, prepares
// a fresh database (reference data + a few hundred demo suppliers + the hand-made suppliers below, indexed),
// starts the real server (`tsx server.ts`, production mode) on a free port, and launches Debian's Chromium.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DEMO_SUPPLIERS = 300;

/** Hand-made suppliers the journeys look for; the demo generator never produces these invented words. */
export const KNOWN_SUPPLIERS = {
  quintaine: {
    siret: '81234567600017',
    name: 'Les Jardins de Quintaine',
    tradeName: 'Quintaine Paysages',
    legalForm: 'Association loi 1901',
    structureKind: 'ACI',
    yearFounded: 2004,
    communeCode: '69266',
    address: '12 rue des Maraîchers',
    postcode: '69100',
    description:
      'Chantier d’insertion qui entretient les parcs, jardins et berges de la métropole lyonnaise avec des salariés en parcours. Nous travaillons sans pesticides & sans produits chimiques.',
    headcount: 38,
    insertionHeadcount: 30,
    turnoverBand: '500k-1m',
    email: 'contact@quintaine.example.fr',
    phone: '0472000001',
    website: 'https://quintaine.example.fr',
    charterStatus: 'verified',
    publicationStatus: 'published',
    offers: [
      { name: 'Entretien de parcs et jardins', description: 'Tonte, taille de haies, désherbage manuel et paillage.' },
      {
        name: 'Restauration de berges',
        description: 'Génie végétal et gestion des espèces invasives le long des cours d’eau.',
      },
    ],
    sectors: ['entretien-espaces-verts', 'entretien-milieux-naturels'],
    serviceAreas: [
      { kind: 'departement', code: '69' },
      { kind: 'radius', radiusKm: 30 },
    ],
    references: [
      { clientName: 'Métropole de Lyon', year: 2024, description: 'Entretien annuel de trois parcs urbains.' },
    ],
    labels: ['esus', 'vegetal-local'],
  },
  ravenelleEsat: {
    siret: '81234568400011',
    name: 'ESAT Blanchisserie Ravenelle',
    legalForm: 'Association loi 1901',
    structureKind: 'ESAT',
    yearFounded: 1987,
    communeCode: '38185',
    postcode: '38000',
    description:
      'Blanchisserie et repassage pour les établissements de santé, par des travailleurs en situation de handicap.',
    headcount: 60,
    insertionHeadcount: 48,
    charterStatus: 'pending',
    publicationStatus: 'published',
    offers: [{ name: 'Blanchisserie', description: 'Linge plat et vêtements de travail, collecte et livraison.' }],
    sectors: ['nettoyage-bureaux'],
    serviceAreas: [{ kind: 'region', code: '84' }],
    labels: [],
  },
  ravenelleEi: {
    siret: '81234569200014',
    name: 'Ravenelle Propreté',
    legalForm: 'SAS',
    structureKind: 'EI',
    yearFounded: 2015,
    communeCode: '69259',
    description: 'Entreprise d’insertion de nettoyage de bureaux et de vitres dans l’est lyonnais.',
    charterStatus: 'none',
    publicationStatus: 'published',
    offers: [{ name: 'Nettoyage de bureaux', description: 'Entretien quotidien des locaux tertiaires.' }],
    sectors: ['nettoyage-bureaux', 'nettoyage-vitres'],
    serviceAreas: [{ kind: 'radius', radiusKm: 25 }],
  },
  draft: {
    siret: '81234570000015',
    name: 'Ravenelle Brouillon',
    structureKind: 'SCOP',
    communeCode: '69123',
    description: 'Fiche en brouillon, jamais visible du public.',
    charterStatus: 'none',
    publicationStatus: 'draft',
    sectors: ['nettoyage-bureaux'],
  },
} satisfies Record<string, SupplierInput>;

export interface E2eApp {
  baseUrl: string;
  browser: Browser;
  /** Slugs of KNOWN_SUPPLIERS, by key. */
  slugs: Record<keyof typeof KNOWN_SUPPLIERS, string>;
  /** The server's database file (open it to prepare data the running server then acts on). */
  databaseFile: string;
  /** The server's MAIL_DIR: without SMTP_URL, the mail sender writes one .eml file per message there. */
  mailDir: string;
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Everything the server process wrote to stdout and stderr so far. */
  serverLog(): string;
  /** Uncaught page errors and console errors (CSP violations, hydration errors) seen by a page so far. */
  errorsOf(page: Page): string[];
  close(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Runs `remix build` when build/index.js is missing, older than anything under app/ or remix.config.js, or a
 * development build.
 */
export function ensureBuild(): void {
  const buildFile = path.join(ROOT, 'build/index.js');
  const sources = Math.max(
    newestMtime(path.join(ROOT, 'app')),
    fs.statSync(path.join(ROOT, 'remix.config.js')).mtimeMs,
  );
  const fresh =
    fs.existsSync(buildFile) &&
    fs.statSync(buildFile).mtimeMs >= sources &&
    fs.readFileSync(buildFile, 'utf8').includes('mode = "production"');
  if (fresh) return;
  const result = spawnSync('npx', ['remix', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh, indexed database file: reference data (template), demo suppliers and the known suppliers. */
async function prepareDatabase(file: string): Promise<Record<keyof typeof KNOWN_SUPPLIERS, string>> {
  fs.copyFileSync(TEMPLATE_DB, file);
  const database = openDatabase(file);
  try {
    await seedDemoData(database, { suppliers: DEMO_SUPPLIERS, seed: 7 });
    const slugs = {} as Record<keyof typeof KNOWN_SUPPLIERS, string>;
    await database.db.transaction().execute(async (trx) => {
      for (const [key, input] of Object.entries(KNOWN_SUPPLIERS) as [keyof typeof KNOWN_SUPPLIERS, SupplierInput][]) {
        slugs[key] = (await upsertSupplierBySiret(trx, input)).slug;
      }
    });
    const engine = createSearchEngine({ MEILI_INDEX: 'suppliers' }, database);
    await engine.init();
    await reindexAll(database, engine);
    await engine.close();
    database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return slugs;
  } finally {
    await database.close();
  }
}

async function waitForServer(child: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer within 60 s:\n${output()}`);
}

/** Everything a browser test file needs; call close() in afterAll. */
export async function startE2eApp(): Promise<E2eApp> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
  }
  ensureBuild();
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, `test-e2e-${process.pid}-${crypto.randomUUID()}.db`);
  const mailDir = path.join(TMP_DIR, `mail-e2e-${process.pid}-${crypto.randomUUID()}`);
  const slugs = await prepareDatabase(file);

  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SITE_URL: baseUrl,
      PORT: String(port),
      DATABASE_PATH: file,
      SEED_DEMO: '0',
      MEILI_HOST: '',
      SMTP_URL: '',
      MAIL_DIR: mailDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const stopServer = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.rmSync(mailDir, { recursive: true, force: true });
  };

  let browser: Browser;
  try {
    await waitForServer(child, baseUrl, () => log);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    await stopServer();
    throw error;
  }

  const errors = new WeakMap<Page, string[]>();
  return {
    baseUrl,
    browser,
    slugs,
    databaseFile: file,
    mailDir,
    async newPage(options: BrowserContextOptions = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'fr-FR', ...options });
      const page = await context.newPage();
      const seen: string[] = [];
      errors.set(page, seen);
      page.on('pageerror', (error) => seen.push(`pageerror on ${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') seen.push(`console on ${page.url()}: ${message.text()}`);
      });
      return page;
    },
    serverLog() {
      return log;
    },
    errorsOf(page: Page) {
      return errors.get(page) ?? [];
    },
    async close() {
      await browser.close();
      await stopServer();
    },
  };
}

/** A new browser page (1280×900) signed in with a session cookie (`name=value`, as tests/support/organisations.ts gives it). */
export async function signedInPage(app: E2eApp, cookie: string): Promise<Page> {
  const page = await app.newPage({ viewport: { width: 1280, height: 900 } });
  const split = cookie.indexOf('=');
  await page.context().addCookies([{ name: cookie.slice(0, split), value: cookie.slice(split + 1), url: app.baseUrl }]);
  return page;
}
