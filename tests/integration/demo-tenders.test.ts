import { describe, expect, it } from 'vitest';
import { submissionIssues } from '../../app/domain/tenders/form';
import { demoTenderDrafts, seedDemoTenders } from '../../app/services/demo/demo-tenders.server';
import { findTender } from '../../db/repositories/tenders';
import { prepareDatabase } from '../../scripts/start';
import { createTestDatabase } from '../support/db';

// The demo tenders (decision 265): created by `npm start` in demo mode once the demo buyer exists, valid by the
// same submission rules as a buyer's, never twice, never with SEED_DEMO=0.

describe('the demo tenders', () => {
  it('publish open needs of the three kinds and keep a draft, with complete content', async () => {
    const database = createTestDatabase();
    const { db } = database;
    await prepareDatabase(database, { SEED_DEMO: '1' });
    const tenders = await db.selectFrom('tenders').select(['id', 'kind', 'status', 'title']).orderBy('id').execute();
    expect(tenders.map((t) => [t.kind, t.status])).toEqual([
      ['appel-d-offres', 'published'],
      ['devis', 'published'],
      ['sourcing', 'published'],
      ['appel-d-offres', 'draft'],
    ]);
    const parks = await findTender(db, tenders[0].id);
    expect(parks?.lots.map((l) => l.title)).toHaveLength(3);
    expect(parks?.placeName).toBe('Rhône');
    // The same rules as a buyer's submission, at the seeding day.
    const now = new Date();
    for (const [key, content] of Object.entries(demoTenderDrafts(now)))
      if (key !== 'printing') expect(submissionIssues(content, now), key).toEqual([]);
    // Never twice.
    expect(await seedDemoTenders(db)).toEqual({});
    await database.close();
  });

  it('are not created without the demo buyer (SEED_DEMO=0)', async () => {
    const database = createTestDatabase();
    await prepareDatabase(database, { SEED_DEMO: '0' });
    expect(await seedDemoTenders(database.db)).toEqual({});
    expect(await database.db.selectFrom('tenders').select('id').execute()).toEqual([]);
    await database.close();
  });
});
