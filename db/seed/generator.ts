import { completeSiren, completeSiret } from '../../app/domain/siret';
import {
  slugify,
  TURNOVER_BANDS,
  type ClientReferenceInput,
  type OfferInput,
  type ServiceArea,
  type PublicationStatus,
  type SupplierInput,
  type TurnoverBand,
} from '../../app/domain/supplier';
import type { CharterStatus } from '../../app/domain/charter';
import { STRUCTURE_KINDS, type StructureFamily, type StructureKindCode } from '../reference/kinds';
import { SECTOR_GROUPS, type SectorDefinition } from '../reference/sectors';
import { mixSeed, Random, WeightedIndex } from './random';
import {
  COMPANY_CLIENT_PATTERNS,
  DESCRIPTION_CLOSINGS,
  DESCRIPTION_MISSIONS,
  DESCRIPTION_OPENINGS,
  EVOCATIVE_NAMES,
  KIND_FIRST_YEAR,
  KIND_GROUP_AFFINITY,
  KIND_HEADCOUNT,
  KIND_INSERTION_SHARE,
  KIND_LEGAL_FORMS,
  KIND_WEIGHTS,
  PLACE_EPITHETS,
  PUBLIC_CLIENT_PATTERNS,
  QUARTERS,
  STREET_NAMES,
  STREET_TYPES,
} from './vocabulary';
import { GROUP_FLAVOURS } from './trades';
import type { CommuneSummary } from '../repositories/communes';

// Deterministic generator of realistic (invented) French ESS suppliers for demos, tests and benchmarks.
// Supplier number i depends only on (seed, i) and the reference data: the same seed always gives the same
// suppliers, whatever the count, and SIRETs never repeat within a seed.

/** What the generator needs of a commune (db/repositories/communes.ts reads the rest too). */
export type GeneratorCommune = Pick<
  CommuneSummary,
  'code' | 'name' | 'departementCode' | 'regionCode' | 'postcodes' | 'population'
>;

export interface GeneratorReference {
  /** Sorted by code, so the draw does not depend on the order the database returns them in. */
  communes: GeneratorCommune[];
  /** `withDe`: the name after "de" ("de l’Ain", "du Nord"). */
  departements: { code: string; name: string; regionCode: string; withDe: string }[];
  regions: { code: string; name: string }[];
}

const CURRENT_YEAR = 2026;
const CHARTER_WEIGHTS: Record<CharterStatus, number> = { verified: 45, pending: 20, none: 25, expired: 10 };
const PUBLICATION_WEIGHTS: Record<Exclude<PublicationStatus, 'suspended'>, number> = { published: 95, draft: 5 };
const RADII_KM = [10, 15, 20, 25, 30, 40, 50, 60, 80] as const;
/** Coprime with 9e7, so index -> SIREN prefix is a bijection for the first 90 million suppliers. */
const SIREN_STRIDE = 102_947;
const SIREN_SPACE = 90_000_000;
const GENERIC_LABELS = ['lucie', 'b-corp', 'iso-9001', 'iso-14001'] as const;

/** Fictional telephone ranges reserved by ARCEP for works of fiction, by area (01 to 05) and for mobiles. */
const FICTION_PHONE_PREFIXES: Record<string, string> = {
  '1': '01 99 00',
  '2': '02 61 91',
  '3': '03 53 01',
  '4': '04 65 71',
  '5': '05 36 49',
  mobile: '06 39 98',
};
const PHONE_AREA_BY_REGION: Record<string, string> = {
  '11': '1',
  '24': '2',
  '28': '2',
  '52': '2',
  '53': '2',
  '27': '3',
  '32': '3',
  '44': '3',
  '84': '4',
  '93': '4',
  '94': '4',
  '75': '5',
  '76': '5',
};

const KIND_BY_CODE = new Map(STRUCTURE_KINDS.map((k) => [k.code, k]));
const GROUP_BY_CODE = new Map(SECTOR_GROUPS.map((g) => [g.code, g]));

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/**
 * A commune name after the preposition "de": "de Lyon", "d’Angers", "du Mans", "des Ulis", "de La Rochelle".
 * (Communes with an aspirated h, like "Le Havre" -> "du Havre", are handled; "Hautmont" gets "d’".)
 */
export function withDe(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (/^[AEIOUYÂÊÎÔÛÉÈH]/.test(name) && !/^(Ha|He|Ho|Hu)[^iu]/.test(name)) return `d’${name}`;
  return `de ${name}`;
}

export class SupplierGenerator {
  private readonly communeIndex: WeightedIndex;
  private readonly communesByDepartement = new Map<string, GeneratorCommune[]>();
  private readonly departements: Map<string, GeneratorReference['departements'][number]>;
  private readonly departementsByRegion = new Map<string, string[]>();
  private readonly regions: Map<string, string>;
  private readonly largestByDepartement = new Map<string, GeneratorCommune>();
  private readonly sirenOffset: number;

  constructor(
    private readonly reference: GeneratorReference,
    private readonly seed: number,
  ) {
    if (!Number.isInteger(seed)) throw new RangeError(`The seed must be an integer, got ${seed}`);
    if (reference.communes.length === 0)
      throw new Error('The generator needs the communes: load the reference data first.');
    this.communeIndex = new WeightedIndex(reference.communes.map((c) => c.population + 1));
    for (const c of reference.communes) {
      const list = this.communesByDepartement.get(c.departementCode) ?? [];
      list.push(c);
      this.communesByDepartement.set(c.departementCode, list);
      const largest = this.largestByDepartement.get(c.departementCode);
      if (!largest || c.population > largest.population) this.largestByDepartement.set(c.departementCode, c);
    }
    this.departements = new Map(reference.departements.map((d) => [d.code, d]));
    for (const d of reference.departements)
      this.departementsByRegion.set(d.regionCode, [...(this.departementsByRegion.get(d.regionCode) ?? []), d.code]);
    this.regions = new Map(reference.regions.map((r) => [r.code, r.name]));
    this.sirenOffset = mixSeed(seed, 0x51e7) % SIREN_SPACE;
  }

  /** The SIRET of supplier number `index`: unique per index within a seed, Luhn-valid. */
  siret(index: number, random: Random): string {
    const prefix8 = 10_000_000 + ((this.sirenOffset + ((index * SIREN_STRIDE) % SIREN_SPACE)) % SIREN_SPACE);
    const siren = completeSiren(String(prefix8));
    const nic = String(random.int(1, 150)).padStart(4, '0');
    return completeSiret(`${siren}${nic}`);
  }

  supplier(index: number): SupplierInput {
    if (!Number.isInteger(index) || index < 0 || index >= SIREN_SPACE)
      throw new RangeError(`Invalid supplier index: ${index}`);
    const r = new Random(mixSeed(this.seed, index));
    const siret = this.siret(index, r);
    const kindCode = r.weighted(KIND_WEIGHTS);
    const kind = KIND_BY_CODE.get(kindCode)!;
    const commune = this.pickCommune(r, kindCode);
    const departement = this.departements.get(commune.departementCode)!;

    // Sectors: a main group from the kind's affinities, 1 to 3 sectors, mostly in that group.
    const groupCode = r.weighted(KIND_GROUP_AFFINITY[kindCode] as Record<string, number>);
    const group = GROUP_BY_CODE.get(groupCode)!;
    const sectorCount = r.weighted({ 1: 40, 2: 40, 3: 20 } as Record<string, number>);
    const sectors: SectorDefinition[] = r.sample(group.sectors, Number(sectorCount));
    if (r.chance(0.15)) {
      const otherGroup = GROUP_BY_CODE.get(r.weighted(KIND_GROUP_AFFINITY[kindCode] as Record<string, number>))!;
      const extra = r.pick(otherGroup.sectors);
      if (!sectors.includes(extra)) sectors.push(extra);
    }
    const flavour = GROUP_FLAVOURS[groupCode];

    const name = this.name(r, kindCode, groupCode, commune, departement.name);
    const yearFounded = r.int(KIND_FIRST_YEAR[kindCode], CURRENT_YEAR - 1);
    const [minHead, maxHead] = KIND_HEADCOUNT[kindCode];
    // Skewed towards small structures.
    const headcount = Math.round(minHead + (maxHead - minHead) * r.float() ** 2);
    const share = KIND_INSERTION_SHARE[kindCode];
    const insertionHeadcount = share
      ? Math.max(1, Math.round(headcount * (share[0] + (share[1] - share[0]) * r.float())))
      : null;
    const turnoverBand = this.turnoverBand(r, headcount, kind.family);
    const serviceAreas = this.serviceAreas(r, commune);
    const domain = `${slugify(name).slice(0, 40).replace(/-+$/, '')}.example`;

    const supplier: SupplierInput = {
      siret,
      name,
      tradeName: null,
      structureKind: kindCode,
      legalForm: this.legalForm(r, kindCode, commune),
      yearFounded,
      address: this.address(r),
      postcode: commune.postcodes.length > 0 ? r.pick(commune.postcodes) : null,
      communeCode: commune.code,
      description: this.description(
        r,
        kindCode,
        kind.family,
        name,
        yearFounded,
        flavour.activities,
        serviceAreas,
        commune,
      ),
      headcount,
      insertionHeadcount,
      turnoverBand,
      email: `${r.pick(['contact', 'contact', 'accueil', 'commercial', 'direction'])}@${domain}`,
      phone: this.phone(r, commune),
      website: r.chance(0.8) ? `https://www.${domain}` : null,
      charterStatus: r.weighted(CHARTER_WEIGHTS),
      publicationStatus: r.weighted(PUBLICATION_WEIGHTS),
      sectors: sectors.map((s) => s.code),
      offers: this.offers(r, sectors),
      serviceAreas,
      references: this.references(r, groupCode, commune),
      labels: this.labels(r, kindCode, groupCode),
    };
    return supplier;
  }

  /** The first `count` suppliers of this seed. */
  *suppliers(count: number, start = 0): Generator<SupplierInput> {
    for (let i = start; i < start + count; i++) yield this.supplier(i);
  }

  private pickCommune(r: Random, kind: StructureKindCode): GeneratorCommune {
    const commune = this.reference.communes[this.communeIndex.draw(r)];
    // Prison workshops sit in towns with a prison: stand in with the département's largest commune.
    if (kind === 'SEP') return this.largestByDepartement.get(commune.departementCode) ?? commune;
    return commune;
  }

  private name(
    r: Random,
    kind: StructureKindCode,
    groupCode: string,
    commune: GeneratorCommune,
    departementName: string,
  ): string {
    const flavour = GROUP_FLAVOURS[groupCode];
    const trade = r.pick(flavour.trades);
    const evocative = r.pick(EVOCATIVE_NAMES);
    const epithet = r.pick(PLACE_EPITHETS);
    const pays = `du Pays ${withDe(commune.name)}`;
    const options: string[] = (() => {
      switch (kind) {
        case 'ESAT':
          return [`ESAT ${evocative}`, `ESAT ${evocative} ${epithet}`, `ESAT ${trade} ${epithet}`];
        case 'EA':
          return [`${evocative} ${trade}`, `EA ${trade} ${epithet}`, `Atelier ${epithet} ${trade}`];
        case 'ACI':
          return [
            groupCode === 'agriculture-alimentation'
              ? `Jardins de Cocagne ${commune.population < 50_000 ? pays : epithet}`
              : `Chantier ${evocative} ${trade}`,
            commune.population > 20_000
              ? `Régie de quartier ${commune.name} ${r.pick(QUARTERS)}`
              : `Chantier d’insertion ${evocative}`,
            `Atelier ${epithet} ${trade}`,
          ];
        case 'EI':
          return [`Atelier ${epithet} ${trade}`, `${evocative} ${trade}`, `${trade} ${epithet}`];
        case 'AI':
          return [`${evocative} Services`, `AI ${evocative} ${epithet}`, `Association intermédiaire ${evocative}`];
        case 'ETTI':
          return [`${evocative} Intérim`, `Intérim ${epithet}`, `ETTI ${evocative} ${trade}`];
        case 'EITI':
          return [`${evocative} Indépendants`, `Coopérative d’indépendants ${evocative}`];
        case 'GEIQ':
          return [`GEIQ ${trade} ${epithet}`, `GEIQ ${trade} ${departementName}`];
        case 'EATT':
          return [`${evocative} Intérim Adapté`, `EATT ${trade} ${epithet}`];
        case 'SEP':
          return [
            `Atelier pénitentiaire ${withDe(commune.name)}`,
            `SEP ${trade} – centre pénitentiaire ${withDe(commune.name)}`,
          ];
        case 'SCOP':
          return [`Scop ${trade} Coopérative`, `${evocative} Scop`, `Coopérative ${trade} ${epithet}`];
        case 'SCIC':
          return [`SCIC ${evocative}`, `${evocative} Coop`, `SCIC ${trade} ${epithet}`];
        case 'ASSO':
          return [`Association ${evocative}`, `${evocative} ${epithet}`, `${evocative} ${trade}`];
        case 'ESUS':
          return [`${evocative} ${trade}`, `${trade} ${epithet}`];
      }
    })();
    return r.pick(options);
  }

  private legalForm(r: Random, kind: StructureKindCode, commune: GeneratorCommune): string {
    const form = r.pick(KIND_LEGAL_FORMS[kind]);
    // Alsace-Moselle associations are registered under local law, not the 1901 Act.
    if (form === 'Association loi 1901' && ['57', '67', '68'].includes(commune.departementCode))
      return 'Association de droit local';
    return form;
  }

  private turnoverBand(r: Random, headcount: number, family: StructureFamily): TurnoverBand {
    const perHead =
      family === 'disability' || family === 'insertion' ? 20_000 + 30_000 * r.float() : 35_000 + 50_000 * r.float();
    const turnover = headcount * perHead;
    const limits = [100_000, 500_000, 1_000_000, 5_000_000, 20_000_000];
    const index = limits.findIndex((limit) => turnover < limit);
    return TURNOVER_BANDS[index === -1 ? TURNOVER_BANDS.length - 1 : index];
  }

  private serviceAreas(r: Random, commune: GeneratorCommune): ServiceArea[] {
    const kind = r.weighted({ departement: 40, radius: 32, region: 14, national: 5, communes: 9 });
    switch (kind) {
      case 'departement': {
        const areas: ServiceArea[] = [{ kind: 'departement', code: commune.departementCode }];
        const neighbours = (this.departementsByRegion.get(commune.regionCode) ?? []).filter(
          (d) => d !== commune.departementCode,
        );
        if (neighbours.length > 0 && r.chance(0.2)) areas.push({ kind: 'departement', code: r.pick(neighbours) });
        return areas;
      }
      case 'radius':
        return [{ kind: 'radius', radiusKm: r.pick(RADII_KM) }];
      case 'region':
        return [{ kind: 'region', code: commune.regionCode }];
      case 'national':
        return [{ kind: 'national' }];
      case 'communes': {
        const others = r
          .sample(this.communesByDepartement.get(commune.departementCode) ?? [], r.int(2, 6))
          .filter((c) => c.code !== commune.code);
        return [commune, ...others].map((c) => ({ kind: 'commune', code: c.code }));
      }
    }
  }

  private areaText(areas: ServiceArea[], commune: GeneratorCommune): string {
    const first = areas[0];
    switch (first.kind) {
      case 'national':
        return 'partout en France';
      case 'radius':
        return `dans un rayon de ${first.radiusKm} km autour de ${commune.name}`;
      case 'region':
        return `dans toute la région ${this.regions.get(first.code) ?? ''}`.trim();
      case 'departement': {
        const names = areas
          .map((a) => (a.kind === 'departement' ? this.departements.get(a.code)?.withDe : undefined))
          .filter(Boolean) as string[];
        return names.length > 1
          ? `dans les départements ${names.join(' et ')}`
          : `dans tout le département ${names[0] ?? ''}`;
      }
      case 'commune':
        return `${commune.name.startsWith('Le ') ? `au ${commune.name.slice(3)}` : commune.name.startsWith('Les ') ? `aux ${commune.name.slice(4)}` : `à ${commune.name}`} et dans les communes voisines`;
    }
  }

  private description(
    r: Random,
    kind: StructureKindCode,
    family: StructureFamily,
    name: string,
    year: number,
    activities: readonly string[],
    areas: ServiceArea[],
    commune: GeneratorCommune,
  ): string {
    const values = { name, activity: r.pick(activities), year: String(year), area: this.areaText(areas, commune) };
    const sentences = [capitalise(fill(r.pick(DESCRIPTION_OPENINGS[kind]), values))];
    const missions = r.sample(DESCRIPTION_MISSIONS[family], r.int(1, 2));
    sentences.push(...missions);
    if (r.chance(0.7)) sentences.push(fill(r.pick(DESCRIPTION_CLOSINGS), values));
    return sentences.join(' ');
  }

  private offers(r: Random, sectors: SectorDefinition[]): OfferInput[] {
    const offers = sectors.slice(0, 4).map((sector) => {
      const groupCode = SECTOR_GROUPS.find((g) => g.sectors.includes(sector))!.code;
      const detail = r.pick(GROUP_FLAVOURS[groupCode].details);
      return { name: sector.name, description: `${capitalise(lowerFirst(sector.name))} ${detail}.` };
    });
    if (offers.length < 4 && r.chance(0.25)) {
      offers.push({
        name: 'Prestations sur mesure',
        description:
          'Étude de vos besoins, devis gratuit sous huit jours et possibilité de réserver le marché ou d’intégrer une clause sociale.',
      });
    }
    return offers;
  }

  private references(r: Random, groupCode: string, commune: GeneratorCommune): ClientReferenceInput[] {
    const count = Number(r.weighted({ 0: 20, 1: 25, 2: 25, 3: 18, 4: 12 } as Record<string, number>));
    const departement = this.departements.get(commune.departementCode)!;
    const nearby = this.communesByDepartement.get(commune.departementCode) ?? [commune];
    const city = this.largestByDepartement.get(commune.departementCode) ?? commune;
    const references: ClientReferenceInput[] = [];
    for (let i = 0; i < count; i++) {
      const patterns = r.chance(0.6) ? PUBLIC_CLIENT_PATTERNS : COMPANY_CLIENT_PATTERNS;
      const clientCommune = r.chance(0.5) ? commune : r.pick(nearby);
      const epithet = r.pick(PLACE_EPITHETS);
      const clientName = fill(r.pick(patterns), {
        deCommune: withDe(clientCommune.name),
        deCity: withDe(city.name),
        epithet,
        bare: capitalise(epithet.replace(/^(du|des|de la|de l’) /, '')),
        departement: departement.name,
        departementDe: departement.withDe,
        region: this.regions.get(commune.regionCode) ?? '',
        evocative: r.pick(EVOCATIVE_NAMES),
      });
      references.push({
        clientName: capitalise(clientName),
        year: r.int(2015, CURRENT_YEAR),
        description: r.pick(GROUP_FLAVOURS[groupCode].references),
      });
    }
    return references.sort((a, b) => b.year - a.year);
  }

  private labels(r: Random, kind: StructureKindCode, groupCode: string): string[] {
    const count = Number(r.weighted({ 0: 40, 1: 33, 2: 19, 3: 8 } as Record<string, number>));
    const pool = [...new Set([...GROUP_FLAVOURS[groupCode].labels, ...GENERIC_LABELS])];
    const labels = new Set(r.sample(pool, count));
    if (kind === 'ESUS') labels.add('esus');
    else if ((kind === 'SCOP' || kind === 'SCIC' || kind === 'ASSO' || kind === 'EI') && r.chance(0.15))
      labels.add('esus');
    return [...labels].slice(0, kind === 'ESUS' ? 4 : 3).sort();
  }

  private address(r: Random): string {
    const type = r.pick(STREET_TYPES);
    if (type === 'zone artisanale') return `ZA ${r.pick(PLACE_EPITHETS)}, lot ${r.int(1, 40)}`;
    const number = r.chance(0.9) ? `${r.int(1, 180)}${r.chance(0.05) ? ' bis' : ''} ` : '';
    return `${number}${type} ${r.pick(STREET_NAMES)}`;
  }

  private phone(r: Random, commune: GeneratorCommune): string {
    const area = PHONE_AREA_BY_REGION[commune.regionCode];
    const prefix = area && r.chance(0.85) ? FICTION_PHONE_PREFIXES[area] : FICTION_PHONE_PREFIXES.mobile;
    return `${prefix} ${String(r.int(0, 99)).padStart(2, '0')} ${String(r.int(0, 99)).padStart(2, '0')}`;
  }
}

/** The first `count` suppliers for `seed`, as an array (for tests and small seeds). */
export function generateSuppliers(reference: GeneratorReference, seed: number, count: number): SupplierInput[] {
  return [...new SupplierGenerator(reference, seed).suppliers(count)];
}
