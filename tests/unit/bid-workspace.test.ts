import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_MESSAGES,
  checkBidDocument,
  parseChecklistItemForm,
  parisDay,
} from '../../app/domain/bids/checklist-form';
import { DISCUSSION_MESSAGES, parseMessage } from '../../app/domain/bids/discussion';
import {
  editRefusal,
  parseAllocationForm,
  parseEuros,
  parseSubcontractorForm,
  uncoveredSectors,
  WORKSPACE_MESSAGES,
} from '../../app/domain/bids/workspace';
import { activityLabel } from '../../app/domain/bids/activity-labels';

// The pure rules of a bid's workspace pages (decisions 245–247).

describe('parseAllocationForm', () => {
  const lots = [
    { number: 1, priceCents: 100_000 },
    { number: 2, priceCents: null },
  ];
  it('reads the cells, skips empty ones and computes the amounts from the prices', () => {
    const result = parseAllocationForm(
      { 'part-1-7': '50', 'part-1-8': '50,00', 'part-2-8': '100 %', 'taches-2-8': ' Tonte ' },
      lots,
      [7, 8],
    );
    expect(result).toEqual({
      ok: true,
      value: [
        { lotNumber: 1, supplierId: 7, shareBp: 5000, tasks: '', amountCents: 50_000 },
        { lotNumber: 1, supplierId: 8, shareBp: 5000, tasks: '', amountCents: 50_000 },
        { lotNumber: 2, supplierId: 8, shareBp: 10_000, tasks: 'Tonte', amountCents: 0 },
      ],
    });
  });
  it('refuses a bid without lots, tasks too long, and shares of non-members are never read', () => {
    expect(parseAllocationForm({}, [], [7])).toEqual({
      ok: false,
      error: [{ field: '', message: WORKSPACE_MESSAGES.noLots }],
    });
    const long = parseAllocationForm(
      { 'part-1-7': '100', 'taches-1-7': 'x'.repeat(501), 'part-2-9': '100' },
      lots,
      [7],
    );
    expect(long.ok ? [] : long.error.map((i) => i.field)).toEqual(['taches-1-7']);
  });
});

describe('parseEuros and subcontractors', () => {
  it('reads French amounts in cents', () => {
    expect(parseEuros('1 250,50')).toBe(125_050);
    expect(parseEuros('600 €')).toBe(60_000);
    expect(parseEuros('0')).toBeUndefined();
    expect(parseEuros('-3')).toBeUndefined();
    expect(parseEuros('1,234')).toBeUndefined();
  });
  it('checks the lot among those answered', () => {
    const fields = { name: 'A', siret: '73282932000074', services: 'Taille', amount: '10', lot: '3' };
    const refused = parseSubcontractorForm(fields, [1, 2], []);
    expect(refused.ok ? [] : refused.error).toEqual([{ field: 'lot', message: WORKSPACE_MESSAGES.lotInvalid }]);
    expect(parseSubcontractorForm({ ...fields, lot: '' }, [1], [])).toMatchObject({
      ok: true,
      value: { lotNumber: null, amountTtcCents: 1000, directPayment: false },
    });
  });
});

describe('uncoveredSectors', () => {
  const lots = [
    { number: 1, sectors: ['a'] },
    { number: 2, sectors: ['b', 'c'] },
    { number: 3, sectors: ['d'] },
  ];
  it('lists the answered lots’ sectors no member covers', () => {
    expect(uncoveredSectors(lots, [1, 2], [['a'], ['b']])).toEqual({ lots: [2], sectors: ['c'] });
    expect(uncoveredSectors(lots, [], [['a', 'b', 'c']])).toEqual({ lots: [3], sectors: ['d'] });
    expect(uncoveredSectors(lots, [1], [['a']])).toEqual({ lots: [], sectors: [] });
  });
});

describe('checklist items', () => {
  const context = { memberIds: [7], submissionDeadline: '2027-01-15T22:30:00.000Z', hasDocument: false };
  it('compares the due date with the deadline’s Paris day', () => {
    expect(parisDay('2027-01-15T22:30:00.000Z')).toBe('2027-01-15'); // 23:30 in Paris
    expect(parisDay('2027-01-15T23:30:00.000Z')).toBe('2027-01-16');
    expect(parseChecklistItemForm({ assignee: '7', dueDate: '2027-01-15', status: 'todo' }, context)).toMatchObject({
      ok: true,
    });
    const late = parseChecklistItemForm({ assignee: '7', dueDate: '2027-01-16', status: 'todo' }, context);
    expect(late.ok ? [] : late.error).toEqual([
      { field: 'dueDate', message: CHECKLIST_MESSAGES.dueDateAfterDeadline('15/01/2027') },
    ]);
  });
  it('needs a document to be done, and a PDF by its bytes of at most 10 MB', () => {
    const done = parseChecklistItemForm({ assignee: '7', status: 'done' }, context);
    expect(done.ok ? [] : done.error).toEqual([{ field: 'status', message: CHECKLIST_MESSAGES.doneWithoutDocument }]);
    expect(parseChecklistItemForm({ assignee: '7', status: 'done' }, { ...context, hasDocument: true })).toMatchObject({
      ok: true,
    });
    expect(checkBidDocument('application/pdf', 10 * 1024 * 1024)).toBeNull();
    expect(checkBidDocument('application/pdf', 10 * 1024 * 1024 + 1)).toBe(CHECKLIST_MESSAGES.documentTooLarge);
    expect(checkBidDocument('image/png', 10)).toBe(CHECKLIST_MESSAGES.documentNotPdf);
    expect(checkBidDocument(undefined, 0)).toBe(CHECKLIST_MESSAGES.documentEmpty);
  });
});

describe('messages, states and labels', () => {
  it('keeps messages of 1 to 4,000 characters', () => {
    expect(parseMessage(' Bonjour \r\n')).toEqual({ ok: true, value: 'Bonjour' });
    expect(parseMessage(undefined)).toEqual({
      ok: false,
      error: [{ field: 'body', message: DISCUSSION_MESSAGES.empty }],
    });
    expect(parseMessage('😀'.repeat(4000)).ok).toBe(true);
    expect(parseMessage('a'.repeat(4001)).ok).toBe(false);
  });
  it('freezes a submitted or dissolved bid only', () => {
    expect(editRefusal('forming')).toBeNull();
    expect(editRefusal('withdrawn')).toBeNull();
    expect(editRefusal('submitted')).toBe(WORKSPACE_MESSAGES.frozen);
    expect(editRefusal('dissolved')).toBe(WORKSPACE_MESSAGES.dissolved);
  });
  it('labels activity, the other lists first', () => {
    expect(activityLabel('message.posted')).toBe('Message publié');
    expect(activityLabel('bid.submitted', { 'bid.submitted': 'Offre déposée' })).toBe('Offre déposée');
    expect(activityLabel('x')).toBe('Action sur la réponse');
  });
});
