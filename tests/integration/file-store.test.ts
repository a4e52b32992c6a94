import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeSiren, completeSiret } from '../../app/domain/siret';
import { cleanOriginalName } from '../../app/domain/uploads';
import { upsertSupplierBySiret } from '../../db/repositories/suppliers';
import { detectContentType } from '../../app/services/uploads/detect.server';
import {
  cleanUpUploads,
  forgetUpload,
  readUpload,
  recordUpload,
  removeUploads,
  writeUpload,
} from '../../app/services/uploads/file-store.server';
import { PDF_BYTES } from '../support/organisations';
import { createTestDatabase } from '../support/db';
import { TMP_DIR } from '../support/paths';

// The one file store of uploads (decisions 131, 140): random names, whole files only, the row written in the
// caller's transaction, and reads that check the row before touching the disk.

const { db } = createTestDatabase();
const dir = path.join(TMP_DIR, `file-store-${process.pid}-${crypto.randomUUID()}`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const details = (purpose: 'logo' | 'charter-evidence', originalName: string | null = null) => ({
  purpose,
  contentType: purpose === 'logo' ? 'image/webp' : 'application/pdf',
  originalName,
  organisationId: null,
  uploadedByUserId: null,
});

describe('the file store', () => {
  it('writes under a new random name, readable by the owner only, with its SHA-256', async () => {
    const a = await writeUpload(dir, PDF_BYTES);
    const b = await writeUpload(dir, PDF_BYTES);
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(b.id).not.toBe(a.id);
    expect(a).toMatchObject({
      byteSize: PDF_BYTES.byteLength,
      sha256: crypto.createHash('sha256').update(PDF_BYTES).digest('hex'),
    });
    expect(fs.statSync(path.join(dir, a.id)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).sort()).toEqual([a.id, b.id].sort());
    await removeUploads(dir, [a.id, b.id, a.id]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('serves a file only when its row is what the route wants', async () => {
    const written = await writeUpload(dir, PDF_BYTES);
    // No row yet: nothing to serve, even though the bytes are on disk.
    expect(await readUpload(db, dir, written.id, { purpose: 'charter-evidence', organisationId: 1 })).toBeNull();
    await db
      .transaction()
      .execute((trx) => recordUpload(trx, written, details('charter-evidence', 'a/b\\c"d.pdf'), 'now'));
    const row = await db.selectFrom('stored_files').selectAll().where('id', '=', written.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ purpose: 'charter-evidence', original_name: 'cd.pdf', organisation_id: null });
    // Another organisation's, a logo's request, a malformed id: null.
    expect(await readUpload(db, dir, written.id, { purpose: 'charter-evidence', organisationId: 1 })).toBeNull();
    expect(await readUpload(db, dir, written.id, { purpose: 'logo' })).toBeNull();
    expect(await readUpload(db, dir, '../etc/passwd', { purpose: 'logo' })).toBeNull();
    await forgetUpload(db, written.id);
    await removeUploads(dir, [written.id]);
    expect(await db.selectFrom('stored_files').select('id').execute()).toEqual([]);
  });

  it('refuses a name that is not its own before touching the disk', async () => {
    await expect(removeUploads(dir, ['../outside'])).rejects.toThrow(/not a stored file id/);
  });
});

describe('the daily clean-up of uploads (decision 144)', () => {
  it('removes what nothing points at or records once a day old, and keeps the rest', async () => {
    const own = path.join(dir, 'nettoyage');
    const now = new Date('2027-02-01T12:00:00.000Z');
    const old = '2027-01-30T12:00:00.000Z';
    const oldTime = new Date(old);
    const supplier = await upsertSupplierBySiret(db, {
      siret: completeSiret(`${completeSiren('55500000')}0001`),
      name: 'Atelier au logo',
      structureKind: 'EI',
      communeCode: '69123',
    });
    // A current logo (kept), a replaced logo (removed), a recent replaced logo (kept: maybe in flight).
    const current = await writeUpload(own, PDF_BYTES);
    const replaced = await writeUpload(own, PDF_BYTES);
    const recent = await writeUpload(own, PDF_BYTES);
    await recordUpload(db, current, details('logo'), old);
    await recordUpload(db, replaced, details('logo'), old);
    await recordUpload(db, recent, details('logo'), now.toISOString());
    await db.updateTable('suppliers').set({ logo_file_id: current.id }).where('id', '=', supplier.id).execute();
    // Files no row records: an old one and a crashed write's temporary file (removed), a fresh one (kept).
    const stray = await writeUpload(own, PDF_BYTES);
    const fresh = await writeUpload(own, PDF_BYTES);
    const temporary = `${crypto.randomBytes(16).toString('hex')}.123.tmp`;
    fs.writeFileSync(path.join(own, temporary), 'x');
    for (const file of [current.id, replaced.id, recent.id, stray.id, temporary])
      fs.utimesSync(path.join(own, file), oldTime, oldTime);
    fs.utimesSync(path.join(own, fresh.id), now, now);

    expect(await cleanUpUploads(db, own, now)).toEqual({ rows: 1, files: 2 });
    const rows = (await db.selectFrom('stored_files').select('id').execute()).map((r) => r.id);
    expect(rows).toContain(current.id);
    expect(rows).toContain(recent.id);
    expect(rows).not.toContain(replaced.id);
    expect(fs.readdirSync(own).sort()).toEqual([current.id, recent.id, fresh.id].sort());
    // A missing folder is nothing to clean.
    expect(await cleanUpUploads(db, path.join(dir, 'absent'), now)).toEqual({ rows: 0, files: 0 });
  });
});

describe('what an upload is, from its bytes', () => {
  it('finds a PDF only when it starts with %PDF-', async () => {
    expect(await detectContentType(PDF_BYTES)).toBe('application/pdf');
    expect(await detectContentType(Buffer.from(' %PDF-1.7\n'))).toBeUndefined();
    expect(await detectContentType(Buffer.from('<html><script>x</script></html>'))).toBeUndefined();
  });

  it('keeps a display name without folders, control characters or quotes', () => {
    expect(cleanOriginalName('C:\\Users\\x\\rapport "final".pdf')).toBe('rapport final.pdf');
    expect(cleanOriginalName('../../etc/passwd')).toBe('passwd');
    expect(cleanOriginalName('a\u0000\u001fb')).toBe('ab');
    expect(cleanOriginalName('  ')).toBeNull();
    expect(cleanOriginalName(null)).toBeNull();
    expect(cleanOriginalName('x'.repeat(300))).toHaveLength(200);
  });
});
