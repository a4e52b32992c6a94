import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LoaderFunctionArgs } from '@remix-run/node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loader as sheetLoader } from '../../app/routes/fournisseurs.$slug';
import { loader as logoLoader } from '../../app/routes/logos.$fileId';
import { action } from '../../app/routes/organisations.$orgId.fiche';
import { setPageContext } from '../support/pages';
import { createTestDatabase } from '../support/db';
import { fixtureImage, gradientPng, noisePng, pngChunk, buildPng, POLYGLOT_HTML } from '../support/images';
import {
  addMember,
  attempt,
  pagePost,
  createUser,
  supplierOrganisation,
  type TestUser,
} from '../support/organisations';
import { TMP_DIR } from '../support/paths';
import { supplierInput, writeSupplier } from '../support/search-fixtures';
import { mountTmpfs } from '../support/tmpfs';

// The logo upload of the sheet editor and GET /logos/:fileId (issue 6, decision 131): what is accepted, what is
// refused with nothing written, what is served and with which headers, and a disk that is full or read-only.

const database = createTestDatabase();
const { db } = database;
const uploadsDir = path.join(TMP_DIR, `uploads-${process.pid}-${crypto.randomUUID()}`);
let orgId: number;
let supplierId: number;
let owner: TestUser;

function useUploadsDir(dir: string) {
  setPageContext(database, { uploadsDir: dir });
}

beforeAll(async () => {
  useUploadsDir(uploadsDir);
  supplierId = (await writeSupplier(db, supplierInput({ name: 'Logo & Cie', publicationStatus: 'published' }))).id;
  orgId = await supplierOrganisation(db, supplierId);
  owner = await createUser(db);
  await addMember(db, orgId, owner.id, 'owner');
});
afterAll(() => fs.rmSync(uploadsDir, { recursive: true, force: true }));

function upload(bytes: Uint8Array, name = 'logo.png', type = 'image/png') {
  const form = new FormData();
  form.append('intent', 'logo-upload');
  form.append('logo', new File([new Uint8Array(bytes)], name, { type }));
  return attempt(() => action(pagePost(`/organisations/${orgId}/fiche`, { orgId: String(orgId) }, form, owner.cookie)));
}

const removeLogo = () =>
  attempt(() =>
    action(
      pagePost(`/organisations/${orgId}/fiche`, { orgId: String(orgId) }, [['intent', 'logo-remove']], owner.cookie),
    ),
  );

const getLogo = (fileId: string, headers: Record<string, string> = {}) =>
  logoLoader({
    params: { fileId },
    request: new Request(`http://localhost/logos/${fileId}`, { headers }),
    context: {},
  } as unknown as LoaderFunctionArgs);

async function state() {
  const supplier = await db
    .selectFrom('suppliers')
    .select(['logo_file_id', 'updated_at'])
    .where('id', '=', supplierId)
    .executeTakeFirstOrThrow();
  const files = await db.selectFrom('stored_files').selectAll().execute();
  const audit = await db.selectFrom('audit_log').select('id').where('action', '=', 'supplier.logo-updated').execute();
  const outbox = await db.selectFrom('search_changes').select('seq').where('supplier_id', '=', supplierId).execute();
  const onDisk = fs.existsSync(uploadsDir) ? fs.readdirSync(uploadsDir).sort() : [];
  return { logo: supplier.logo_file_id, files: files.length, audit: audit.length, outbox: outbox.length, onDisk };
}

const messageOf = (answer: { data: unknown }) => (answer.data as { logoErrors: string[] }).logoErrors[0];

describe('uploading a logo', () => {
  it.each([
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'logo.svg',
      /SVG ne sont pas acceptés/,
    ],
    [
      'an SVG renamed .png',
      Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
      'logo.png',
      /SVG/,
    ],
    ['HTML behind a .png name', Buffer.from(POLYGLOT_HTML), 'logo.png', /n’est pas une image PNG, JPEG ou WebP/],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00'), 'logo.gif', /GIF/],
    ['a broken PNG', gradientPng(4, 4).subarray(0, 50), 'logo.png', /illisible/],
    [
      'a JPEG that does not decode',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(POLYGLOT_HTML)]),
      'logo.jpg',
      /illisible/,
    ],
    ['an empty file', Buffer.alloc(0), 'logo.png', /Choisissez un fichier/],
    [
      'a PNG declaring 20000×20000 pixels',
      buildPng({ width: 20000, height: 20000, depth: 8, colour: 0, rows: [Buffer.alloc(1)] }),
      'logo.png',
      /trop de pixels/,
    ],
  ])('refuses %s with 400 and a French message, nothing written', async (_what, bytes, name, message) => {
    const before = await state();
    const answer = await upload(bytes, name);
    expect(answer.status).toBe(400);
    expect(messageOf(answer)).toMatch(message);
    expect(await state()).toEqual(before);
  });

  it('refuses a file over 2 MB, announced or streamed, without reading it all', async () => {
    const before = await state();
    const big = Buffer.concat([gradientPng(8, 8), crypto.randomBytes(2 * 1024 * 1024 + 10)]);
    const announced = await upload(big);
    expect(announced.status).toBe(400);
    expect(messageOf(announced)).toMatch(/dépasse 2 Mo/);
    // Without Content-Length: the multipart parser stops at the limit.
    const form = new FormData();
    form.append('logo', new File([big], 'logo.png', { type: 'image/png' }));
    const encoded = new Response(form);
    const body = encoded.body as ReadableStream<Uint8Array>;
    const request = new Request(`http://localhost/organisations/${orgId}/fiche`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': encoded.headers.get('Content-Type') ?? '', Cookie: owner.cookie },
      duplex: 'half',
    } as RequestInit);
    const streamed = await attempt(() => action({ request, params: { orgId: String(orgId) }, context: {} } as never));
    expect(streamed.status).toBe(400);
    expect(messageOf(streamed)).toMatch(/dépasse 2 Mo/);
    expect(await state()).toEqual(before);
  });

  it('stores a PNG re-encoded as WebP within 400×400, audits it, enqueues the search sync, and serves it', async () => {
    const before = await state();
    const original = gradientPng(900, 300);
    const answer = await upload(original);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe(`/organisations/${orgId}/fiche?logo=ajoute#logo`);
    const after = await state();
    expect(after.logo).toMatch(/^[0-9a-f]{32}$/);
    expect(after).toMatchObject({ files: before.files + 1, audit: before.audit + 1, outbox: before.outbox + 1 });
    expect(after.onDisk).toEqual([after.logo]);
    const row = await db.selectFrom('stored_files').selectAll().where('id', '=', after.logo).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      purpose: 'logo',
      content_type: 'image/webp',
      organisation_id: orgId,
      original_name: 'logo.png',
    });

    const served = await getLogo(after.logo as string);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/webp');
    expect(served.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(served.headers.get('ETag')).toBe(`"${row.sha256}"`);
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(bytes.length).toBe(row.byte_size);
    expect(bytes.equals(original)).toBe(false);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'webp', width: 400, height: 133 });
    const again = await getLogo(after.logo as string, { 'If-None-Match': `"${row.sha256}"` });
    expect(again.status).toBe(304);
    // The public sheet shows it.
    const { slug } = await db
      .selectFrom('suppliers')
      .select('slug')
      .where('id', '=', supplierId)
      .executeTakeFirstOrThrow();
    const page = await sheetLoader({
      params: { slug },
      request: new Request(`http://localhost/fournisseurs/${slug}`),
      context: {},
    } as unknown as LoaderFunctionArgs);
    expect(page.logoUrl).toBe(`/logos/${after.logo}`);
  });

  it('neutralises a polyglot PNG and replaces the previous logo, which is then gone', async () => {
    const previous = (await state()).logo as string;
    const text = pngChunk('tEXt', Buffer.from(`c\0${POLYGLOT_HTML}`, 'latin1'));
    const polyglot = Buffer.concat([
      buildPng({
        width: 2,
        height: 2,
        depth: 8,
        colour: 2,
        rows: [Buffer.alloc(6, 9), Buffer.alloc(6, 99)],
        extraChunks: [text],
      }),
      Buffer.from(POLYGLOT_HTML),
    ]);
    expect((await upload(polyglot)).status).toBe(302);
    const after = await state();
    expect(after.logo).not.toBe(previous);
    expect(after.onDisk).toEqual([after.logo]);
    const stored = Buffer.from(await (await getLogo(after.logo as string)).arrayBuffer());
    expect(stored).toEqual(fs.readFileSync(path.join(uploadsDir, after.logo as string)));
    for (const marker of ['<script', '<html']) expect(stored.includes(Buffer.from(marker))).toBe(false);
    expect((await getLogo(previous)).status).toBe(404);
    expect(
      await db.selectFrom('stored_files').select('id').where('id', '=', previous).executeTakeFirst(),
    ).toBeUndefined();
  });

  it.each(['logo.jpg', 'logo.webp', 'logo-alpha.webp'] as const)(
    'accepts %s, served as new WebP bytes without its metadata',
    async (name) => {
      const original = fixtureImage(name);
      expect((await upload(original, name, 'application/octet-stream')).status).toBe(302);
      const { logo } = await state();
      const served = await getLogo(logo as string);
      expect(served.headers.get('Content-Type')).toBe('image/webp');
      const bytes = Buffer.from(await served.arrayBuffer());
      expect(bytes.equals(original)).toBe(false);
      expect(bytes.includes(Buffer.from('ICC_PROFILE'))).toBe(false);
      expect(bytes.includes(Buffer.from('ICCP'))).toBe(false);
      const meta = await sharp(bytes).metadata();
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(400);
    },
  );

  it('serves a photo taken with a GPS position without it', async () => {
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#88aa44' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Jeanne Test' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '45/1 45/1 0/1' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    expect((await upload(photo, 'photo.jpg', 'image/jpeg')).status).toBe(302);
    const bytes = Buffer.from(await (await getLogo((await state()).logo as string)).arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 400, height: 300 });
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('Jeanne Test'))).toBe(false);
  });

  it('removes the logo: row, file and URL gone, audited, search sync enqueued', async () => {
    const before = await state();
    expect(before.logo).not.toBeNull();
    const answer = await removeLogo();
    expect(answer.status).toBe(302);
    const after = await state();
    expect(after).toMatchObject({
      logo: null,
      files: before.files - 1,
      audit: before.audit + 1,
      outbox: before.outbox + 1,
      onDisk: [],
    });
    expect((await getLogo(before.logo as string)).status).toBe(404);
    expect((await removeLogo()).status).toBe(302);
  });
});

describe('GET /logos/:fileId', () => {
  it('answers 404 for a malformed id, an unknown one, and a file that is not a current logo', async () => {
    for (const id of ['abc', '../../etc/passwd', 'A'.repeat(32), crypto.randomBytes(16).toString('hex')]) {
      const answer = await getLogo(id);
      expect(answer.status).toBe(404);
    }
    const evidence = crypto.randomBytes(16).toString('hex');
    await db
      .insertInto('stored_files')
      .values({
        id: evidence,
        purpose: 'charter-evidence',
        content_type: 'application/pdf',
        byte_size: 1,
        sha256: 'x',
        created_at: new Date().toISOString(),
      })
      .execute();
    fs.mkdirSync(uploadsDir, { recursive: true });
    fs.writeFileSync(path.join(uploadsDir, evidence), '%PDF-1.7');
    expect((await getLogo(evidence)).status).toBe(404);
  });
});

describe('a disk that refuses the file', () => {
  const tmpfs = mountTmpfs(64);
  afterAll(() => {
    tmpfs?.unmount();
    useUploadsDir(uploadsDir);
  });

  it.skipIf(!tmpfs)('says in French that the disk is full, logs the cause, writes nothing', async () => {
    fs.writeFileSync(path.join(tmpfs!.dir, 'filler'), Buffer.alloc(60 * 1024));
    useUploadsDir(tmpfs!.dir);
    const before = await state();
    const answer = await upload(noisePng(200, 200));
    expect(answer.status).toBe(503);
    expect(messageOf(answer)).toMatch(/disque du serveur est plein/);
    expect(await state()).toEqual(before);
  });

  it.skipIf(!tmpfs)('says in French that the folder is read-only, writes nothing', async () => {
    fs.rmSync(path.join(tmpfs!.dir, 'filler'), { force: true });
    tmpfs!.remountReadOnly();
    useUploadsDir(tmpfs!.dir);
    const before = await state();
    const answer = await upload(gradientPng(16, 16));
    expect(answer.status).toBe(503);
    expect(messageOf(answer)).toMatch(/pas accessible en écriture/);
    expect(await state()).toEqual(before);
  });
});
