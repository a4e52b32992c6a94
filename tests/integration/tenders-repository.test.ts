import { describe, expect, it } from 'vitest';
import { parseTenderDraft, type TenderDraft } from '../../app/domain/tenders/form';
import {
  changeTenderStatus,
  existingSectorCodes,
  findTender,
  findTendersToClose,
  insertTender,
  listSubmittedTenders,
  listTendersOfOrganisation,
  placeExists,
  updateTenderDraft,
} from '../../db/repositories/tenders';
import { createTestDatabase } from '../support/db';
import { buyerOrganisation, createUser } from '../support/organisations';

// The tenders' repository (db/repositories/tenders.ts): a draft written and read back whole, its lots, sectors
// and CPV codes replaced on update, status changes only from the expected status, the closing job's query.

const { db } = createTestDatabase();
const NOW = new Date('2026-12-01T12:00:00Z');

function draft(input: Record<string, unknown>): TenderDraft {
  const parsed = parseTenderDraft({ title: 'Entretien', kind: 'appel-d-offres', ...input }, NOW);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

describe('tenders repository', () => {
  it('writes a draft and reads it back, then replaces its lots, sectors and CPV codes', async () => {
    const user = await createUser(db);
    const organisationId = await buyerOrganisation(db, 'Ville de Lyon');
    const first = draft({
      cpvCodes: ['77310000-6', '77313000-7'],
      sectors: ['accompagnement-social', 'accessibilite-numerique'],
      placeKind: 'commune',
      placeCode: '69123',
      submissionDeadline: '2027-01-20T12:00',
      allowDualBidding: 'on',
      lots: [
        { title: 'Nord', sectors: ['accompagnement-emploi'], estimatedValue: '1000' },
        { title: 'Sud', description: 'Six parcs' },
      ],
    });
    const id = await db
      .transaction()
      .execute((trx) => insertTender(trx, { organisationId, userId: user.id, draft: first, now: NOW }));
    const read = await findTender(db, id);
    expect(read).toMatchObject({
      ...first,
      sectors: ['accessibilite-numerique', 'accompagnement-social'],
      id,
      buyerOrganisationId: organisationId,
      buyerName: 'Ville de Lyon',
      status: 'draft',
      createdByUserId: user.id,
      createdAt: NOW.toISOString(),
    });

    const second = draft({ cpvCodes: ['45000000-7'], lots: [] });
    expect(await db.transaction().execute((trx) => updateTenderDraft(trx, id, second, NOW))).toBe(true);
    expect(await findTender(db, id)).toMatchObject({ cpvCodes: ['45000000-7'], sectors: [], lots: [] });
    expect(await db.selectFrom('tender_lot_sectors').selectAll().execute()).toEqual([]);

    expect(await changeTenderStatus(db, id, { from: 'draft', to: 'submitted', now: NOW, submittedAt: 'x' })).toBe(true);
    expect(await changeTenderStatus(db, id, { from: 'draft', to: 'submitted', now: NOW })).toBe(false);
    expect(await updateTenderDraft(db, id, first, NOW)).toBe(false);
    expect((await listSubmittedTenders(db)).map((t) => t.id)).toEqual([id]);
    expect((await listTendersOfOrganisation(db, organisationId)).map((t) => [t.id, t.status])).toEqual([
      [id, 'submitted'],
    ]);
    expect(await findTender(db, id + 1000)).toBeUndefined();
  });

  it('finds the published tenders past their deadline', async () => {
    const user = await createUser(db);
    const organisationId = await buyerOrganisation(db);
    const ids = await db.transaction().execute(async (trx) => [
      await insertTender(trx, {
        organisationId,
        userId: user.id,
        draft: draft({ submissionDeadline: '2026-12-10T12:00' }),
        now: NOW,
      }),
      await insertTender(trx, {
        organisationId,
        userId: user.id,
        draft: draft({ submissionDeadline: '2026-12-20T12:00' }),
        now: NOW,
      }),
    ]);
    for (const id of ids) await db.updateTable('tenders').set({ status: 'published' }).where('id', '=', id).execute();
    const later = new Date('2026-12-15T00:00:00Z');
    expect(await findTendersToClose(db, later)).toEqual([{ id: ids[0], buyerOrganisationId: organisationId }]);
  });

  it('checks sector and place codes against the reference data', async () => {
    expect([...(await existingSectorCodes(db, ['accompagnement-social', 'inconnu']))]).toEqual([
      'accompagnement-social',
    ]);
    expect(await placeExists(db, 'commune', '69123')).toBe(true);
    expect(await placeExists(db, 'commune', '69999')).toBe(false);
    expect(await placeExists(db, 'departement', '69')).toBe(true);
    expect(await placeExists(db, 'region', '84')).toBe(true);
    expect(await placeExists(db, 'national', null)).toBe(true);
  });
});
