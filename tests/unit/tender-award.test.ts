import { describe, expect, it } from 'vitest';
import {
  AWARD_MESSAGES,
  NOT_RETAINED_REASON,
  cancellationRefusal,
  decisionsClosedMessage,
  parseDecisionReason,
  planLotDecision,
  tenderConclusion,
  type LotState,
} from '../../app/domain/tenders/award';
import {
  TENDER_DOCUMENT_MAX_BYTES,
  TENDER_DOCUMENT_MESSAGES,
  areTenderDocumentsPublic,
  canAddTenderDocument,
  canRemoveTenderDocument,
  checkTenderDocument,
} from '../../app/domain/tenders/documents';

// The buyer's rules (decisions 255–258), pure: documents by status, reasons, what each decision writes on a lot,
// and where the tender stands once every lot has an outcome.

const lot = (bids: LotState['bids'], outcome: LotState['outcome'] = null): LotState => ({
  lotNumber: 1,
  outcome,
  bids,
});

describe('documents', () => {
  it('adds in draft, submitted and published; removes only before publication; public once published', () => {
    expect(['draft', 'submitted', 'published'].every((s) => canAddTenderDocument(s as never))).toBe(true);
    expect(['closed', 'awarded', 'cancelled'].some((s) => canAddTenderDocument(s as never))).toBe(false);
    expect(canRemoveTenderDocument('submitted')).toBe(true);
    expect(canRemoveTenderDocument('published')).toBe(false);
    expect(areTenderDocumentsPublic('cancelled', '2026-11-01T00:00:00Z')).toBe(true);
    expect(areTenderDocumentsPublic('cancelled', null)).toBe(false);
    expect(areTenderDocumentsPublic('submitted', null)).toBe(false);
  });

  it('checks a document from its size and the type found in its bytes', () => {
    expect(checkTenderDocument('application/pdf', 100)).toBeNull();
    expect(checkTenderDocument('application/pdf', TENDER_DOCUMENT_MAX_BYTES + 1)).toBe(
      TENDER_DOCUMENT_MESSAGES.fileTooLarge,
    );
    expect(checkTenderDocument(undefined, 100)).toBe(TENDER_DOCUMENT_MESSAGES.fileNotPdf);
    expect(checkTenderDocument('application/pdf', 0)).toBe(TENDER_DOCUMENT_MESSAGES.fileRequired);
  });
});

describe('decisions on a lot', () => {
  it('awards one bid and rejects the others not yet rejected', () => {
    const plan = planLotDecision(
      lot([
        { bidId: 1, decision: 'shortlisted' },
        { bidId: 2, decision: 'none' },
        { bidId: 3, decision: 'rejected' },
      ]),
      { kind: 'award', bidId: 1 },
    );
    expect(plan).toEqual({
      ok: true,
      value: {
        changes: [
          { bidId: 1, decision: 'awarded', reason: null },
          { bidId: 2, decision: 'rejected', reason: NOT_RETAINED_REASON },
        ],
        outcome: { outcome: 'awarded', reason: null },
      },
    });
  });

  it('refuses a decided lot, an unknown bid, a second shortlist or rejection, awarding a rejected bid', () => {
    const bids = [
      { bidId: 1, decision: 'shortlisted' as const },
      { bidId: 2, decision: 'rejected' as const },
    ];
    expect(planLotDecision(lot(bids, 'awarded'), { kind: 'shortlist', bidId: 1 })).toEqual({
      ok: false,
      error: AWARD_MESSAGES.lotAwarded,
    });
    expect(planLotDecision(lot(bids, 'unsuccessful'), { kind: 'unsuccessful', reason: 'x' }).ok).toBe(false);
    expect(planLotDecision(lot(bids), { kind: 'award', bidId: 9 })).toEqual({
      ok: false,
      error: AWARD_MESSAGES.bidNotOnLot,
    });
    expect(planLotDecision(lot(bids), { kind: 'shortlist', bidId: 1 })).toEqual({
      ok: false,
      error: AWARD_MESSAGES.alreadyShortlisted,
    });
    expect(planLotDecision(lot(bids), { kind: 'reject', bidId: 2, reason: 'r' }).ok).toBe(false);
    expect(planLotDecision(lot(bids), { kind: 'award', bidId: 2 })).toEqual({
      ok: false,
      error: AWARD_MESSAGES.cannotAwardRejected,
    });
  });

  it('concludes the tender once every lot has an outcome', () => {
    type Outcome = { outcome: 'awarded' | 'unsuccessful'; reason: string | null };
    const awarded: Outcome = { outcome: 'awarded', reason: null };
    const none: Outcome = { outcome: 'unsuccessful', reason: 'rien' };
    expect(tenderConclusion([1, 2], new Map<number, Outcome>([[1, awarded]]))).toBeNull();
    expect(
      tenderConclusion(
        [1, 2],
        new Map<number, Outcome>([
          [1, awarded],
          [2, none],
        ]),
      ),
    ).toEqual({ status: 'awarded' });
    expect(
      tenderConclusion(
        [1, 2],
        new Map<number, Outcome>([
          [1, none],
          [2, none],
        ]),
      ),
    ).toEqual({
      status: 'cancelled',
      reason: 'Consultation infructueuse — lot 1 : rien ; lot 2 : rien',
    });
    const long = tenderConclusion([1], new Map([[1, { outcome: 'unsuccessful' as const, reason: 'z'.repeat(2000) }]]));
    expect(long && 'reason' in long ? long.reason.length : 0).toBe(1000);
  });

  it('opens decisions only on a closed tender, cancellation on a published or closed one', () => {
    expect(decisionsClosedMessage('closed')).toBeNull();
    expect(decisionsClosedMessage('published')).toBe(AWARD_MESSAGES.sealed);
    expect(cancellationRefusal('published')).toBeNull();
    expect(cancellationRefusal('awarded')).toBe(AWARD_MESSAGES.cancelAwarded);
    expect(parseDecisionReason({ reason: '  assez long pour passer  ' })).toEqual({
      ok: true,
      value: 'assez long pour passer',
    });
  });
});
