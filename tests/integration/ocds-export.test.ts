import { describe, expect, it } from 'vitest';
import { LICENCE_OUVERTE_2_0, LOTS_EXTENSION, releasePackage } from '~/domain/ocds/package';
import { awardRelease, OCID_PREFIX, RESERVATION_CRITERIA, tenderRelease } from '~/domain/ocds/release';
import type { OcdsAwardInput, OcdsRelease, OcdsTenderInput } from '~/domain/ocds/types';
import { codelist, ocdsValidators, siretFor } from '../support/ocds';

// The OCDS export (app/domain/ocds, decisions 220–223) validated against the OCDS 1.1.5 release and release
// package schemas (ajv, draft-04) and the codelists of ../shared/ocds.

const validate = ocdsValidators();
const codes = {
  tenderStatus: codelist('tenderStatus.csv'),
  method: codelist('method.csv'),
  partyRole: codelist('partyRole.csv'),
  documentType: codelist('documentType.csv'),
  classification: codelist('itemClassificationScheme.csv'),
};

const BUYER = {
  name: 'Ville de Lyon',
  siret: siretFor(1),
  address: { streetAddress: '1 place de la Comédie', postalCode: '69001', locality: 'Lyon' },
};
const at = (iso: string) => new Date(iso);

function tender(overrides: Partial<OcdsTenderInput> = {}): OcdsTenderInput {
  return {
    id: 42,
    buyer: BUYER,
    title: 'Entretien des espaces verts',
    description: 'Tonte, taille et ramassage sur les parcs municipaux.',
    procurementMethod: 'open',
    mainCategory: 'services',
    cpvCodes: ['77310000-6', '77211400'],
    estimatedValueEur: 120_000,
    lots: [],
    reservation: 'none',
    status: 'published',
    publishedAt: at('2026-12-01T09:00:00Z'),
    questionsDeadline: at('2027-01-05T12:00:00Z'),
    submissionDeadline: at('2027-01-15T12:00:00Z'),
    contractDurationDays: 365,
    documents: [
      {
        id: 7,
        title: 'Règlement de la consultation',
        url: 'https://maillage.example/appels-d-offres/42/documents/7',
        documentType: 'biddingDocuments',
        datePublished: at('2026-12-01T09:00:00Z'),
      },
    ],
    ...overrides,
  };
}

const THREE_LOTS: OcdsTenderInput['lots'] = [
  { number: 1, title: 'Espaces verts nord', estimatedValueEur: 40_000.5 },
  { number: 2, title: 'Espaces verts sud', estimatedValueEur: 35_000, cpvCodes: ['77311000'] },
  { number: 3, title: 'Ramassage des déchets verts', description: 'Collecte hebdomadaire.', estimatedValueEur: 25_000 },
];

const supplier = (n: number, name: string) => ({ name, siret: siretFor(n), address: { locality: 'Lyon' } });

function expectValid(release: OcdsRelease) {
  const ok = validate.release(release);
  expect(validate.release.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  const pkg = releasePackage([release], at('2027-02-01T10:00:00Z'), 'https://maillage.example/api/v1/tenders/42/ocds');
  expect(pkg.ok).toBe(true);
  if (!pkg.ok) return;
  const pkgOk = validate.releasePackage(pkg.value);
  expect(validate.releasePackage.errors ?? []).toEqual([]);
  expect(pkgOk).toBe(true);
  // Codelists of ../shared/ocds/codelists.
  expect(codes.tenderStatus.has(release.tender.status)).toBe(true);
  expect(codes.method.has(release.tender.procurementMethod)).toBe(true);
  for (const lot of release.tender.lots ?? []) expect(codes.tenderStatus.has(lot.status)).toBe(true);
  for (const p of release.parties) for (const role of p.roles) expect(codes.partyRole.has(role)).toBe(true);
  for (const d of release.tender.documents ?? []) expect(codes.documentType.has(d.documentType)).toBe(true);
  for (const item of release.tender.items) {
    expect(codes.classification.has(item.classification.scheme)).toBe(true);
    for (const c of item.additionalClassifications ?? []) expect(codes.classification.has(c.scheme)).toBe(true);
  }
  return pkg.value;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('tenderRelease', () => {
  it('exports a tender without lots as a valid release and package', () => {
    const release = unwrap(tenderRelease(tender(), at('2026-12-01T09:00:00Z')));
    const pkg = expectValid(release);
    expect(release.ocid).toBe(`${OCID_PREFIX}42`);
    expect(release.tag).toEqual(['tender']);
    expect(release.initiationType).toBe('tender');
    expect(release.date).toBe('2026-12-01T09:00:00.000Z');
    expect(release.buyer).toEqual({ id: `FR-RCS-${BUYER.siret}`, name: 'Ville de Lyon' });
    expect(release.parties).toEqual([
      {
        id: `FR-RCS-${BUYER.siret}`,
        name: 'Ville de Lyon',
        identifier: { scheme: 'FR-RCS', id: BUYER.siret, legalName: 'Ville de Lyon' },
        address: {
          streetAddress: '1 place de la Comédie',
          postalCode: '69001',
          locality: 'Lyon',
          countryName: 'France',
        },
        roles: ['buyer', 'procuringEntity'],
      },
    ]);
    const t = release.tender;
    expect(t).toMatchObject({
      id: '42',
      status: 'active',
      procurementMethod: 'open',
      mainProcurementCategory: 'services',
      value: { amount: 120_000, currency: 'EUR' },
      tenderPeriod: { startDate: '2026-12-01T09:00:00.000Z', endDate: '2027-01-15T12:00:00.000Z' },
      enquiryPeriod: { endDate: '2027-01-05T12:00:00.000Z' },
      contractPeriod: { durationInDays: 365 },
    });
    expect(t.lots).toBeUndefined();
    expect(t.eligibilityCriteria).toBeUndefined();
    expect(t.items).toEqual([
      {
        id: '1',
        description: 'Entretien des espaces verts',
        classification: { scheme: 'CPV', id: '77310000-6' },
        additionalClassifications: [{ scheme: 'CPV', id: '77211400' }],
      },
    ]);
    expect(t.documents?.[0]).toMatchObject({ id: '7', documentType: 'biddingDocuments', format: 'application/pdf' });
    expect(pkg).toMatchObject({
      version: '1.1',
      publisher: { name: 'Maillage' },
      license: LICENCE_OUVERTE_2_0,
      publicationPolicy: 'https://maillage.example/donnees-ouvertes',
      extensions: [LOTS_EXTENSION],
      publishedDate: '2027-02-01T10:00:00.000Z',
    });
  });

  it('exports a three-lot reserved tender: lots, items per lot, value summed, reservation in eligibilityCriteria', () => {
    const input = tender({
      lots: THREE_LOTS,
      estimatedValueEur: null,
      reservation: 'L2113-12',
      documents: [
        {
          id: 'cctp-2',
          title: 'CCTP du lot 2',
          url: 'https://maillage.example/d/2',
          documentType: 'technicalSpecifications',
          lotNumbers: [2],
        },
      ],
    });
    const release = unwrap(tenderRelease(input, at('2026-12-03T08:00:00Z'), { update: true }));
    expectValid(release);
    expect(release.tag).toEqual(['tenderUpdate']);
    expect(release.tender.eligibilityCriteria).toBe(RESERVATION_CRITERIA['L2113-12']);
    expect(release.tender.eligibilityCriteria).toContain('L2113-12');
    expect(release.tender.value).toEqual({ amount: 100_000.5, currency: 'EUR' });
    expect(release.tender.lots).toEqual([
      { id: '1', title: 'Espaces verts nord', status: 'active', value: { amount: 40_000.5, currency: 'EUR' } },
      { id: '2', title: 'Espaces verts sud', status: 'active', value: { amount: 35_000, currency: 'EUR' } },
      {
        id: '3',
        title: 'Ramassage des déchets verts',
        description: 'Collecte hebdomadaire.',
        status: 'active',
        value: { amount: 25_000, currency: 'EUR' },
      },
    ]);
    expect(release.tender.items.map((i) => [i.id, i.relatedLot, i.classification.id])).toEqual([
      ['1', '1', '77310000-6'],
      ['2', '2', '77311000'],
      ['3', '3', '77310000-6'],
    ]);
    expect(release.tender.documents?.[0].relatedLots).toEqual(['2']);
  });

  it('writes each reservation as a French eligibility criterion citing its article', () => {
    for (const reservation of ['L2113-13', 'L2113-14', 'L2113-15'] as const) {
      const release = unwrap(tenderRelease(tender({ reservation }), at('2026-12-01T09:00:00Z')));
      expectValid(release);
      expect(release.tender.eligibilityCriteria).toContain(reservation);
    }
  });

  it('maps a closed tender to active and every procurement method and category', () => {
    for (const procurementMethod of ['open', 'selective', 'limited', 'direct'] as const) {
      for (const mainCategory of ['goods', 'works', 'services'] as const) {
        const input = tender({ status: 'closed', procurementMethod, mainCategory });
        const release = unwrap(tenderRelease(input, at('2027-01-16T00:00:00Z'), { update: true }));
        expectValid(release);
        expect(release.tender).toMatchObject({
          status: 'active',
          procurementMethod,
          mainProcurementCategory: mainCategory,
        });
      }
    }
  });

  it('exports a cancelled tender with the tenderCancellation tag and cancelled status (lots too)', () => {
    const release = unwrap(
      tenderRelease(tender({ status: 'cancelled', lots: THREE_LOTS }), at('2027-01-10T10:00:00Z')),
    );
    expectValid(release);
    expect(release.tag).toEqual(['tenderCancellation']);
    expect(release.id).toBe('tenderCancellation-2027-01-10T10:00:00.000Z');
    expect(release.tender.status).toBe('cancelled');
    expect(release.tender.lots?.every((l) => l.status === 'cancelled')).toBe(true);
  });

  it('refuses unpublished tenders and bad data with French issues', () => {
    const when = at('2026-12-01T09:00:00Z');
    const issuesOf = (input: OcdsTenderInput) => {
      const r = tenderRelease(input, when);
      return r.ok ? [] : r.error.map((i) => i.field);
    };
    expect(issuesOf(tender({ status: 'draft' }))).toEqual(['status']);
    expect(issuesOf(tender({ status: 'submitted' }))).toEqual(['status']);
    expect(issuesOf(tender({ status: 'awarded' }))).toEqual(['status']);
    expect(issuesOf(tender({ buyer: { name: 'X', siret: '12345678901234' } }))).toEqual(['buyer']);
    expect(issuesOf(tender({ buyer: { name: ' ', siret: BUYER.siret } }))).toEqual(['buyer']);
    expect(issuesOf(tender({ title: '' }))).toEqual(['title']);
    expect(issuesOf(tender({ cpvCodes: [] }))).toEqual(['cpvCodes']);
    expect(issuesOf(tender({ cpvCodes: ['1234'] }))).toEqual(['cpvCodes']);
    expect(issuesOf(tender({ estimatedValueEur: -1 }))).toEqual(['estimatedValueEur']);
    expect(issuesOf(tender({ submissionDeadline: at('2026-11-30T00:00:00Z'), questionsDeadline: null }))).toEqual([
      'submissionDeadline',
    ]);
    expect(issuesOf(tender({ questionsDeadline: at('2027-02-01T00:00:00Z') }))).toEqual(['questionsDeadline']);
    expect(issuesOf(tender({ submissionDeadline: new Date('nope') }))).toEqual(['submissionDeadline']);
    expect(issuesOf(tender({ lots: [THREE_LOTS[0], THREE_LOTS[0]] }))).toEqual(['lots']);
    expect(issuesOf(tender({ lots: [{ number: 1, title: 'A', estimatedValueEur: Number.NaN }] }))).toEqual(['lots']);
    expect(
      issuesOf(tender({ documents: [{ id: 1, title: 'A', url: '/relative', documentType: 'tenderNotice' }] })),
    ).toEqual(['documents']);
    const r = tenderRelease(tender({ status: 'draft' }), when);
    expect(r.ok ? '' : r.error[0].message).toBe(
      'Un appel d’offres non publié ne fait pas partie des données ouvertes.',
    );
  });
});

describe('awardRelease', () => {
  const awarded = (overrides: Partial<OcdsTenderInput> = {}) => tender({ status: 'awarded', ...overrides });

  it('exports an award to a single supplier, with amount, date and roles', () => {
    const awards: OcdsAwardInput[] = [
      {
        lotNumber: null,
        date: at('2027-02-01T10:00:00Z'),
        valueEur: 98_765.432,
        winner: { kind: 'supplier', organisation: supplier(2, 'Jardins solidaires') },
      },
    ];
    const release = unwrap(awardRelease(awarded(), awards, at('2027-02-01T11:00:00Z')));
    expectValid(release);
    expect(release.tag).toEqual(['award']);
    expect(release.tender.status).toBe('complete');
    expect(release.awards).toEqual([
      {
        id: '1',
        title: 'Entretien des espaces verts',
        description: 'Attribué à Jardins solidaires.',
        status: 'active',
        date: '2027-02-01T10:00:00.000Z',
        value: { amount: 98_765.43, currency: 'EUR' },
        suppliers: [{ id: `FR-RCS-${siretFor(2)}`, name: 'Jardins solidaires' }],
      },
    ]);
    const party = release.parties.find((p) => p.id === `FR-RCS-${siretFor(2)}`);
    expect(party?.roles).toEqual(['tenderer', 'supplier']);
    expect(party?.identifier).toEqual({ scheme: 'FR-RCS', id: siretFor(2), legalName: 'Jardins solidaires' });
  });

  it('exports an award to a groupement of three: every member a supplier, the mandataire first and marked', () => {
    const members = [
      { organisation: supplier(3, 'ESAT Les Ateliers'), mandataire: false },
      { organisation: supplier(4, 'Régie de quartier'), mandataire: true },
      { organisation: supplier(5, 'Jardins de Cocagne'), mandataire: false },
    ];
    const awards: OcdsAwardInput[] = [
      {
        lotNumber: 1,
        date: at('2027-02-01T10:00:00Z'),
        valueEur: 39_000,
        winner: { kind: 'groupement', form: 'conjoint-mandataire-solidaire', members },
      },
      {
        lotNumber: 3,
        date: at('2027-02-01T10:00:00Z'),
        valueEur: 24_000,
        winner: { kind: 'supplier', organisation: supplier(3, 'ESAT Les Ateliers') },
      },
    ];
    const input = awarded({ lots: THREE_LOTS, reservation: 'L2113-12' });
    const release = unwrap(awardRelease(input, awards, at('2027-02-02T08:00:00Z')));
    expectValid(release);
    const [lot1, lot3] = release.awards ?? [];
    expect(lot1.id).toBe('lot-1');
    expect(lot1.relatedLots).toEqual(['1']);
    expect(lot1.suppliers.map((s) => s.name)).toEqual(['Régie de quartier', 'ESAT Les Ateliers', 'Jardins de Cocagne']);
    expect(lot1.description).toBe(
      'Attribué au groupement conjoint avec mandataire solidaire dont le mandataire est Régie de quartier, avec ESAT Les Ateliers, Jardins de Cocagne.',
    );
    expect(lot3.suppliers).toEqual([{ id: `FR-RCS-${siretFor(3)}`, name: 'ESAT Les Ateliers' }]);
    // One party per organisation, even when it wins twice; each member a tenderer and supplier.
    expect(release.parties.map((p) => p.name)).toEqual([
      'Ville de Lyon',
      'Régie de quartier',
      'ESAT Les Ateliers',
      'Jardins de Cocagne',
    ]);
    for (const s of lot1.suppliers) {
      const p = release.parties.find((x) => x.id === s.id);
      expect(p?.roles).toEqual(['tenderer', 'supplier']);
    }
    const mandataire = release.parties.find((p) => p.name === 'Régie de quartier');
    expect(mandataire?.details).toEqual({
      groupements: [{ awardId: 'lot-1', form: 'conjoint-mandataire-solidaire', role: 'mandataire' }],
    });
    expect(release.parties.find((p) => p.name === 'Jardins de Cocagne')?.details?.groupements[0].role).toBe(
      'cotraitant',
    );
    // Lot 2 was awarded to nobody: unsuccessful; the others complete.
    expect(release.tender.lots?.map((l) => l.status)).toEqual(['complete', 'unsuccessful', 'complete']);
    expect(lot3.value).toEqual({ amount: 24_000, currency: 'EUR' });
  });

  it('refuses awards without a supplier, on unknown lots, twice for a lot, or with a bad groupement', () => {
    const when = at('2027-02-02T08:00:00Z');
    const base = { lotNumber: 1, date: at('2027-02-01T10:00:00Z'), valueEur: 1000 } as const;
    const one = { kind: 'supplier', organisation: supplier(2, 'A') } as const;
    const messages = (input: OcdsTenderInput, awards: OcdsAwardInput[]) => {
      const r = awardRelease(input, awards, when);
      return r.ok ? [] : r.error.map((i) => i.message);
    };
    const lots = awarded({ lots: THREE_LOTS });
    expect(messages(lots, [])).toEqual(['Au moins une attribution est obligatoire.']);
    expect(messages(lots, [{ ...base, winner: undefined as never }])).toEqual([
      'l’attribution du lot 1 n’a pas de titulaire.',
    ]);
    expect(
      messages(lots, [{ ...base, winner: { kind: 'supplier', organisation: { name: 'A', siret: '1' } } }]),
    ).toEqual(['Le SIRET de l’organisation est invalide.']);
    expect(messages(lots, [{ ...base, lotNumber: 9, winner: one }])).toHaveLength(1);
    expect(messages(lots, [{ ...base, lotNumber: null, winner: one }])).toHaveLength(1);
    expect(messages(awarded(), [{ ...base, winner: one }])).toHaveLength(1);
    expect(
      messages(lots, [
        { ...base, winner: one },
        { ...base, winner: one },
      ]),
    ).toEqual(['l’attribution du lot 1 est en double.']);
    expect(messages(lots, [{ ...base, valueEur: 0, winner: one }])).toHaveLength(1);
    expect(messages(lots, [{ ...base, date: at('2026-01-01T00:00:00Z'), winner: one }])).toHaveLength(1);
    expect(messages(tender({ lots: THREE_LOTS }), [{ ...base, winner: one }])).toEqual([
      'Seul un appel d’offres attribué a des attributions à publier.',
    ]);
    const member = (n: number, mandataire: boolean) => ({ organisation: supplier(n, `M${n}`), mandataire });
    const groupement = (members: ReturnType<typeof member>[]) =>
      messages(lots, [{ ...base, winner: { kind: 'groupement', form: 'solidaire', members } }]);
    expect(groupement([member(3, true)])).toEqual([
      'Le groupement de l’attribution du lot 1 doit compter au moins deux membres.',
    ]);
    expect(groupement([member(3, true), member(4, true)])).toEqual([
      'Le groupement de l’attribution du lot 1 doit avoir exactement un mandataire.',
    ]);
    expect(groupement([member(3, false), member(4, false)])).toHaveLength(1);
    expect(groupement([member(3, true), member(3, false)])).toEqual([
      'Un membre du groupement de l’attribution du lot 1 apparaît deux fois.',
    ]);
  });
});

describe('releasePackage', () => {
  it('packages several releases of one tender and refuses an empty list, duplicates and a relative uri', () => {
    const input = tender();
    const first = unwrap(tenderRelease(input, at('2026-12-01T09:00:00Z')));
    const update = unwrap(tenderRelease(input, at('2026-12-05T09:00:00Z'), { update: true }));
    const pkg = unwrap(
      releasePackage(
        [first, update],
        at('2026-12-05T09:00:00Z'),
        'https://maillage.example/api/v1/ocds/releases?since=2026-12-01',
      ),
    );
    expect(validate.releasePackage(pkg)).toBe(true);
    expect(pkg.releases.map((r) => r.id)).toEqual([
      'tender-2026-12-01T09:00:00.000Z',
      'tenderUpdate-2026-12-05T09:00:00.000Z',
    ]);
    const fields = (r: ReturnType<typeof releasePackage>) => (r.ok ? [] : r.error.map((i) => i.field));
    expect(fields(releasePackage([], at('2026-12-05T09:00:00Z'), 'https://maillage.example/x'))).toEqual(['releases']);
    expect(fields(releasePackage([first, first], at('2026-12-05T09:00:00Z'), 'https://maillage.example/x'))).toEqual([
      'releases',
    ]);
    expect(fields(releasePackage([first], at('2026-12-05T09:00:00Z'), '/api/v1/ocds'))).toEqual(['uri']);
    expect(fields(releasePackage([first], new Date('x'), 'https://maillage.example/x'))).toEqual(['publishedDate']);
  });

  it('the schema check catches a broken release (the validator is live)', () => {
    const release = unwrap(tenderRelease(tender(), at('2026-12-01T09:00:00Z')));
    expect(validate.release({ ...release, tag: ['nonsense'] })).toBe(false);
    expect(validate.release({ ...release, date: 'yesterday' })).toBe(false);
    expect(
      validate.releasePackage({
        uri: 'https://x.example/',
        version: '1.1',
        publisher: { name: 'M' },
        publishedDate: release.date,
        releases: [],
      }),
    ).toBe(false);
  });
});
