// The import run again over stored suppliers (idempotence, --approve, --dry-run), and the README sample file.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatImportError } from '../../app/domain/import/errors';
import { importSuppliersCsv } from '../../app/services/import.server';
import { createTestDatabase } from '../support/db';
import { ROOT } from '../support/paths';
import { buildCsv, invalidSiret, validRow, validSiret } from '../fixtures/import/csv';
import { importTestHelpers } from './import-helpers';

const database = createTestDatabase();
const { db } = database;
const { clearSuppliers, messages, supplierCount, outboxCount, supplier, serviceAreas } = importTestHelpers(db);

beforeEach(clearSuppliers);

describe('importSuppliersCsv: re-import, --approve and --dry-run', () => {
  it('changes nothing on a second run: all unchanged, updated_at untouched, no new outbox row', async () => {
    const csv = buildCsv([
      validRow(50, { service_area: 'radius:25' }),
      validRow(51, { service_area: 'region:11|departement:75' }),
      validRow(52),
    ]);
    const first = await importSuppliersCsv(database, csv, { now: '2026-01-01T00:00:00.000Z' });
    expect(first.ok && first.value.counts.created).toBe(3);
    const outbox = await outboxCount();
    const second = await importSuppliersCsv(database, csv, { now: '2026-02-01T00:00:00.000Z' });
    expect(second).toMatchObject({
      ok: true,
      value: { counts: { rows: 3, newSuppliers: 0, existingSuppliers: 3, created: 0, updated: 0, unchanged: 3 } },
    });
    const stamps = await db.selectFrom('suppliers').select('updated_at').execute();
    expect(stamps.map((s) => s.updated_at)).toEqual(Array(3).fill('2026-01-01T00:00:00.000Z'));
    expect(await outboxCount()).toBe(outbox);
  });

  it('updates a changed row only, with one outbox row', async () => {
    await importSuppliersCsv(database, buildCsv([validRow(53), validRow(54)]), { now: '2026-01-01T00:00:00.000Z' });
    const outbox = await outboxCount();
    const result = await importSuppliersCsv(
      database,
      buildCsv([validRow(53), validRow(54, { name: 'Nouveau nom', labels: '' })]),
      {
        now: '2026-03-01T00:00:00.000Z',
      },
    );
    expect(result).toMatchObject({ ok: true, value: { counts: { created: 0, updated: 1, unchanged: 1 } } });
    const changed = await supplier(validSiret(54));
    expect(changed).toMatchObject({ name: 'Nouveau nom', updated_at: '2026-03-01T00:00:00.000Z' });
    expect(
      await db.selectFrom('supplier_labels').select('label_code').where('supplier_id', '=', changed.id).execute(),
    ).toEqual([]);
    expect(await outboxCount()).toBe(outbox + 1);
  });

  it('--approve publishes with the charter verified, unless the row says otherwise', async () => {
    const csv = buildCsv([
      validRow(55),
      validRow(56, { charter_status: 'pending' }),
      validRow(57, { charter_status: 'none' }),
    ]);
    const result = await importSuppliersCsv(database, csv, { approve: true, now: '2026-01-01T00:00:00.000Z' });
    expect(result.ok && result.value.counts.created).toBe(3);
    expect(await supplier(validSiret(55))).toMatchObject({
      publication_status: 'published',
      charter_status: 'verified',
      charter_verified_at: '2026-01-01T00:00:00.000Z',
    });
    expect(await supplier(validSiret(56))).toMatchObject({
      publication_status: 'published',
      charter_status: 'pending',
      charter_verified_at: null,
    });
    expect(await supplier(validSiret(57))).toMatchObject({ publication_status: 'published', charter_status: 'none' });
  });

  it('--approve publishes existing drafts; a later run without --approve neither unpublishes nor unverifies', async () => {
    const csv = buildCsv([validRow(58)]);
    await importSuppliersCsv(database, csv);
    expect(await supplier(validSiret(58))).toMatchObject({ publication_status: 'draft', charter_status: 'none' });
    const approved = await importSuppliersCsv(database, csv, { approve: true });
    expect(approved.ok && approved.value.counts.updated).toBe(1);
    expect(await supplier(validSiret(58))).toMatchObject({
      publication_status: 'published',
      charter_status: 'verified',
    });
    const again = await importSuppliersCsv(database, csv);
    expect(again.ok && again.value.counts.unchanged).toBe(1);
    expect(await supplier(validSiret(58))).toMatchObject({
      publication_status: 'published',
      charter_status: 'verified',
    });
  });

  it('--approve leaves a suspended supplier suspended, with a warning', async () => {
    const csv = buildCsv([validRow(59)]);
    await importSuppliersCsv(database, csv);
    await db
      .updateTable('suppliers')
      .set({ publication_status: 'suspended' })
      .where('siret', '=', validSiret(59))
      .execute();
    const result = await importSuppliersCsv(database, csv, { approve: true });
    expect(result.ok && result.value.warnings.map(formatImportError)).toEqual([
      'ligne 2 : fournisseur suspendu par la modération : il reste suspendu (la suspension ne se lève pas par un import)',
    ]);
    expect((await supplier(validSiret(59))).publication_status).toBe('suspended');
  });

  it('a file without an optional column keeps the stored values of that column', async () => {
    await importSuppliersCsv(database, buildCsv([validRow(60, { service_area: 'national' })]));
    const columns = ['siret', 'name', 'kind', 'sectors', 'commune_insee'];
    const result = await importSuppliersCsv(database, buildCsv([validRow(60)], { columns }));
    expect(result.ok && result.value.counts.unchanged).toBe(1);
    expect(await supplier(validSiret(60))).toMatchObject({
      email: 'contact60@atelier-solidaire.fr',
      phone: '01 23 45 67 89',
      headcount: 40,
    });
    expect(await serviceAreas(validSiret(60))).toEqual([{ kind: 'national', code: null, radius_km: null }]);
  });

  it('--dry-run validates, counts new and existing suppliers, and writes nothing', async () => {
    await importSuppliersCsv(database, buildCsv([validRow(61)]));
    const before = {
      suppliers: await supplierCount(),
      outbox: await outboxCount(),
      row: await supplier(validSiret(61)),
    };
    const csv = buildCsv([validRow(61, { name: 'Renommé' }), validRow(62), validRow(63)]);
    const result = await importSuppliersCsv(database, csv, { dryRun: true, approve: true });
    expect(result).toEqual({
      ok: true,
      value: {
        dryRun: true,
        counts: { rows: 3, newSuppliers: 2, existingSuppliers: 1, created: 0, updated: 0, unchanged: 0 },
        warnings: [],
      },
    });
    expect(await supplierCount()).toBe(before.suppliers);
    expect(await outboxCount()).toBe(before.outbox);
    expect(await supplier(validSiret(61))).toEqual(before.row);
    const bad = await importSuppliersCsv(database, buildCsv([validRow(64, { siret: invalidSiret(64) })]), {
      dryRun: true,
    });
    expect(messages(bad)).toEqual(['ligne 2, colonne siret : SIRET invalide (clé de contrôle incorrecte)']);
  });

  it('reports progress for both phases', async () => {
    const seen: string[] = [];
    await importSuppliersCsv(database, buildCsv([validRow(65), validRow(66)]), {
      onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`),
    });
    expect(seen).toEqual(['validate 2/2', 'write 2/2']);
  });
});

describe('docs/import-example.csv (the README sample)', () => {
  const example = fs.readFileSync(path.join(ROOT, 'docs/import-example.csv'));

  it('imports cleanly', async () => {
    const result = await importSuppliersCsv(database, example, { approve: true });
    expect(result).toMatchObject({ ok: true, value: { counts: { rows: 6, created: 6 } } });
    expect(await supplier('79912345000014')).toMatchObject({
      structure_kind: 'ESAT',
      phone: '02 40 11 22 33',
      charter_status: 'pending',
      website: null,
    });
    expect((await supplier('50876543500013')).description).toBe(
      "Entreprise d'insertion de propreté : bureaux, vitrerie, remise en état après chantier.\nInterventions de nuit possibles.",
    );
  });

  it('reports errors after its multi-line description at the right physical line', async () => {
    const broken = example.toString('utf8').replace('79912345000014', '79912345000015');
    expect(messages(await importSuppliersCsv(database, broken))).toEqual([
      'ligne 5, colonne siret : SIRET invalide (clé de contrôle incorrecte)',
    ]);
  });
});
