// Common Procurement Vocabulary (CPV 2008, Commission Regulation (EC) No 213/2008). Pure, no I/O.
//
// A CPV code is written NNNNNNNN-D: eight digits (division, group, class, category, then finer levels,
// right-padded with zeros) and a check digit. The check digits of the published 2008 list do not follow
// the documented 7-1-3 weighting, as the EU Publications Office acknowledged (OP-TED/ePO discussion #589),
// so the check digit is NOT verified here: only the format and the division are (see docs/decisions/022-cpv-check-digit.md).

/** The 45 divisions (first two digits) of CPV 2008, with their French titles. */
export const CPV_DIVISIONS = {
  '03': "Produits agricoles, de l'élevage, de la pêche, de la sylviculture et produits connexes",
  '09': 'Produits pétroliers, combustibles, électricité et autres sources d’énergie',
  '14': "Produits d'exploitation minière, métaux de base et produits connexes",
  '15': 'Produits alimentaires, boissons, tabac et produits connexes',
  '16': 'Machines agricoles',
  '18': 'Vêtements, articles chaussants, bagages et accessoires',
  '19': 'Cuir et textiles, matériaux en plastique et en caoutchouc',
  '22': 'Imprimés et produits connexes',
  '24': 'Produits chimiques',
  '30': 'Machines, matériel et fournitures informatiques et de bureau, excepté les meubles et logiciels',
  '31': 'Machines, appareils, équipements et consommables électriques ; éclairage',
  '32': 'Équipements de radio, de télévision, de communication, de télécommunication et équipements connexes',
  '33': 'Matériels médicaux, pharmaceutiques et produits de soins personnels',
  '34': 'Équipements de transport et produits auxiliaires pour le transport',
  '35': 'Équipements de sécurité, de lutte contre l’incendie, de police et de défense',
  '37': 'Instruments de musique, articles de sport, jeux, jouets, articles pour artisanat, articles pour travaux artistiques et accessoires',
  '38': 'Équipements de laboratoire, d’optique et de précision (excepté les lunettes)',
  '39': 'Meubles (y compris les meubles de bureau), aménagements, appareils électroménagers (à l’exclusion de l’éclairage) et produits de nettoyage',
  '41': 'Eau collectée et purifiée',
  '42': 'Machines industrielles',
  '43': 'Machines pour l’exploitation minière et le forage, machines de carrière et matériel de construction',
  '44': 'Structures et matériaux de construction ; produits auxiliaires pour la construction (à l’exception des appareils électriques)',
  '45': 'Travaux de construction',
  '48': 'Logiciels et systèmes d’information',
  '50': 'Services de réparation et d’entretien',
  '51': "Services d'installation (à l'exception des logiciels)",
  '55': "Services d'hôtellerie, de restaurant et de commerce au détail",
  '60': 'Services de transport (à l’exclusion du transport des déchets)',
  '63': 'Services de transport complémentaires et auxiliaires ; services d’agences de voyages',
  '64': 'Services des postes et télécommunications',
  '65': 'Services publics',
  '66': 'Services financiers et d’assurance',
  '70': 'Services immobiliers',
  '71': "Services d'architecture, services de construction, services d'ingénierie et services d'inspection",
  '72': 'Services de technologies de l’information, conseil, développement de logiciels, internet et appui',
  '73': 'Services de recherche et développement et services de conseil connexes',
  '75': 'Services de l’administration publique, de la défense et de la sécurité sociale',
  '76': 'Services relatifs à l’industrie du pétrole et du gaz',
  '77': "Services agricoles, sylvicoles, horticoles, d'aquaculture et d'apiculture",
  '79': 'Services aux entreprises : droit, marketing, conseil, recrutement, impression et sécurité',
  '80': "Services d'enseignement et de formation",
  '85': 'Services de santé et services sociaux',
  '90': "Services d'évacuation des eaux usées et d'élimination des déchets, services d'hygiène et services relatifs à l'environnement",
  '92': 'Services récréatifs, culturels et sportifs',
  '98': 'Autres services communautaires, sociaux et personnels',
} as const satisfies Record<string, string>;

export type CpvDivision = keyof typeof CPV_DIVISIONS;

const CPV_CODE = /^(\d{8})-(\d)$/;

/** Strips surrounding spaces and accepts a missing hyphen ("451000008" -> "45100000-8"); undefined if malformed. */
export function normaliseCpvCode(input: string): string | undefined {
  const compact = input.trim().replace(/\s+/g, '');
  const match = /^(\d{8})-?(\d)$/.exec(compact);
  return match ? `${match[1]}-${match[2]}` : undefined;
}

export function isValidCpvDivision(division: string): division is CpvDivision {
  return Object.prototype.hasOwnProperty.call(CPV_DIVISIONS, division);
}

/**
 * A well-formed CPV code: eight digits, a hyphen, one digit, and a known division. The check digit is
 * not verified (the published codes do not follow the documented algorithm), nor is the padding of the
 * finer levels (a rule we could not confirm holds for every code of the 2008 list).
 */
export function isValidCpvCode(code: string): boolean {
  const match = CPV_CODE.exec(code);
  return match !== null && isValidCpvDivision(match[1].slice(0, 2));
}

/** The two-digit division of a CPV code ("45210000-2" -> "45"), or undefined when the code is not valid. */
export function cpvDivision(code: string): CpvDivision | undefined {
  const normalised = normaliseCpvCode(code);
  if (!normalised || !isValidCpvCode(normalised)) return undefined;
  return normalised.slice(0, 2) as CpvDivision;
}
