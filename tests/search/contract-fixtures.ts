import type { SupplierDocument } from '../../search/types';

// Hand-written search documents for the engine contract suite (tests/search/contract.ts): realistic ESS
// suppliers with real commune codes and coordinates. Texts avoid the trade synonyms of search/text.ts
// (ménage, propreté, pressing, paysagiste...) where a test counts exact results, so both engines
// must return the same sets.

export interface Place {
  commune: string;
  communeName: string;
  departement: string;
  region: string;
  lat: number;
  lon: number;
}

export const PLACES = {
  paris: { commune: '75056', communeName: 'Paris', departement: '75', region: '11', lat: 48.8566, lon: 2.3522 },
  montreuil: { commune: '93048', communeName: 'Montreuil', departement: '93', region: '11', lat: 48.8638, lon: 2.4485 },
  lyon: { commune: '69123', communeName: 'Lyon', departement: '69', region: '84', lat: 45.7578, lon: 4.832 },
  villeurbanne: {
    commune: '69266',
    communeName: 'Villeurbanne',
    departement: '69',
    region: '84',
    lat: 45.7719,
    lon: 4.8902,
  },
  saintEtienne: {
    commune: '42218',
    communeName: 'Saint-Étienne',
    departement: '42',
    region: '84',
    lat: 45.4397,
    lon: 4.3872,
  },
  marseille: { commune: '13055', communeName: 'Marseille', departement: '13', region: '93', lat: 43.2965, lon: 5.3698 },
  aix: { commune: '13001', communeName: 'Aix-en-Provence', departement: '13', region: '93', lat: 43.5297, lon: 5.4474 },
  bordeaux: { commune: '33063', communeName: 'Bordeaux', departement: '33', region: '75', lat: 44.8378, lon: -0.5792 },
  rennes: { commune: '35238', communeName: 'Rennes', departement: '35', region: '53', lat: 48.1173, lon: -1.6778 },
  nantes: { commune: '44109', communeName: 'Nantes', departement: '44', region: '52', lat: 47.2184, lon: -1.5536 },
  lille: { commune: '59350', communeName: 'Lille', departement: '59', region: '32', lat: 50.6292, lon: 3.0573 },
  toulouse: { commune: '31555', communeName: 'Toulouse', departement: '31', region: '76', lat: 43.6047, lon: 1.4442 },
  strasbourg: {
    commune: '67482',
    communeName: 'Strasbourg',
    departement: '67',
    region: '44',
    lat: 48.5734,
    lon: 7.7521,
  },
} satisfies Record<string, Place>;

const KIND_NAMES: Record<string, string> = {
  EI: "Entreprise d'insertion",
  ACI: "Atelier et chantier d'insertion",
  ESAT: "Établissement et service d'aide par le travail",
  EA: 'Entreprise adaptée',
  SCOP: 'Société coopérative et participative',
  SCIC: "Société coopérative d'intérêt collectif",
  EITI: "Entreprise d'insertion par le travail indépendant",
};

const SECTOR_NAMES: Record<string, string> = {
  'nettoyage-bureaux': 'Nettoyage de bureaux et locaux tertiaires',
  'nettoyage-vitres': 'Nettoyage de vitres et façades',
  'nettoyage-industriel': 'Nettoyage industriel',
  'entretien-espaces-verts': "Entretien d'espaces verts",
  'production-horticole': 'Production horticole et pépinière',
  blanchisserie: 'Blanchisserie et pressing',
  'linge-hotelier': 'Location et entretien de linge',
  'couture-retouches': 'Couture et retouches',
  'restauration-collective': 'Restauration collective',
  traiteur: 'Traiteur et plateaux repas',
  'elagage-abattage': 'Élagage et abattage',
  debroussaillage: 'Débroussaillage et fauchage',
  'recyclage-textile': 'Collecte et recyclage textile',
  'maintenance-informatique': 'Maintenance informatique et reconditionnement',
  menuiserie: 'Menuiserie et agencement',
  'location-materiel-evenementiel': 'Location de matériel événementiel',
  'livraison-velo': 'Livraison à vélo et logistique urbaine',
};

const LABEL_NAMES: Record<string, string> = {
  esus: 'Entreprise solidaire d’utilité sociale',
  qualipropre: 'Qualipropre',
  ecocert: 'Ecocert',
  'agriculture-biologique': 'Agriculture biologique',
  'numerique-responsable': 'Label Numérique Responsable',
  'iso-9001': 'ISO 9001',
};

interface FixtureInput {
  id: number;
  name: string;
  tradeName?: string;
  siret: string;
  kind: string;
  sectors: string[];
  labels?: string[];
  place: Place;
  postcode: string;
  charter: SupplierDocument['charterStatus'];
  area: Partial<SupplierDocument['serviceArea']>;
  description: string;
  offers: string;
}

function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function fixture(input: FixtureInput): SupplierDocument {
  const labels = input.labels ?? [];
  return {
    id: input.id,
    slug: `${slugify(input.name)}-${input.id}`,
    siret: input.siret,
    name: input.name,
    tradeName: input.tradeName ?? null,
    structureKind: input.kind,
    structureKindName: KIND_NAMES[input.kind],
    sectors: input.sectors,
    sectorNames: input.sectors.map((s) => SECTOR_NAMES[s]),
    offers: input.offers,
    description: input.description,
    labels,
    labelNames: labels.map((l) => LABEL_NAMES[l]),
    communeCode: input.place.commune,
    communeName: input.place.communeName,
    postcode: input.postcode,
    departement: input.place.departement,
    region: input.place.region,
    lat: input.place.lat,
    lon: input.place.lon,
    charterStatus: input.charter,
    serviceArea: {
      national: input.area.national ?? false,
      regions: input.area.regions ?? [],
      departements: input.area.departements ?? [],
      communes: input.area.communes ?? [],
      radiusKm: input.area.radiusKm ?? null,
    },
  };
}

export const FIXTURES: SupplierDocument[] = [
  fixture({
    id: 101,
    name: 'Éclat Nettoyage Solidaire',
    siret: '30033789600017',
    kind: 'EI',
    sectors: ['nettoyage-bureaux', 'nettoyage-vitres'],
    labels: ['qualipropre', 'esus'],
    place: PLACES.paris,
    postcode: '75011',
    charter: 'verified',
    area: { departements: ['75', '92', '93', '94'] },
    description:
      "Entreprise d'insertion spécialisée dans l'entretien de bureaux et le lavage de vitres en hauteur. Nos équipes interviennent tôt le matin avec des produits écolabellisés.",
    offers:
      'Entretien de bureaux\nPassage quotidien, vidage des corbeilles, sanitaires.\nLavage de vitres\nVitrerie intérieure et extérieure, travaux sur nacelle.',
  }),
  fixture({
    id: 102,
    name: 'Jardins de Cocagne Lyonnais',
    siret: '37824055000012',
    kind: 'ACI',
    sectors: ['entretien-espaces-verts', 'production-horticole'],
    labels: ['agriculture-biologique'],
    place: PLACES.lyon,
    postcode: '69003',
    charter: 'verified',
    area: { regions: ['84'] },
    description:
      "Chantier d'insertion maraîcher installé au pied des pentes des canuts : paniers de légumes biologiques, entretien de jardins partagés et tonte de pelouses pour les collectivités.",
    offers:
      'Paniers de légumes\nLivraison hebdomadaire aux entreprises.\nEntretien de jardins\nTonte, taille de haies et désherbage manuel.',
  }),
  fixture({
    id: 103,
    name: 'Blanchisserie du Vieux-Port',
    siret: '74982961000015',
    kind: 'ESAT',
    sectors: ['blanchisserie', 'linge-hotelier'],
    place: PLACES.marseille,
    postcode: '13002',
    charter: 'pending',
    area: { radiusKm: 30 },
    description:
      "Établissement et service d'aide par le travail : lavage, repassage et livraison du linge des hôtels, restaurants et maisons de retraite.",
    offers: 'Linge hôtelier\nDraps, serviettes et nappes, collecte et livraison.',
  }),
  fixture({
    id: 104,
    name: 'Garonne Saveurs Adaptées',
    siret: '81814257200010',
    kind: 'EA',
    sectors: ['restauration-collective', 'traiteur'],
    labels: ['ecocert'],
    place: PLACES.bordeaux,
    postcode: '33000',
    charter: 'verified',
    area: { departements: ['33'] },
    description:
      'Entreprise adaptée : repas pour cantines scolaires et restaurants d\'entreprise. Buffets & cocktails <script>alert("x")</script> pour séminaires, produits locaux.',
    offers: 'Plateaux repas\nLivrés le midi dans toute la métropole.',
  }),
  fixture({
    id: 105,
    name: 'Bretagne Élagage Insertion',
    tradeName: 'BEI Arbres',
    siret: '76578140600010',
    kind: 'EI',
    sectors: ['elagage-abattage', 'debroussaillage'],
    place: PLACES.rennes,
    postcode: '35000',
    charter: 'none',
    area: { communes: ['35238', '35051'] },
    description: "Taille, élagage et abattage d'arbres en milieu urbain, débroussaillage de talus.",
    offers: 'Élagage\nGrimpeurs-élagueurs diplômés.',
  }),
  fixture({
    id: 106,
    name: "Fil d'Ariane Recyclerie",
    siret: '40400613200017',
    kind: 'ACI',
    sectors: ['recyclage-textile'],
    labels: ['esus'],
    place: PLACES.lille,
    postcode: '59000',
    charter: 'expired',
    area: { departements: ['59', '62'] },
    description: 'Collecte de textiles usagés, tri et revente en boutique solidaire ; les chutes deviennent isolant.',
    offers: 'Collecte en entreprise\nBornes et ramassage sur rendez-vous.',
  }),
  fixture({
    id: 107,
    name: 'Kodra Numérique Coopérative',
    siret: '39886418100019',
    kind: 'SCOP',
    sectors: ['maintenance-informatique'],
    labels: ['numerique-responsable'],
    place: PLACES.montreuil,
    postcode: '93100',
    charter: 'verified',
    area: { national: true },
    description:
      "Coopérative de développeurs : reconditionnement d'ordinateurs, maintenance de parcs et sites accessibles.",
    offers: 'Reconditionnement\nPostes garantis deux ans.',
  }),
  fixture({
    id: 108,
    name: 'Menuiserie des Canuts',
    siret: '78804824700019',
    kind: 'ESAT',
    sectors: ['menuiserie'],
    place: PLACES.lyon,
    postcode: '69004',
    charter: 'pending',
    area: { radiusKm: 20 },
    description: 'Fabrication de mobilier en bois massif, agencement de magasins et ebenisterie sur mesure.',
    offers: 'Mobilier sur mesure\nTables, étagères, comptoirs.',
  }),
  fixture({
    id: 109,
    name: 'Repasserie Villeurbannaise',
    siret: '30462319200016',
    kind: 'EA',
    sectors: ['blanchisserie', 'couture-retouches'],
    place: PLACES.villeurbanne,
    postcode: '69100',
    charter: 'none',
    area: { radiusKm: 15 },
    description: "Repassage, retouches et blanchisserie pour les particuliers et les entreprises de l'agglomération.",
    offers: 'Retouches\nOurlets, fermetures, ajustements.',
  }),
  fixture({
    id: 110,
    name: 'Forez Entretien Industriel',
    siret: '73934758100012',
    kind: 'EI',
    sectors: ['nettoyage-industriel'],
    labels: ['iso-9001'],
    place: PLACES.saintEtienne,
    postcode: '42000',
    charter: 'verified',
    area: { radiusKm: 60 },
    description: "Nettoyage d'ateliers, de machines et de sites industriels, en équipes de nuit si besoin.",
    offers: 'Dégraissage\nMachines-outils et sols d’atelier.',
  }),
  fixture({
    id: 111,
    name: 'Éclat Nettoyage Solidaire Est',
    siret: '30033789600025',
    kind: 'EI',
    sectors: ['nettoyage-bureaux'],
    place: PLACES.montreuil,
    postcode: '93100',
    charter: 'pending',
    area: { departements: ['93'] },
    description: 'Second établissement : entretien de bureaux et de parties communes en Seine-Saint-Denis.',
    offers: 'Parties communes\nHalls, escaliers, local poubelles.',
  }),
  fixture({
    id: 112,
    name: 'Toile & Tentes Événements',
    siret: '44611659200010',
    kind: 'SCIC',
    sectors: ['location-materiel-evenementiel'],
    place: PLACES.toulouse,
    postcode: '31000',
    charter: 'none',
    area: { departements: ['31'] },
    description: 'Location de tente et de mobilier pour vos événements, montage par nos salariés en insertion.',
    offers: 'Chapiteaux\nMontage et démontage.',
  }),
  fixture({
    id: 113,
    name: 'Urban Vélo Logistique',
    siret: '48154650500019',
    kind: 'EITI',
    sectors: ['livraison-velo'],
    place: PLACES.strasbourg,
    postcode: '67000',
    charter: 'verified',
    area: { national: true },
    description: 'Livraisons du dernier kilomètre en vélo cargo, préparation de commandes et stockage.',
    offers: 'Vélo cargo\nTournées quotidiennes en centre-ville.',
  }),
];

export function byId(id: number): SupplierDocument {
  const doc = FIXTURES.find((d) => d.id === id);
  if (!doc) throw new Error(`No fixture ${id}`);
  return doc;
}
