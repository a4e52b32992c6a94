import { describe, expect, it } from 'vitest';
import {
  emptyReleasePage,
  nextPageQuery,
  OCDS_QUERY_MESSAGES,
  parseInstant,
  parseReleasesQuery,
} from '../../app/domain/ocds/listing';
import { checkOffer, parsePartnerPost, partnerWindow, PARTNER_MESSAGES } from '../../app/domain/tenders/partner-posts';
import {
  answerWindow,
  parseAnswerText,
  parseQuestionText,
  questionWindow,
  QUESTION_MESSAGES,
} from '../../app/domain/tenders/questions';

// The pure rules of decisions 260–262: lengths, windows, the partner post form, the OCDS listing's query.

const at = (iso: string) => new Date(iso);
const tender = {
  status: 'published' as const,
  questionsDeadline: '2030-01-10T12:00:00.000Z',
  submissionDeadline: '2030-01-20T12:00:00.000Z',
};

describe('questions', () => {
  it('counts characters, not UTF-16 units, after trimming', () => {
    expect(parseQuestionText(`  ${'é'.repeat(10)}  `)).toEqual({ ok: true, value: 'é'.repeat(10) });
    expect(parseQuestionText('😀'.repeat(9)).ok).toBe(false);
    expect(parseQuestionText('a\r\nbcdefghij')).toEqual({ ok: true, value: 'a\nbcdefghij' });
    expect(parseQuestionText(undefined)).toEqual({
      ok: false,
      error: [{ field: 'question', message: QUESTION_MESSAGES.questionRequired }],
    });
    expect(parseAnswerText('Oui !').ok).toBe(true);
    expect(parseAnswerText('x'.repeat(4001)).ok).toBe(false);
  });

  it('opens questions until the questions deadline, else the submission deadline, answers until the latter', () => {
    expect(questionWindow(tender, at('2030-01-10T11:59:59Z')).ok).toBe(true);
    expect(questionWindow(tender, at('2030-01-10T12:00:00Z'))).toEqual({
      ok: false,
      error: QUESTION_MESSAGES.deadlinePassed,
    });
    expect(questionWindow({ ...tender, questionsDeadline: null }, at('2030-01-15T00:00:00Z')).ok).toBe(true);
    expect(questionWindow({ ...tender, questionsDeadline: null }, at('2030-01-20T12:00:00Z')).ok).toBe(false);
    expect(questionWindow({ ...tender, status: 'cancelled' }, at('2030-01-01T00:00:00Z'))).toEqual({
      ok: false,
      error: QUESTION_MESSAGES.notOpen,
    });
    expect(answerWindow(tender, at('2030-01-15T00:00:00Z')).ok).toBe(true);
    expect(answerWindow(tender, at('2030-01-20T12:00:00Z')).ok).toBe(false);
    expect(answerWindow({ ...tender, status: 'awarded' }, at('2030-01-01T00:00:00Z')).ok).toBe(false);
  });
});

describe('partner posts', () => {
  const known = { lotNumbers: [1, 2], sectorCodes: new Set(['a', 'b']) };
  const message = 'Nous cherchons un partenaire.';

  it('needs a message and at least one known lot or sector', () => {
    expect(parsePartnerPost({ message, lots: ['2', '1', '2'], sectors: 'b' }, known)).toEqual({
      ok: true,
      value: { message, lotNumbers: [1, 2], sectorCodes: ['b'] },
    });
    expect(parsePartnerPost({ message }, known)).toEqual({
      ok: false,
      error: [{ field: 'lots', message: PARTNER_MESSAGES.lotOrSectorRequired }],
    });
    expect(parsePartnerPost({ message: 'court', lots: '3', sectors: ['z'] }, known)).toEqual({
      ok: false,
      error: [
        { field: 'message', message: PARTNER_MESSAGES.messageTooShort },
        { field: 'lots', message: PARTNER_MESSAGES.lotUnknown },
        { field: 'sectors', message: PARTNER_MESSAGES.sectorUnknown },
      ],
    });
  });

  it('refuses offers on one’s own, a closed or an already answered post, and after the deadline', () => {
    expect(checkOffer({ supplierId: 1, status: 'open' }, 2, false).ok).toBe(true);
    expect(checkOffer({ supplierId: 1, status: 'open' }, 1, false)).toEqual({
      ok: false,
      error: PARTNER_MESSAGES.ownPost,
    });
    expect(checkOffer({ supplierId: 1, status: 'closed' }, 2, false)).toEqual({
      ok: false,
      error: PARTNER_MESSAGES.postClosed,
    });
    expect(checkOffer({ supplierId: 1, status: 'open' }, 2, true)).toEqual({
      ok: false,
      error: PARTNER_MESSAGES.alreadyOffered,
    });
    expect(partnerWindow(tender, at('2030-01-20T12:00:00Z')).ok).toBe(false);
  });
});

describe('the OCDS listing query', () => {
  it('reads instants with their zone and days, refuses the rest', () => {
    expect(parseInstant('2026-01-01T01:00:00+01:00')).toBe('2026-01-01T00:00:00.000Z');
    expect(parseInstant('2026-01-01')).toBe('2026-01-01T00:00:00.000Z');
    expect(parseInstant('2026-01-01T10:00Z')).toBe('2026-01-01T10:00:00.000Z');
    for (const bad of ['2026-01-01T00:00:00', '2026-02-29', '2026-01-01T24:00:00Z', '01/01/2026', 'now'])
      expect(parseInstant(bad), bad).toBeNull();
  });

  it('parses since, after and limit, and writes the next page', () => {
    const parsed = parseReleasesQuery(new URLSearchParams('since=2026-01-01&after=42.award&limit=10'));
    expect(parsed).toEqual({
      ok: true,
      value: {
        since: '2026-01-01T00:00:00.000Z',
        after: { date: '2026-01-01T00:00:00.000Z', tenderId: 42, event: 'award' },
        limit: 10,
      },
    });
    if (!parsed.ok) return;
    expect(
      nextPageQuery(parsed.value, { tenderId: 7, event: 'tender', date: '2026-02-01T00:00:00.000Z' }).toString(),
    ).toBe('since=2026-02-01T00%3A00%3A00.000Z&after=7.tender&limit=10');
    expect(parseReleasesQuery(new URLSearchParams('since=2026-01-01&since=2026-02-01')).ok).toBe(false);
    // « + » left unencoded in the address.
    expect(parseReleasesQuery(new URLSearchParams('since=2026-01-01T01:00:00+01:00'))).toMatchObject({
      ok: true,
      value: { since: '2026-01-01T00:00:00.000Z' },
    });
    expect(parseReleasesQuery(new URLSearchParams('limit=5'))).toEqual({
      ok: false,
      error: [{ field: 'since', message: OCDS_QUERY_MESSAGES.sinceRequired }],
    });
  });

  it('builds the empty page with the package metadata', () => {
    const empty = emptyReleasePage(
      'https://maillage.example/api/v1/ocds/releases?since=2030-01-01',
      at('2026-12-01T00:00:00Z'),
    );
    expect(empty).toMatchObject({
      version: '1.1',
      releases: [],
      publisher: { name: 'Maillage', uri: 'https://maillage.example' },
      publicationPolicy: 'https://maillage.example/donnees-ouvertes',
    });
  });
});
