import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { submissionIssues } from '../../app/domain/tenders/form';
import { demoTenderDrafts, seedDemoTenders } from '../../app/services/demo/demo-tenders.server';
import { tenderReleasePackage } from '../../app/services/ocds/export.server';
import { findTender } from '../../db/repositories/tenders';
import { prepareDatabase } from '../../scripts/start';
import { DEMO_SEED_TIMEOUT_MS, createTestDatabase } from '../support/db';

// The demo tenders (decision 265): created by `npm start` in demo mode once the demo accounts exist, valid by
// the same submission rules as a buyer's, published through the moderation service, with an awarded tender
// (documents on disk) and a groupement in progress; never twice, never with SEED_DEMO=0.

const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-demo-uploads-'));
const ENV = { UPLOADS_DIR: uploads, SITE_URL: 'http://localhost:3000' };
afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }));

describe('the demo tenders', () => {
  it(
    'publish open needs of the three kinds, keep a draft, award a tender and start a groupement',
    async () => {
      const database = createTestDatabase();
      const { db } = database;
      await prepareDatabase(database, { SEED_DEMO: '1', ...ENV });
      const tenders = await db.selectFrom('tenders').select(['id', 'kind', 'status', 'title']).orderBy('id').execute();
      expect(tenders.map((t) => [t.kind, t.status])).toEqual([
        ['appel-d-offres', 'published'],
        ['devis', 'published'],
        ['sourcing', 'published'],
        ['appel-d-offres', 'awarded'],
        ['appel-d-offres', 'draft'],
      ]);
      const parks = await findTender(db, tenders[0].id);
      expect(parks?.lots.map((l) => l.title)).toHaveLength(3);
      expect(parks?.placeName).toBe('Rhône');
      // Published through the moderation service: the matching ranked suppliers.
      expect((await db.selectFrom('tender_matches').select('supplier_id').execute()).length).toBeGreaterThan(0);
      // The awarded tender: two submitted bids, each lot awarded, every piece with its PDF on disk.
      const bids = await db.selectFrom('bids').select(['id', 'kind', 'status', 'tender_id']).orderBy('id').execute();
      expect(bids.map((b) => [b.kind, b.status])).toEqual([
        ['groupement', 'submitted'],
        ['seul', 'submitted'],
        ['groupement', 'forming'],
      ]);
      const outcomes = await db.selectFrom('tender_lot_outcomes').select(['lot_number', 'outcome']).execute();
      expect(outcomes.map((o) => o.outcome)).toEqual(['awarded', 'awarded']);
      const pieces = await db
        .selectFrom('bid_checklist_items')
        .select(['status', 'file_id'])
        .where('bid_id', 'in', [bids[0].id, bids[1].id])
        .execute();
      expect(pieces.length).toBeGreaterThan(0);
      for (const piece of pieces) {
        expect(piece.status).toBe('done');
        expect(fs.existsSync(path.join(uploads, piece.file_id!))).toBe(true);
      }
      // The groupement in progress waits for an invited partner.
      const members = await db
        .selectFrom('bid_members')
        .select('acceptance')
        .where('bid_id', '=', bids[2].id)
        .execute();
      expect(members.map((m) => m.acceptance).sort()).toEqual(['accepted', 'accepted', 'pending']);
      // The same rules as a buyer's submission, on the day they were published.
      const now = new Date();
      for (const [key, content] of Object.entries(demoTenderDrafts(now)))
        if (key !== 'printing' && key !== 'laundry') expect(submissionIssues(content, now), key).toEqual([]);
      // The awarded tender's open data: the buyer has a SIRET, so the export is there.
      const laundry = tenders.find((t) => t.status === 'awarded')!;
      const exported = await tenderReleasePackage(db, laundry.id, { origin: ENV.SITE_URL, uri: `${ENV.SITE_URL}/x` });
      expect(exported.ok, JSON.stringify(exported)).toBe(true);
      // Never twice.
      expect(await seedDemoTenders(db, { uploadsDir: uploads, origin: ENV.SITE_URL })).toEqual({});
      await database.close();
    },
    DEMO_SEED_TIMEOUT_MS,
  );

  it('are not created without the demo accounts (SEED_DEMO=0)', async () => {
    const database = createTestDatabase();
    await prepareDatabase(database, { SEED_DEMO: '0', ...ENV });
    expect(await seedDemoTenders(database.db, { uploadsDir: uploads, origin: ENV.SITE_URL })).toEqual({});
    expect(await database.db.selectFrom('tenders').select('id').execute()).toEqual([]);
    await database.close();
  });
});
