import { describe, expect, it } from 'vitest';
import {
  INTEREST_FORM_MESSAGES,
  ALERT_FORM_MESSAGES,
  keepForFilter,
  parseAlertSettings,
  parseInterest,
  parseOpportunityFilter,
} from '../../app/domain/tenders/alert-forms';
import {
  matchChannel,
  matchingLots,
  matchingSectors,
  matchSupplier,
  rankMatches,
  type MatchCandidate,
  type MatchTender,
} from '../../app/domain/tenders/matching';

// The matching rules (decision 250) on hand-made cases whose answer is known, the channel of a new match
// (decision 251), and the forms of the alerts and opportunities pages (decision 252).

const LYON = {
  kind: 'commune' as const,
  communeCode: '69123',
  departementCode: '69',
  regionCode: '84',
  lat: 45.758,
  lon: 4.835,
  name: 'Lyon',
};
// Villeurbanne is about 5 km from Lyon's reference point, Grenoble about 94 km, Paris about 392 km.
const VILLEURBANNE = { lat: 45.7719, lon: 4.8902 };
const GRENOBLE = { lat: 45.1885, lon: 5.7245 };
const PARIS = { lat: 48.8566, lon: 2.3522 };

const TENDER: MatchTender = {
  reservation: 'none',
  place: LYON,
  sectors: ['nettoyage-bureaux'],
  lots: [
    { number: 1, title: 'Bureaux', sectors: ['nettoyage-bureaux'] },
    { number: 2, title: 'Espaces verts', sectors: ['entretien-espaces-verts'] },
    { number: 3, title: 'Divers', sectors: [] },
  ],
};
const LABELS = { 'nettoyage-bureaux': 'Nettoyage de bureaux', 'entretien-espaces-verts': 'Espaces verts' };

function candidate(id: number, overrides: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    supplierId: id,
    structureKind: 'EI',
    charterVerified: false,
    sectors: ['nettoyage-bureaux'],
    areas: [{ kind: 'departement', code: '69', radiusKm: null }],
    ...VILLEURBANNE,
    ...overrides,
  };
}

describe('matching rules', () => {
  it('counts the tender’s sectors for a lot without sectors, and one implicit lot for a tender without lots', () => {
    expect(matchingLots(TENDER).map((l) => l.sectors)).toEqual([
      ['nettoyage-bureaux'],
      ['entretien-espaces-verts'],
      ['nettoyage-bureaux'],
    ]);
    expect(matchingLots({ sectors: ['a'], lots: [] })).toEqual([{ number: 1, sectors: ['a'] }]);
    expect(matchingSectors(TENDER)).toEqual(['entretien-espaces-verts', 'nettoyage-bureaux']);
  });

  it('needs a sector, a service area covering the place and an eligible kind', () => {
    expect(matchSupplier(TENDER, candidate(1))).not.toBeNull();
    expect(matchSupplier(TENDER, candidate(2, { sectors: ['restauration-collective'] }))).toBeNull();
    expect(
      matchSupplier(TENDER, candidate(3, { areas: [{ kind: 'departement', code: '38', radiusKm: null }] })),
    ).toBeNull();
    expect(
      matchSupplier(TENDER, candidate(4, { areas: [{ kind: 'region', code: '84', radiusKm: null }] })),
    ).not.toBeNull();
    expect(
      matchSupplier(TENDER, candidate(5, { areas: [{ kind: 'national', code: null, radiusKm: null }] })),
    ).not.toBeNull();
    expect(
      matchSupplier(TENDER, candidate(6, { areas: [{ kind: 'commune', code: '69123', radiusKm: null }] })),
    ).not.toBeNull();
    // A radius reaches Lyon from Grenoble at 100 km, not at 50.
    const radius = (km: number) => candidate(7, { ...GRENOBLE, areas: [{ kind: 'radius', code: null, radiusKm: km }] });
    expect(matchSupplier(TENDER, radius(100))).not.toBeNull();
    expect(matchSupplier(TENDER, radius(50))).toBeNull();
    // Reserved to the SIAE: an EI fits, an ESAT or a SCOP does not.
    const reserved = { ...TENDER, reservation: 'L2113-13' as const };
    expect(matchSupplier(reserved, candidate(8))).not.toBeNull();
    expect(matchSupplier(reserved, candidate(9, { structureKind: 'ESAT' }))).toBeNull();
    expect(matchSupplier(reserved, candidate(10, { structureKind: 'SCOP' }))).toBeNull();
  });

  it('covers a national tender with national areas only', () => {
    const national = { ...TENDER, place: { kind: 'national' as const, name: 'France entière' } };
    expect(matchSupplier(national, candidate(1))).toBeNull();
    expect(
      matchSupplier(national, candidate(2, { areas: [{ kind: 'national', code: null, radiusKm: null }] })),
    ).toMatchObject({
      distanceKm: null,
    });
  });

  it('scores lots covered, sectors, charter and distance, with French reasons', () => {
    const m = matchSupplier(
      TENDER,
      candidate(1, { sectors: ['nettoyage-bureaux', 'entretien-espaces-verts'], charterVerified: true }),
      LABELS,
    );
    expect(m).not.toBeNull();
    if (!m) return;
    expect(m.lotsCovered).toEqual([1, 2, 3]);
    // 600 (all lots) + 200 (2 sectors) + 200 (charter) + proximity at ~4.6 km (293).
    expect(m.score).toBe(600 + 200 + 200 + 293);
    expect(m.reasons).toEqual([
      'Secteurs correspondants : Espaces verts, Nettoyage de bureaux',
      'Couvre les 3 lots',
      'Intervient dans le département 69',
      'Charte vérifiée',
      'À 5 km du lieu d’exécution',
    ]);
    const one = matchSupplier(
      { ...TENDER, reservation: 'L2113-13' },
      candidate(2, { sectors: ['entretien-espaces-verts'] }),
    );
    expect(one?.reasons).toContain('Couvre le lot 2 sur 3');
    expect(one?.reasons).toContain('Éligible au marché réservé (article L2113-13)');
    expect(matchSupplier(TENDER, candidate(3))?.reasons).toContain('Couvre les lots 1 et 3 sur 3');
    const inLyon = candidate(4, {
      lat: LYON.lat,
      lon: LYON.lon,
      areas: [{ kind: 'commune', code: '69123', radiusKm: null }],
    });
    expect(matchSupplier(TENDER, inLyon)?.reasons.slice(-2)).toEqual([
      'Intervient à Lyon',
      'À moins d’un kilomètre du lieu d’exécution',
    ]);
  });

  it('ranks a known case: coverage first, then charter, then distance, then id', () => {
    const ranked = rankMatches(TENDER, [
      candidate(1, { ...PARIS, areas: [{ kind: 'national', code: null, radiusKm: null }] }), // 2 lots, far
      candidate(2), // 2 lots, near
      candidate(3, { charterVerified: true }), // 2 lots, near, charter
      candidate(4, {
        sectors: ['nettoyage-bureaux', 'entretien-espaces-verts'],
        areas: [{ kind: 'region', code: '84', radiusKm: null }],
      }), // 3 lots, near
      candidate(5, { sectors: ['restauration-collective'] }), // does not fit
      candidate(6), // same as 2: the smaller id first
    ]);
    expect(ranked.map((m) => [m.rank, m.supplierId])).toEqual([
      [1, 4],
      [2, 3],
      [3, 2],
      [4, 6],
      [5, 1],
    ]);
  });
});

describe('channel of a new match', () => {
  it('follows the setting and the daily cap', () => {
    expect(matchChannel(null, 0)).toBe('none');
    expect(matchChannel({ mode: 'off', dailyCap: 5 }, 0)).toBe('none');
    expect(matchChannel({ mode: 'digest', dailyCap: 5 }, 0)).toBe('digest');
    expect(matchChannel({ mode: 'immediate', dailyCap: 2 }, 1)).toBe('immediate');
    expect(matchChannel({ mode: 'immediate', dailyCap: 2 }, 2)).toBe('capped');
  });
});

describe('alert and interest forms', () => {
  it('accepts a mode and a cap of 1 to 50, and refuses everything else', () => {
    expect(parseAlertSettings({ tenderAlerts: 'digest', dailyCap: ' 12 ' })).toEqual({
      ok: true,
      value: { tenderAlerts: 'digest', dailyCap: 12 },
    });
    for (const mode of ['', 'souvent', undefined])
      expect(parseAlertSettings({ tenderAlerts: mode, dailyCap: '5' })).toEqual({
        ok: false,
        error: [{ field: 'tenderAlerts', message: ALERT_FORM_MESSAGES.modeRequired }],
      });
    for (const cap of ['', '0', '51', '2.5', '-1', 'cinq', '0005', undefined])
      expect(parseAlertSettings({ tenderAlerts: 'immediate', dailyCap: cap })).toEqual({
        ok: false,
        error: [{ field: 'dailyCap', message: ALERT_FORM_MESSAGES.capInvalid }],
      });
  });

  it('needs a reason for « Pas intéressé », precise for « Autre », at most 500 characters', () => {
    expect(parseInterest({ interest: 'interested', reason: 'x' })).toEqual({
      ok: true,
      value: { interest: 'interested', reason: null },
    });
    expect(parseInterest({ interest: 'peut-être' })).toMatchObject({
      ok: false,
      error: [{ field: 'interest', message: INTEREST_FORM_MESSAGES.interestRequired }],
    });
    expect(parseInterest({ interest: 'not-interested', reason: 'hors-zone' })).toEqual({
      ok: true,
      value: { interest: 'not-interested', reason: 'Hors de notre zone d’intervention' },
    });
    expect(parseInterest({ interest: 'not-interested', reason: 'delai', details: 'Deux semaines  seulement' })).toEqual(
      {
        ok: true,
        value: { interest: 'not-interested', reason: 'Délai de réponse trop court : Deux semaines seulement' },
      },
    );
    expect(parseInterest({ interest: 'not-interested', reason: 'autre', details: 'Pas de véhicule' })).toMatchObject({
      ok: true,
      value: { reason: 'Pas de véhicule' },
    });
    const refused = (fields: Record<string, unknown>) => {
      const r = parseInterest({ interest: 'not-interested', ...fields });
      return r.ok ? [] : r.error;
    };
    expect(refused({})).toEqual([{ field: 'reason', message: INTEREST_FORM_MESSAGES.reasonRequired }]);
    expect(refused({ reason: 'toString' })).toEqual([
      { field: 'reason', message: INTEREST_FORM_MESSAGES.reasonUnknown },
    ]);
    expect(refused({ reason: 'autre' })).toEqual([
      { field: 'details', message: INTEREST_FORM_MESSAGES.detailsRequired },
    ]);
    expect(refused({ reason: 'autre', details: 'ab' })).toEqual([
      { field: 'details', message: INTEREST_FORM_MESSAGES.detailsTooShort },
    ]);
    expect(refused({ reason: 'autre', details: 'x'.repeat(501) })).toEqual([
      { field: 'details', message: INTEREST_FORM_MESSAGES.reasonTooLong },
    ]);
    expect(refused({ reason: 'capacite', details: 'x'.repeat(490) })).toEqual([
      { field: 'details', message: INTEREST_FORM_MESSAGES.reasonTooLong },
    ]);
  });

  it('filters the opportunities; not interested ones hidden by default', () => {
    expect(parseOpportunityFilter('n’importe')).toBe('tous');
    expect(parseOpportunityFilter('interesses')).toBe('interesses');
    expect(keepForFilter('tous', 'not-interested')).toBe(false);
    expect(keepForFilter('tous', null)).toBe(true);
    expect(keepForFilter('non-marques', 'interested')).toBe(false);
    expect(keepForFilter('pas-interesses', 'not-interested')).toBe(true);
  });
});
