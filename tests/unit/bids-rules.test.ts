import { describe, expect, it } from 'vitest';
import {
  BID_FORM_MESSAGES,
  centsToPriceInput,
  parsePriceEuros,
  parseStartBidForm,
  parseSupplierQuery,
} from '../../app/domain/bids/forms';
import {
  BID_RULE_MESSAGES,
  checkBidEditable,
  checkBidSubmission,
  checkTenderTakesBids,
  participationState,
} from '../../app/domain/bids/rules';

// The pure rules of bids (decisions 240, 241): prices, the start form, which tenders take bids, when a bid may
// change, the participation state and everything a submission needs.

const NOW = new Date('2026-12-01T12:00:00Z');
const OPEN = {
  kind: 'appel-d-offres' as const,
  status: 'published' as const,
  submissionDeadline: '2026-12-10T12:00:00Z',
};

describe('prices', () => {
  it('reads euros with comma or dot decimals into cents, and back', () => {
    expect(parsePriceEuros('12 345,67')).toEqual({ ok: true, value: 1234567 });
    expect(parsePriceEuros('12345.6')).toEqual({ ok: true, value: 1234560 });
    expect(parsePriceEuros('1\u202f000 €')).toEqual({ ok: true, value: 100000 });
    expect(parsePriceEuros('12,345')).toEqual({ ok: false, error: BID_FORM_MESSAGES.priceInvalid });
    expect(parsePriceEuros('0,00')).toEqual({ ok: false, error: BID_FORM_MESSAGES.priceZero });
    expect(centsToPriceInput(1234560)).toBe('12345,60');
    expect(centsToPriceInput(100000)).toBe('1000');
  });
});

describe('the start form', () => {
  it('takes every lot of a single-lot tender and the only organisation by default', () => {
    expect(parseStartBidForm({ kind: 'seul' }, { organisationIds: [4], lotNumbers: [1] })).toEqual({
      ok: true,
      value: { kind: 'seul', name: '', form: null, organisationId: 4, lots: [1] },
    });
  });
  it('lists every issue at once', () => {
    const parsed = parseStartBidForm(
      { kind: 'groupement', form: 'x' },
      { organisationIds: [4, 5], lotNumbers: [1, 2] },
    );
    expect(!parsed.ok && parsed.error.map((i) => i.field)).toEqual(['name', 'form', 'organisationId', 'lots']);
  });
  it('reads a SIRET or a name in the partner search', () => {
    expect(parseSupplierQuery('812 345 676 00017')).toEqual({
      ok: true,
      value: { kind: 'siret', digits: '81234567600017' },
    });
    expect(parseSupplierQuery(' a ')).toEqual({ ok: false, error: BID_FORM_MESSAGES.queryTooShort });
  });
});

describe('bid rules', () => {
  it('takes bids on published tenders before the deadline only', () => {
    expect(checkTenderTakesBids(OPEN, NOW).ok).toBe(true);
    expect(checkTenderTakesBids({ ...OPEN, kind: 'devis' }, NOW)).toMatchObject({ ok: false });
    expect(checkTenderTakesBids(OPEN, new Date(OPEN.submissionDeadline))).toMatchObject({ ok: false });
  });
  it('freezes a submitted bid and closes a dissolved one', () => {
    expect(checkBidEditable('withdrawn', OPEN, NOW).ok).toBe(true);
    expect(checkBidEditable('submitted', OPEN, NOW)).toMatchObject({ ok: false });
    expect(checkBidEditable('dissolved', OPEN, NOW)).toEqual({
      ok: false,
      error: [{ field: '', message: BID_RULE_MESSAGES.dissolved }],
    });
  });
  it('counts every bid but dissolved ones in the participation state', () => {
    const state = participationState([
      { bidId: 1, kind: 'seul', status: 'withdrawn', memberSupplierIds: [7], mandataireSupplierId: 7 },
      { bidId: 2, kind: 'groupement', status: 'forming', memberSupplierIds: [8, 9], mandataireSupplierId: 8 },
      { bidId: 3, kind: 'groupement', status: 'dissolved', memberSupplierIds: [9], mandataireSupplierId: 9 },
    ]);
    expect(state.soloBidderIds).toEqual([7]);
    expect(state.groupements.map((g) => g.groupementId)).toEqual([2]);
  });
  it('accepts a complete bid alone and lists what a groupement lacks', () => {
    const solo = {
      now: NOW,
      tender: OPEN,
      bid: { kind: 'seul' as const, status: 'forming' as const, form: null },
      actorSupplierId: 7,
      members: [{ supplierId: 7, name: 'A', role: 'mandataire' as const, acceptance: 'accepted' as const }],
      lots: [{ lotNumber: 1, priceCents: 1000 }],
      allocation: [{ lotNumber: 1, supplierId: 7, shareBp: 10000 }],
      checklist: [{ key: 'dc1', label: 'DC1', status: 'done' as const, hasFile: true }],
      participationIssues: [],
    };
    expect(checkBidSubmission(solo)).toEqual({ ok: true, value: { submittedAt: NOW.toISOString() } });
    const groupement = checkBidSubmission({ ...solo, bid: { kind: 'groupement', status: 'forming', form: null } });
    expect(!groupement.ok && groupement.error.map((i) => i.message)).toEqual([
      BID_RULE_MESSAGES.formMissing,
      BID_RULE_MESSAGES.groupementTooSmall,
    ]);
  });
});
