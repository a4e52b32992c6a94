import { describe, expect, it } from 'vitest';
import {
  TENDER_MESSAGES,
  lotsOf,
  parisLocalToUtc,
  parseTenderDraft,
  submissionIssues,
  utcToParisLocal,
} from '../../app/domain/tenders/form';
import {
  RESERVATIONS,
  placeLabel,
  RESERVATION_LABELS,
  TENDER_STATUSES,
  allowedTransitions,
  canTransition,
  effectiveStatus,
  isKindEligibleForReservation,
  isPlaceCodeShape,
} from '../../app/domain/tenders/tender';

// The tenders' domain (issue 7 §1, decisions 200–203): life cycle, reserved markets, the form's draft and
// submission rules with their French messages on Conform's field names.

const NOW = new Date('2026-12-01T12:00:00Z');

const COMPLETE = {
  title: '  Entretien   des espaces verts ',
  description: 'Tonte et taille des haies des parcs municipaux.',
  kind: 'appel-d-offres',
  method: 'open',
  category: 'services',
  cpvCodes: ['77310000-6', '773130007'],
  sectors: ['espaces-verts'],
  placeKind: 'departement',
  placeCode: '69',
  estimatedValue: '125 000',
  lots: [
    { title: 'Parcs du nord', description: '', sectors: 'espaces-verts', estimatedValue: '60000' },
    { title: '', description: '', sectors: [], estimatedValue: '' },
    { title: 'Parcs du sud', description: 'Six parcs', sectors: [], estimatedValue: '65000' },
  ],
  reservation: 'L2113-13',
  socialClauseHours: '350',
  questionsDeadline: '2027-01-10T12:00',
  submissionDeadline: '2027-01-20T12:00',
  contractDurationMonths: '24',
  allowDualBidding: 'on',
  contactName: 'Service achats',
  contactEmail: ' Achats@Ville.FR ',
  contactPhone: '04 72 10 30 30',
};

function issuesOf(input: Record<string, unknown>) {
  const parsed = parseTenderDraft(input, NOW);
  return parsed.ok ? [] : parsed.error;
}

describe('tender life cycle', () => {
  it('allows only the documented transitions', () => {
    expect(canTransition('draft', 'submitted')).toBe(true);
    expect(canTransition('submitted', 'published')).toBe(true);
    expect(canTransition('submitted', 'draft')).toBe(true);
    expect(canTransition('published', 'closed')).toBe(true);
    expect(canTransition('closed', 'awarded')).toBe(true);
    expect(canTransition('draft', 'published')).toBe(false);
    expect(canTransition('published', 'awarded')).toBe(false);
    expect(canTransition('published', 'draft')).toBe(false);
    expect(allowedTransitions('awarded')).toEqual([]);
    expect(allowedTransitions('cancelled')).toEqual([]);
    for (const status of TENDER_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('treats a published tender past its deadline as closed', () => {
    const tender = { status: 'published' as const, submissionDeadline: '2026-12-01T11:59:59.000Z' };
    expect(effectiveStatus(tender, NOW)).toBe('closed');
    expect(effectiveStatus({ ...tender, submissionDeadline: '2026-12-01T12:00:01.000Z' }, NOW)).toBe('published');
    expect(effectiveStatus({ ...tender, status: 'draft' }, NOW)).toBe('draft');
    expect(effectiveStatus({ ...tender, status: 'awarded' }, NOW)).toBe('awarded');
  });
});

describe('place of performance', () => {
  it('is named with its code, France entière when national, the code alone when unknown', () => {
    expect(placeLabel({ placeKind: 'commune', placeCode: '69123', placeName: 'Lyon' })).toBe('Commune : Lyon (69123)');
    expect(placeLabel({ placeKind: 'national', placeCode: null, placeName: null })).toBe('France entière');
    expect(placeLabel({ placeKind: 'region', placeCode: '84', placeName: null })).toBe('Région : 84');
    expect(placeLabel({ placeKind: null, placeCode: null, placeName: null })).toBe('—');
  });
});

describe('reserved markets', () => {
  it('have a French label and the eligible families', () => {
    for (const reservation of RESERVATIONS) expect(RESERVATION_LABELS[reservation]).toMatch(/\S/);
    expect(RESERVATION_LABELS['L2113-13']).toContain('L2113-13');
    const eligible = (reservation: (typeof RESERVATIONS)[number]) =>
      ['EA', 'EATT', 'ESAT', 'EI', 'AI', 'ACI', 'ETTI', 'EITI', 'GEIQ', 'SEP', 'SCOP', 'SCIC', 'ASSO', 'ESUS'].filter(
        (kind) => isKindEligibleForReservation(reservation, kind),
      );
    expect(eligible('L2113-12')).toEqual(['EA', 'EATT', 'ESAT']);
    expect(eligible('L2113-13')).toEqual(['EI', 'AI', 'ACI', 'ETTI', 'EITI']);
    expect(eligible('L2113-14')).toEqual(['EA', 'EATT', 'ESAT', 'EI', 'AI', 'ACI', 'ETTI', 'EITI']);
    expect(eligible('L2113-15')).toEqual(['SCOP', 'SCIC', 'ASSO', 'ESUS']);
    expect(eligible('none')).toHaveLength(14);
  });

  it('check the shape of the place code', () => {
    expect(isPlaceCodeShape('commune', '69123')).toBe(true);
    expect(isPlaceCodeShape('commune', '2A004')).toBe(true);
    expect(isPlaceCodeShape('commune', '6912')).toBe(false);
    expect(isPlaceCodeShape('departement', '974')).toBe(true);
    expect(isPlaceCodeShape('departement', '2B')).toBe(true);
    expect(isPlaceCodeShape('region', '84')).toBe(true);
    expect(isPlaceCodeShape('region', '8')).toBe(false);
    expect(isPlaceCodeShape('national', null)).toBe(true);
    expect(isPlaceCodeShape('national', '69')).toBe(false);
  });
});

describe('tender form', () => {
  it('normalises a complete tender', () => {
    const parsed = parseTenderDraft(COMPLETE, NOW);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      title: 'Entretien des espaces verts',
      cpvCodes: ['77310000-6', '77313000-7'],
      estimatedValueEuros: 125000,
      reservation: 'L2113-13',
      socialClauseHours: 350,
      questionsDeadline: '2027-01-10T11:00:00.000Z',
      submissionDeadline: '2027-01-20T11:00:00.000Z',
      contractDurationMonths: 24,
      allowDualBidding: true,
      contactEmail: 'achats@ville.fr',
    });
    expect(parsed.value.lots).toEqual([
      { number: 1, title: 'Parcs du nord', description: '', sectors: ['espaces-verts'], estimatedValueEuros: 60000 },
      { number: 2, title: 'Parcs du sud', description: 'Six parcs', sectors: [], estimatedValueEuros: 65000 },
    ]);
    expect(submissionIssues(parsed.value, NOW)).toEqual([]);
  });

  it('saves an incomplete draft but refuses to submit it', () => {
    const parsed = parseTenderDraft({ title: 'Besoin', kind: 'appel-d-offres' }, NOW);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({ reservation: 'none', lots: [], allowDualBidding: false, method: null });
    const fields = submissionIssues(parsed.value, NOW).map((issue) => issue.field);
    expect(fields).toEqual([
      'description',
      'method',
      'category',
      'cpvCodes',
      'sectors',
      'placeKind',
      'estimatedValue',
      'submissionDeadline',
      'contractDurationMonths',
      'contactName',
      'contactEmail',
    ]);
  });

  it('asks less of a quote request', () => {
    const parsed = parseTenderDraft(
      {
        ...COMPLETE,
        kind: 'devis',
        method: '',
        cpvCodes: [],
        estimatedValue: '',
        contractDurationMonths: '',
        lots: [],
      },
      NOW,
    );
    expect(parsed.ok && submissionIssues(parsed.value, NOW)).toEqual([]);
    expect(issuesOf({ ...COMPLETE, kind: 'sourcing' })).toEqual([
      { field: 'lots', message: TENDER_MESSAGES.lotsOnlyForTenders },
    ]);
  });

  it('refuses every malformed field with a French message on its name', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ title: ' ' }, 'title', TENDER_MESSAGES.titleRequired],
      [{ title: 'x'.repeat(201) }, 'title', TENDER_MESSAGES.titleTooLong],
      [{ description: 'x'.repeat(20_001) }, 'description', TENDER_MESSAGES.descriptionTooLong],
      [{ kind: 'marche' }, 'kind', TENDER_MESSAGES.kindRequired],
      [{ method: 'secret' }, 'method', TENDER_MESSAGES.methodUnknown],
      [{ category: 'food' }, 'category', TENDER_MESSAGES.categoryUnknown],
      [{ cpvCodes: ['1234'] }, 'cpvCodes', TENDER_MESSAGES.cpvInvalid('1234')],
      [{ cpvCodes: '77310000-6, 773100006' }, 'cpvCodes', TENDER_MESSAGES.cpvDuplicate('77310000-6')],
      [{ sectors: ['Espaces verts'] }, 'sectors', TENDER_MESSAGES.sectorInvalid],
      [{ placeKind: 'canton' }, 'placeKind', TENDER_MESSAGES.placeKindUnknown],
      [{ placeKind: 'commune', placeCode: '69' }, 'placeCode', TENDER_MESSAGES.placeCodeInvalid.commune],
      [{ placeKind: 'national', placeCode: '69' }, 'placeCode', TENDER_MESSAGES.placeCodeInvalid.national],
      [{ estimatedValue: '12,5' }, 'estimatedValue', TENDER_MESSAGES.amountInvalid],
      [{ estimatedValue: '-3' }, 'estimatedValue', TENDER_MESSAGES.amountInvalid],
      [{ estimatedValue: '99999999999' }, 'estimatedValue', TENDER_MESSAGES.amountTooLarge],
      [{ reservation: 'L2113-99' }, 'reservation', TENDER_MESSAGES.reservationUnknown],
      [{ socialClauseHours: 'beaucoup' }, 'socialClauseHours', TENDER_MESSAGES.hoursInvalid],
      [{ questionsDeadline: '2027-02-30T12:00' }, 'questionsDeadline', TENDER_MESSAGES.dateInvalid],
      [{ submissionDeadline: 'demain' }, 'submissionDeadline', TENDER_MESSAGES.dateInvalid],
      [{ submissionDeadline: '2026-12-01T12:00' }, 'submissionDeadline', TENDER_MESSAGES.deadlinePast],
      [{ questionsDeadline: '2027-01-20T12:00' }, 'questionsDeadline', TENDER_MESSAGES.questionsAfterSubmission],
      [{ contractDurationMonths: '0' }, 'contractDurationMonths', TENDER_MESSAGES.durationInvalid],
      [{ contractDurationMonths: '601' }, 'contractDurationMonths', TENDER_MESSAGES.durationInvalid],
      [{ contactName: 'x'.repeat(201) }, 'contactName', TENDER_MESSAGES.contactTooLong],
      [{ contactPhone: 'appelez-moi' }, 'contactPhone', TENDER_MESSAGES.contactPhoneInvalid],
      [{ lots: [{ title: '', description: 'Sans titre' }] }, 'lots[0].title', TENDER_MESSAGES.lotTitleRequired],
      [{ lots: [{ title: 'Lot', estimatedValue: 'cher' }] }, 'lots[0].estimatedValue', TENDER_MESSAGES.amountInvalid],
      [{ lots: Array.from({ length: 51 }, (_, i) => ({ title: `Lot ${i}` })) }, 'lots', TENDER_MESSAGES.lotsTooMany],
    ];
    for (const [change, field, message] of cases) {
      expect(issuesOf({ ...COMPLETE, ...change }), field).toContainEqual({ field, message });
    }
    expect(issuesOf({ ...COMPLETE, contactEmail: 'pas-une-adresse' }).map((issue) => issue.field)).toEqual([
      'contactEmail',
    ]);
  });

  it('applies the L2113-15 limits on submission', () => {
    const parsed = parseTenderDraft(
      { ...COMPLETE, reservation: 'L2113-15', category: 'works', contractDurationMonths: '48' },
      NOW,
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(submissionIssues(parsed.value, NOW)).toEqual([
      { field: 'reservation', message: TENDER_MESSAGES.reservationL2113_15Category },
      { field: 'contractDurationMonths', message: TENDER_MESSAGES.reservationL2113_15Duration },
    ]);
    expect(submissionIssues(parsed.value, new Date('2027-01-21T00:00:00Z'))).toContainEqual({
      field: 'submissionDeadline',
      message: TENDER_MESSAGES.deadlinePast,
    });
  });

  it('gives a tender without lots one implicit lot', () => {
    const parsed = parseTenderDraft({ ...COMPLETE, lots: [] }, NOW);
    expect(parsed.ok && lotsOf(parsed.value)).toEqual([
      {
        number: 1,
        title: 'Entretien des espaces verts',
        description: COMPLETE.description,
        sectors: ['espaces-verts'],
        estimatedValueEuros: 125000,
      },
    ]);
  });

  it('reads dates in Paris time, summer and winter', () => {
    expect(parisLocalToUtc('2027-07-01T12:00')).toBe('2027-07-01T10:00:00.000Z');
    expect(parisLocalToUtc('2027-01-01T00:30')).toBe('2026-12-31T23:30:00.000Z');
    expect(parisLocalToUtc('2027-13-01T00:30')).toBeUndefined();
    expect(utcToParisLocal('2027-07-01T10:00:00.000Z')).toBe('2027-07-01T12:00');
    expect(utcToParisLocal('2026-12-31T23:30:00.000Z')).toBe('2027-01-01T00:30');
  });
});
