import { describe, expect, it } from 'vitest';
import { buildChecklist } from '../../app/domain/groupements/checklist';
import {
  allocateAmounts,
  checkAllocation,
  checkDualParticipation,
  checkMandataireOncePerTender,
  checkMembershipChangeable,
  checkOneMandataire,
  checkSubcontractor,
  checkSubmission,
  formatShare,
  GROUPEMENT_FORM_LABELS,
  isEligibleForReservation,
  parseGroupementForm,
  parseSharePercent,
  type TenderGroupementSummary,
} from '../../app/domain/groupements/rules';

const member = (supplierId: number, role: 'mandataire' | 'membre' = 'membre', acceptance = 'accepted' as const) => ({
  supplierId,
  name: `Structure ${supplierId}`,
  role,
  acceptance,
});

describe('groupement form', () => {
  it('knows the three forms with French labels', () => {
    expect(parseGroupementForm('solidaire')).toEqual({ ok: true, value: 'solidaire' });
    expect(GROUPEMENT_FORM_LABELS['conjoint-mandataire-solidaire']).toBe(
      'Groupement conjoint avec mandataire solidaire',
    );
    const bad = parseGroupementForm('mixte');
    expect(bad.ok).toBe(false);
  });
});

describe('mandataire', () => {
  it('requires exactly one', () => {
    expect(checkOneMandataire([member(1, 'mandataire'), member(2)]).ok).toBe(true);
    const none = checkOneMandataire([member(1), member(2)]);
    expect(!none.ok && none.error[0].message).toBe('Le groupement doit désigner un mandataire.');
    const two = checkOneMandataire([member(1, 'mandataire'), member(2, 'mandataire')]);
    expect(!two.ok && two.error[0].message).toContain('un seul mandataire (2 désignés)');
  });

  it('is mandataire of at most one active groupement per tender', () => {
    const others: TenderGroupementSummary[] = [
      { groupementId: 10, mandataireSupplierId: 1, memberSupplierIds: [1, 2], active: true },
      { groupementId: 11, mandataireSupplierId: 3, memberSupplierIds: [3], active: false },
    ];
    expect(checkMandataireOncePerTender(1, 12, others).ok).toBe(false);
    expect(checkMandataireOncePerTender(1, 10, others).ok).toBe(true); // the same groupement
    expect(checkMandataireOncePerTender(3, 12, others).ok).toBe(true); // the other one was withdrawn
    expect(checkMandataireOncePerTender(2, 12, others).ok).toBe(true); // a member, not the mandataire
  });
});

describe('double participation', () => {
  const state = {
    soloBidderIds: [5],
    groupements: [{ groupementId: 10, mandataireSupplierId: 1, memberSupplierIds: [1, 2], active: true }],
  };
  it('refuses alone + groupement when the tender forbids it', () => {
    const forbid = { allowsDualParticipation: false };
    const alone = checkDualParticipation(forbid, 2, 'seul', state);
    expect(!alone.ok && alone.error[0].message).toContain('fait déjà partie d’un groupement');
    const joining = checkDualParticipation(forbid, 5, 10, state);
    expect(!joining.ok && joining.error[0].message).toContain('candidate déjà seule');
    expect(checkDualParticipation(forbid, 7, 10, state).ok).toBe(true);
    expect(checkDualParticipation(forbid, 1, 10, state).ok).toBe(true); // already in that same groupement
  });
  it('allows it when the tender does', () => {
    expect(checkDualParticipation({ allowsDualParticipation: true }, 2, 'seul', state).ok).toBe(true);
    expect(checkDualParticipation({ allowsDualParticipation: true }, 5, 10, state).ok).toBe(true);
  });
});

describe('shares', () => {
  it('parses percentages into basis points', () => {
    expect(parseSharePercent('33,33')).toEqual({ ok: true, value: 3333 });
    expect(parseSharePercent('100 %')).toEqual({ ok: true, value: 10000 });
    expect(parseSharePercent('12.5')).toEqual({ ok: true, value: 1250 });
    for (const bad of ['', '0', '100,01', '33,333', 'abc', '-5']) expect(parseSharePercent(bad).ok).toBe(false);
    expect(formatShare(3333)).toBe('33,33 %');
    expect(formatShare(5000)).toBe('50 %');
    expect(formatShare(1205)).toBe('12,05 %');
  });

  it('derives cents from the lot value, adding up exactly', () => {
    const rows = [
      { lotNumber: 1, supplierId: 1, shareBp: 3333 },
      { lotNumber: 1, supplierId: 2, shareBp: 3333 },
      { lotNumber: 1, supplierId: 3, shareBp: 3334 },
    ];
    const shares = allocateAmounts(100_000_01, rows);
    expect(shares.reduce((s, r) => s + r.amountCents, 0)).toBe(100_000_01);
    expect(shares.map((s) => s.amountCents)).toEqual([33_330_00, 33_330_00, 33_340_01]);
  });
});

describe('allocation matrix', () => {
  const lots = [
    { number: 1, estimatedValueCents: 10_000_00 },
    { number: 2, estimatedValueCents: 5_000_00 },
    { number: 3, estimatedValueCents: 1_000_00 },
  ];
  it('accepts covered lots whose shares add up to 100 %', () => {
    const result = checkAllocation(
      lots,
      [1, 2],
      [1, 2],
      [
        { lotNumber: 1, supplierId: 1, shareBp: 6000 },
        { lotNumber: 1, supplierId: 2, shareBp: 4000 },
        { lotNumber: 2, supplierId: 2, shareBp: 10000 },
      ],
    );
    expect(result.ok && result.value.map((r) => r.amountCents)).toEqual([6_000_00, 4_000_00, 5_000_00]);
  });

  it('says what is wrong with each lot and row', () => {
    const result = checkAllocation(
      lots,
      [1, 2, 4],
      [1, 2],
      [
        { lotNumber: 1, supplierId: 1, shareBp: 6000 },
        { lotNumber: 1, supplierId: 2, shareBp: 3999 },
        { lotNumber: 3, supplierId: 1, shareBp: 10000 },
        { lotNumber: 1, supplierId: 9, shareBp: 1 },
      ],
    );
    expect(result.ok).toBe(false);
    const messages = !result.ok ? result.error.map((i) => i.message) : [];
    expect(messages).toContain('Le lot 4 n’existe pas dans cet appel d’offres.');
    expect(messages).toContain('Le lot 3 ne fait pas partie des lots auxquels le groupement répond.');
    expect(messages).toContain(
      'Seuls les membres du groupement peuvent recevoir une part (les sous-traitants sont déclarés à part).',
    );
    expect(messages).toContain('Le lot 2 n’est attribué à aucun membre.');
    expect(messages).toHaveLength(4); // lot 1 adds up to 100 % (the refused row included)
  });

  it('refuses a total off by one basis point, duplicate rows and empty answers', () => {
    const off = checkAllocation(
      lots,
      [1],
      [1, 2],
      [
        { lotNumber: 1, supplierId: 1, shareBp: 5000 },
        { lotNumber: 1, supplierId: 2, shareBp: 4999 },
      ],
    );
    expect(!off.ok && off.error[0]).toEqual({
      field: 'lot-1',
      message: 'Les parts du lot 1 totalisent 99,99 % au lieu de 100 %.',
    });
    const dup = checkAllocation(
      lots,
      [1],
      [1],
      [
        { lotNumber: 1, supplierId: 1, shareBp: 5000 },
        { lotNumber: 1, supplierId: 1, shareBp: 5000 },
      ],
    );
    expect(!dup.ok && dup.error.map((i) => i.message)).toContain('Un membre n’a qu’une part par lot.');
    const none = checkAllocation(lots, [], [1], []);
    expect(!none.ok && none.error[0].message).toBe('Le groupement doit répondre à au moins un lot.');
  });
});

describe('subcontractors', () => {
  const valid = {
    name: ' Jardins du Lac ',
    siret: '732 829 320 00074',
    services: 'Taille des haies',
    amountTtcCents: 60_000,
  };
  it('normalises and sets direct payment from 600 € TTC', () => {
    const result = checkSubcontractor(valid);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Jardins du Lac',
        siret: '73282932000074',
        services: 'Taille des haies',
        amountTtcCents: 60_000,
        directPayment: true,
      },
    });
    const small = checkSubcontractor({ ...valid, amountTtcCents: 59_999 });
    expect(small.ok && small.value.directPayment).toBe(false);
  });
  it('refuses every bad field with a message', () => {
    const result = checkSubcontractor({ name: '', siret: '73282932000075', services: ' ', amountTtcCents: 0 });
    expect(!result.ok && result.error.map((i) => i.field)).toEqual(['name', 'siret', 'services', 'amount']);
    expect(!result.ok && result.error[1].message).toBe('SIRET invalide (clé de contrôle incorrecte).');
  });
});

describe('membership and submission', () => {
  const base = {
    now: new Date('2026-12-10T10:00:00Z'),
    submissionDeadline: '2026-12-15T12:00:00+01:00',
    status: 'forming' as const,
    actorSupplierId: 1,
    members: [member(1, 'mandataire'), member(2)],
    checklist: [{ key: 'dc1', label: 'DC1', status: 'done' as const }],
  };
  it('freezes the membership while the bid stands', () => {
    expect(checkMembershipChangeable('forming').ok).toBe(true);
    expect(checkMembershipChangeable('withdrawn').ok).toBe(true);
    const frozen = checkMembershipChangeable('submitted');
    expect(!frozen.ok && frozen.error[0].message).toContain('figée depuis le dépôt');
  });
  it('submits before the deadline when everyone accepted and the checklist is done', () => {
    expect(checkSubmission(base)).toEqual({ ok: true, value: { submittedAt: '2026-12-10T10:00:00.000Z' } });
  });
  it('refuses at or after the deadline', () => {
    const late = checkSubmission({ ...base, now: new Date('2026-12-15T11:00:00Z') });
    expect(!late.ok && late.error[0].message).toContain('date limite');
    expect(checkSubmission({ ...base, now: new Date('2026-12-15T10:59:59Z') }).ok).toBe(true);
  });
  it('refuses a pending member, an unfinished checklist, a non-mandataire, a bid already submitted', () => {
    const result = checkSubmission({
      ...base,
      status: 'submitted',
      actorSupplierId: 2,
      members: [member(1, 'mandataire'), { ...member(2), acceptance: 'pending' as const }],
      checklist: [{ key: 'dc1', label: 'DC1 — lettre de candidature', status: 'in-progress' as const }],
    });
    expect(!result.ok && result.error.map((i) => i.message)).toEqual([
      'L’offre est déjà déposée.',
      'Seul le mandataire peut déposer l’offre du groupement.',
      'Structure 2 n’a pas encore accepté de rejoindre le groupement.',
      'Pièce à compléter : DC1 — lettre de candidature.',
    ]);
  });
});

describe('checklist', () => {
  it('lists DC1, DC2 per member, the brief, the prices, certificates per member and DC4 per subcontractor', () => {
    const items = buildChecklist({
      members: [member(1, 'mandataire'), member(2)],
      subcontractors: [{ name: 'Jardins du Lac', siret: '73282932000074' }],
    });
    expect(items.map((i) => i.key)).toEqual([
      'dc1',
      'dc2-1',
      'dc2-2',
      'memoire-technique',
      'bordereau-prix',
      'attestation-fiscale-1',
      'attestation-sociale-1',
      'attestation-fiscale-2',
      'attestation-sociale-2',
      'dc4-73282932000074',
    ]);
    expect(items.find((i) => i.key === 'dc4-73282932000074')?.assigneeSupplierId).toBe(1);
    expect(items.find((i) => i.key === 'dc2-2')?.assigneeSupplierId).toBe(2);
  });
  it('uses the DUME in place of DC2 when asked', () => {
    const items = buildChecklist({ members: [member(1, 'mandataire')], subcontractors: [], useDume: true });
    expect(items.map((i) => i.kind)).toEqual([
      'dc1',
      'dume',
      'memoire-technique',
      'bordereau-prix',
      'attestation-fiscale',
      'attestation-sociale',
    ]);
  });
});

describe('reserved markets', () => {
  it('knows the eligible structure kinds', () => {
    expect(isEligibleForReservation('ESAT', 'L2113-12')).toBe(true);
    expect(isEligibleForReservation('EI', 'L2113-12')).toBe(false);
    expect(isEligibleForReservation('ACI', 'L2113-13')).toBe(true);
    expect(isEligibleForReservation('GEIQ', 'L2113-13')).toBe(false);
    expect(isEligibleForReservation('EA', 'L2113-14')).toBe(true);
    expect(isEligibleForReservation('SCOP', 'L2113-15')).toBe(true);
    expect(isEligibleForReservation('SEP', 'none')).toBe(true);
  });
});
