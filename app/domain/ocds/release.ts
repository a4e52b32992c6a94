import { isValidCpvDivision } from '../cpv';
import { fail, ok, type FieldIssue, type Result } from '../result';
import { isValidSiret } from '../siret';
import type {
  MaillageTenderStatus,
  OcdsAward,
  OcdsAwardInput,
  OcdsClassification,
  OcdsDocument,
  OcdsItem,
  OcdsLot,
  OcdsOrganisationInput,
  OcdsParty,
  OcdsRelease,
  OcdsReleaseTag,
  OcdsTender,
  OcdsTenderInput,
  OcdsValue,
  Reservation,
} from './types';

// A tender and its award as OCDS 1.1.5 releases (decisions 220–223). Pure: the caller reads the tables and
// passes plain values; every function checks its input and answers a Result with French field issues.

/**
 * The ocid prefix (decision 220). Not registered with the Open Contracting Partnership yet: registering one
 * (free) gives a prefix `ocds-` + 6 characters, which replaces this constant before the data is announced.
 */
export const OCID_PREFIX = 'ocds-maillage-';

/** org-id.guide's scheme for French companies (Registre du commerce et des sociétés), used with the SIRET (decision 220). */
export const FR_ORGANISATION_SCHEME = 'FR-RCS';

export function ocidOf(tenderId: number): string {
  return `${OCID_PREFIX}${tenderId}`;
}

/** The party id: `{scheme}-{id}`, as the OCDS Organization.id description suggests. */
export function partyIdOf(siret: string): string {
  return `${FR_ORGANISATION_SCHEME}-${siret}`;
}

/** Maillage's status → the closed OCDS tenderStatus codelist; draft and submitted are not public. */
const TENDER_STATUS: Record<MaillageTenderStatus, string | null> = {
  draft: null,
  submitted: null,
  published: 'active',
  // After the deadline the process is still running (bids are evaluated) until the award or cancellation.
  closed: 'active',
  awarded: 'complete',
  cancelled: 'cancelled',
};

/** OCDS 1.1.5 core has no reserved-participation field: the reservation is written in `tender.eligibilityCriteria`. */
export const RESERVATION_CRITERIA: Record<Exclude<Reservation, 'none'>, string> = {
  'L2113-12':
    'Marché réservé (article L2113-12 du code de la commande publique) aux entreprises adaptées, aux établissements et services d’aide par le travail (ESAT) et aux structures équivalentes.',
  'L2113-13':
    'Marché réservé (article L2113-13 du code de la commande publique) aux structures d’insertion par l’activité économique (SIAE) et aux structures équivalentes.',
  'L2113-14':
    'Marché réservé (article L2113-14 du code de la commande publique) à la fois aux opérateurs mentionnés aux articles L2113-12 (entreprises adaptées, ESAT) et L2113-13 (SIAE).',
  'L2113-15':
    'Marché réservé (article L2113-15 du code de la commande publique) aux entreprises de l’économie sociale et solidaire, pour certains services sociaux, de santé ou culturels.',
};

const CPV_INPUT = /^(\d{8})(-\d)?$/;

function isCpv(code: string): boolean {
  const match = CPV_INPUT.exec(code);
  return match !== null && isValidCpvDivision(match[1].slice(0, 2));
}

function isDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function eur(amount: number): OcdsValue {
  return { amount: Math.round(amount * 100) / 100, currency: 'EUR' };
}

function checkOrganisation(org: OcdsOrganisationInput | undefined, field: string, issues: FieldIssue[]): void {
  if (!org || typeof org.name !== 'string' || org.name.trim() === '') {
    issues.push({ field, message: 'Le nom de l’organisation est obligatoire.' });
  }
  if (!org || typeof org.siret !== 'string' || !isValidSiret(org.siret)) {
    issues.push({ field, message: 'Le SIRET de l’organisation est invalide.' });
  }
}

/** The issues of a tender's data, in French; empty when it can be exported. */
export function checkTenderInput(input: OcdsTenderInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(input.id) || input.id <= 0) {
    issues.push({ field: 'id', message: 'L’identifiant de l’appel d’offres est invalide.' });
  }
  checkOrganisation(input.buyer, 'buyer', issues);
  if (typeof input.title !== 'string' || input.title.trim() === '') {
    issues.push({ field: 'title', message: 'Le titre est obligatoire.' });
  }
  if (TENDER_STATUS[input.status] === undefined) {
    issues.push({ field: 'status', message: 'Statut inconnu.' });
  } else if (TENDER_STATUS[input.status] === null) {
    issues.push({ field: 'status', message: 'Un appel d’offres non publié ne fait pas partie des données ouvertes.' });
  }
  if (!['open', 'selective', 'limited', 'direct'].includes(input.procurementMethod)) {
    issues.push({ field: 'procurementMethod', message: 'Procédure inconnue.' });
  }
  if (!['goods', 'works', 'services'].includes(input.mainCategory)) {
    issues.push({ field: 'mainCategory', message: 'Catégorie principale inconnue.' });
  }
  if (!Array.isArray(input.cpvCodes) || input.cpvCodes.length === 0) {
    issues.push({ field: 'cpvCodes', message: 'Au moins un code CPV est obligatoire.' });
  } else if (!input.cpvCodes.every(isCpv)) {
    issues.push({ field: 'cpvCodes', message: 'Un code CPV est invalide (8 chiffres, clé facultative).' });
  }
  if (!(input.reservation in RESERVATION_CRITERIA) && input.reservation !== 'none') {
    issues.push({ field: 'reservation', message: 'Réservation inconnue.' });
  }
  if (input.estimatedValueEur != null && !isAmount(input.estimatedValueEur)) {
    issues.push({ field: 'estimatedValueEur', message: 'La valeur estimée doit être un montant positif.' });
  }
  if (!isDate(input.publishedAt)) issues.push({ field: 'publishedAt', message: 'Date de publication invalide.' });
  if (!isDate(input.submissionDeadline)) {
    issues.push({ field: 'submissionDeadline', message: 'Date limite de remise des offres invalide.' });
  } else if (isDate(input.publishedAt) && input.submissionDeadline <= input.publishedAt) {
    issues.push({ field: 'submissionDeadline', message: 'La date limite doit suivre la publication.' });
  }
  if (input.questionsDeadline != null) {
    if (!isDate(input.questionsDeadline)) {
      issues.push({ field: 'questionsDeadline', message: 'Date limite des questions invalide.' });
    } else if (isDate(input.submissionDeadline) && input.questionsDeadline > input.submissionDeadline) {
      issues.push({
        field: 'questionsDeadline',
        message: 'La date limite des questions doit précéder la remise des offres.',
      });
    }
  }
  if (
    input.contractDurationDays != null &&
    (!Number.isInteger(input.contractDurationDays) || input.contractDurationDays <= 0)
  ) {
    issues.push({ field: 'contractDurationDays', message: 'La durée du marché doit être un nombre de jours positif.' });
  }
  const numbers = new Set<number>();
  for (const lot of input.lots ?? []) {
    if (!Number.isInteger(lot.number) || lot.number <= 0 || numbers.has(lot.number)) {
      issues.push({ field: 'lots', message: 'Les lots doivent avoir des numéros distincts et positifs.' });
    }
    numbers.add(lot.number);
    if (typeof lot.title !== 'string' || lot.title.trim() === '') {
      issues.push({ field: 'lots', message: `Le titre du lot ${lot.number} est obligatoire.` });
    }
    if (lot.estimatedValueEur != null && !isAmount(lot.estimatedValueEur)) {
      issues.push({ field: 'lots', message: `La valeur du lot ${lot.number} doit être un montant positif.` });
    }
    if (lot.cpvCodes && !lot.cpvCodes.every(isCpv)) {
      issues.push({ field: 'lots', message: `Un code CPV du lot ${lot.number} est invalide.` });
    }
  }
  for (const doc of input.documents ?? []) {
    if (!/^https?:\/\/\S+$/.test(doc.url) || typeof doc.title !== 'string' || doc.title.trim() === '') {
      issues.push({ field: 'documents', message: 'Chaque document doit avoir un titre et une adresse absolue.' });
    }
    if ((doc.lotNumbers ?? []).some((n) => !numbers.has(n))) {
      issues.push({ field: 'documents', message: 'Un document se rapporte à un lot inexistant.' });
    }
  }
  return issues;
}

/** The issues of the awards of a tender (checked after the tender itself), in French. */
export function checkAwardsInput(tender: OcdsTenderInput, awards: OcdsAwardInput[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (tender.status !== 'awarded') {
    issues.push({ field: 'status', message: 'Seul un appel d’offres attribué a des attributions à publier.' });
  }
  if (!Array.isArray(awards) || awards.length === 0) {
    issues.push({ field: 'awards', message: 'Au moins une attribution est obligatoire.' });
    return issues;
  }
  const lotNumbers = new Set(tender.lots.map((l) => l.number));
  const seen = new Set<number | null>();
  for (const award of awards) {
    const where = award.lotNumber === null ? 'l’attribution' : `l’attribution du lot ${award.lotNumber}`;
    if (tender.lots.length === 0 ? award.lotNumber !== null : !lotNumbers.has(award.lotNumber ?? NaN)) {
      issues.push({ field: 'awards', message: `${where} ne correspond à aucun lot de l’appel d’offres.` });
    }
    if (seen.has(award.lotNumber)) issues.push({ field: 'awards', message: `${where} est en double.` });
    seen.add(award.lotNumber);
    if (!isDate(award.date)) issues.push({ field: 'awards', message: `La date de ${where} est invalide.` });
    else if (isDate(tender.publishedAt) && award.date < tender.publishedAt) {
      issues.push({ field: 'awards', message: `La date de ${where} précède la publication.` });
    }
    if (!isAmount(award.valueEur) || award.valueEur === 0) {
      issues.push({ field: 'awards', message: `Le montant de ${where} doit être positif.` });
    }
    const winner = award.winner;
    if (!winner) {
      issues.push({ field: 'awards', message: `${where} n’a pas de titulaire.` });
    } else if (winner.kind === 'supplier') {
      checkOrganisation(winner.organisation, 'awards', issues);
    } else if (winner.kind === 'groupement') {
      const members = winner.members ?? [];
      if (members.length < 2) {
        issues.push({ field: 'awards', message: `Le groupement de ${where} doit compter au moins deux membres.` });
      }
      if (members.filter((m) => m.mandataire).length !== 1) {
        issues.push({ field: 'awards', message: `Le groupement de ${where} doit avoir exactement un mandataire.` });
      }
      const sirets = new Set(members.map((m) => m.organisation?.siret));
      if (sirets.size !== members.length) {
        issues.push({ field: 'awards', message: `Un membre du groupement de ${where} apparaît deux fois.` });
      }
      for (const m of members) checkOrganisation(m.organisation, 'awards', issues);
      if (!['conjoint', 'solidaire', 'conjoint-mandataire-solidaire'].includes(winner.form)) {
        issues.push({ field: 'awards', message: `La forme du groupement de ${where} est inconnue.` });
      }
    } else {
      issues.push({ field: 'awards', message: `${where} n’a pas de titulaire.` });
    }
  }
  return issues;
}

function party(org: OcdsOrganisationInput, roles: string[]): OcdsParty {
  const name = org.name.trim();
  const result: OcdsParty = {
    id: partyIdOf(org.siret),
    name,
    identifier: { scheme: FR_ORGANISATION_SCHEME, id: org.siret, legalName: name },
    roles,
  };
  const a = org.address;
  if (a) {
    const address = {
      ...(a.streetAddress ? { streetAddress: a.streetAddress } : {}),
      ...(a.postalCode ? { postalCode: a.postalCode } : {}),
      ...(a.locality ? { locality: a.locality } : {}),
      countryName: a.countryName || 'France',
    };
    result.address = address;
  }
  return result;
}

function classification(code: string): OcdsClassification {
  return { scheme: 'CPV', id: code };
}

function items(input: OcdsTenderInput): OcdsItem[] {
  const cpv = (codes: string[]) => ({
    classification: classification(codes[0]),
    ...(codes.length > 1 ? { additionalClassifications: codes.slice(1).map(classification) } : {}),
  });
  if (input.lots.length === 0) return [{ id: '1', description: input.title.trim(), ...cpv(input.cpvCodes) }];
  return input.lots.map((lot) => ({
    id: String(lot.number),
    description: lot.title.trim(),
    ...cpv(lot.cpvCodes && lot.cpvCodes.length > 0 ? lot.cpvCodes : input.cpvCodes),
    relatedLot: String(lot.number),
  }));
}

function tenderValue(input: OcdsTenderInput): OcdsValue | undefined {
  if (input.estimatedValueEur != null) return eur(input.estimatedValueEur);
  if (input.lots.length > 0 && input.lots.every((l) => l.estimatedValueEur != null)) {
    return eur(input.lots.reduce((sum, l) => sum + (l.estimatedValueEur ?? 0), 0));
  }
  return undefined;
}

function documents(input: OcdsTenderInput): OcdsDocument[] {
  return (input.documents ?? []).map((doc) => ({
    id: String(doc.id),
    documentType: doc.documentType,
    title: doc.title.trim(),
    url: doc.url,
    format: doc.format ?? 'application/pdf',
    ...(doc.datePublished ? { datePublished: doc.datePublished.toISOString() } : {}),
    language: 'fr',
    ...(doc.lotNumbers && doc.lotNumbers.length > 0 ? { relatedLots: doc.lotNumbers.map(String) } : {}),
  }));
}

function tenderSection(input: OcdsTenderInput, awardedLots: Set<number>): OcdsTender {
  const status = TENDER_STATUS[input.status] as string;
  const buyerRef = { id: partyIdOf(input.buyer.siret), name: input.buyer.name.trim() };
  const value = tenderValue(input);
  const docs = documents(input);
  const lots: OcdsLot[] = input.lots.map((lot) => ({
    id: String(lot.number),
    title: lot.title.trim(),
    ...(lot.description ? { description: lot.description } : {}),
    // A lot of an awarded tender that nobody won is `unsuccessful`; otherwise the lot follows the tender.
    status: input.status === 'awarded' && !awardedLots.has(lot.number) ? 'unsuccessful' : status,
    ...(lot.estimatedValueEur != null ? { value: eur(lot.estimatedValueEur) } : {}),
  }));
  return {
    id: String(input.id),
    title: input.title.trim(),
    ...(input.description ? { description: input.description } : {}),
    status,
    procuringEntity: buyerRef,
    items: items(input),
    ...(value ? { value } : {}),
    procurementMethod: input.procurementMethod,
    mainProcurementCategory: input.mainCategory,
    submissionMethod: ['electronicSubmission'],
    ...(input.reservation !== 'none' ? { eligibilityCriteria: RESERVATION_CRITERIA[input.reservation] } : {}),
    tenderPeriod: { startDate: input.publishedAt.toISOString(), endDate: input.submissionDeadline.toISOString() },
    ...(input.questionsDeadline
      ? {
          enquiryPeriod: {
            startDate: input.publishedAt.toISOString(),
            endDate: input.questionsDeadline.toISOString(),
          },
        }
      : {}),
    ...(input.contractDurationDays ? { contractPeriod: { durationInDays: input.contractDurationDays } } : {}),
    ...(docs.length > 0 ? { documents: docs } : {}),
    ...(lots.length > 0 ? { lots } : {}),
  };
}

function releaseId(tag: OcdsReleaseTag, date: Date): string {
  return `${tag}-${date.toISOString()}`;
}

function buyerParty(input: OcdsTenderInput): OcdsParty {
  return party(input.buyer, ['buyer', 'procuringEntity']);
}

export interface TenderReleaseOptions {
  /** True when an earlier `tender` release of this tender was already published (the tag is then `tenderUpdate`). */
  update?: boolean;
}

/**
 * The release describing the tender at `publishedAt`: tag `tender` (first publication), `tenderUpdate` (a later
 * change) or `tenderCancellation` (a cancelled tender). An awarded tender is exported with `awardRelease`.
 */
export function tenderRelease(
  input: OcdsTenderInput,
  publishedAt: Date,
  options: TenderReleaseOptions = {},
): Result<OcdsRelease> {
  const issues = checkTenderInput(input);
  if (!isDate(publishedAt)) issues.push({ field: 'publishedAt', message: 'Date de la publication invalide.' });
  if (input.status === 'awarded') {
    issues.push({ field: 'status', message: 'Un appel d’offres attribué se publie avec ses attributions.' });
  }
  if (issues.length > 0) return fail(issues);
  const tag: OcdsReleaseTag =
    input.status === 'cancelled' ? 'tenderCancellation' : options.update ? 'tenderUpdate' : 'tender';
  const buyer = buyerParty(input);
  return ok({
    ocid: ocidOf(input.id),
    id: releaseId(tag, publishedAt),
    date: publishedAt.toISOString(),
    tag: [tag],
    initiationType: 'tender',
    language: 'fr',
    parties: [buyer],
    buyer: { id: buyer.id, name: buyer.name },
    tender: tenderSection(input, new Set()),
  });
}

/**
 * The release of the awards of a tender (tag `award`): one award per lot (or one for a tender without lots),
 * its suppliers in `parties` with the roles `tenderer` and `supplier`. A groupement's members are each a
 * supplier of the award; the mandataire comes first and is marked in `parties[].details` (decision 222).
 */
export function awardRelease(input: OcdsTenderInput, awards: OcdsAwardInput[], publishedAt: Date): Result<OcdsRelease> {
  const issues = [...checkTenderInput(input), ...checkAwardsInput(input, awards)];
  if (!isDate(publishedAt)) issues.push({ field: 'publishedAt', message: 'Date de la publication invalide.' });
  if (issues.length > 0) return fail(issues);

  const buyer = buyerParty(input);
  const parties = new Map<string, OcdsParty>([[buyer.id, buyer]]);
  const addSupplier = (org: OcdsOrganisationInput): OcdsParty => {
    const id = partyIdOf(org.siret);
    const existing = parties.get(id);
    if (existing) {
      for (const role of ['tenderer', 'supplier']) if (!existing.roles.includes(role)) existing.roles.push(role);
      return existing;
    }
    const created = party(org, ['tenderer', 'supplier']);
    parties.set(id, created);
    return created;
  };

  const ocdsAwards: OcdsAward[] = [...awards]
    .sort((a, b) => (a.lotNumber ?? 0) - (b.lotNumber ?? 0))
    .map((award) => {
      const id = award.lotNumber === null ? '1' : `lot-${award.lotNumber}`;
      const lot = input.lots.find((l) => l.number === award.lotNumber);
      const title = lot ? `Lot ${lot.number} : ${lot.title.trim()}` : input.title.trim();
      const winner = award.winner;
      let suppliers: OcdsParty[];
      let description: string;
      if (winner.kind === 'supplier') {
        suppliers = [addSupplier(winner.organisation)];
        description = `Attribué à ${suppliers[0].name}.`;
      } else {
        const ordered = [...winner.members].sort((a, b) => Number(b.mandataire) - Number(a.mandataire));
        suppliers = ordered.map((m) => {
          const p = addSupplier(m.organisation);
          const role = { awardId: id, form: winner.form, role: m.mandataire ? 'mandataire' : 'cotraitant' } as const;
          p.details = { groupements: [...(p.details?.groupements ?? []), role] };
          return p;
        });
        const [mandataire, ...others] = suppliers;
        description =
          `Attribué au groupement ${FORM_LABEL[winner.form]} dont le mandataire est ${mandataire.name}, ` +
          `avec ${others.map((o) => o.name).join(', ')}.`;
      }
      return {
        id,
        title,
        description,
        status: 'active' as const,
        date: award.date.toISOString(),
        value: eur(award.valueEur),
        suppliers: suppliers.map((s) => ({ id: s.id, name: s.name })),
        ...(award.lotNumber !== null ? { relatedLots: [String(award.lotNumber)] } : {}),
      };
    });

  const awardedLots = new Set(awards.flatMap((a) => (a.lotNumber === null ? [] : [a.lotNumber])));
  return ok({
    ocid: ocidOf(input.id),
    id: releaseId('award', publishedAt),
    date: publishedAt.toISOString(),
    tag: ['award'],
    initiationType: 'tender',
    language: 'fr',
    parties: [...parties.values()],
    buyer: { id: buyer.id, name: buyer.name },
    tender: tenderSection(input, awardedLots),
    awards: ocdsAwards,
  });
}

const FORM_LABEL = {
  conjoint: 'conjoint',
  solidaire: 'solidaire',
  'conjoint-mandataire-solidaire': 'conjoint avec mandataire solidaire',
} as const;
