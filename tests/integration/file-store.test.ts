import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanOriginalName } from '../../app/domain/uploads';
import { detectContentType } from '../../app/services/uploads/detect.server';
import {
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
