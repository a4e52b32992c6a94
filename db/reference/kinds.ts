// Structure kinds of the ESS catalogue (docs/architecture.md, "Reference data"). The legal form is a separate field.

export type StructureFamily = 'insertion' | 'disability' | 'prison' | 'ess';

export interface StructureKindDefinition {
  code: string;
  name: string;
  shortName: string;
  family: StructureFamily;
  description: string;
}

export const STRUCTURE_KINDS = [
  {
    code: 'EI',
    name: "Entreprise d'insertion",
    shortName: 'EI',
    family: 'insertion',
    description:
      "Entreprise conventionnée par l'État qui produit des biens et services marchands tout en proposant à des personnes éloignées de l'emploi un contrat de travail et un accompagnement socioprofessionnel.",
  },
  {
    code: 'AI',
    name: 'Association intermédiaire',
    shortName: 'AI',
    family: 'insertion',
    description:
      "Association conventionnée qui met à disposition de particuliers, d'associations, de collectivités ou d'entreprises des personnes sans emploi rencontrant des difficultés sociales et professionnelles.",
  },
  {
    code: 'ACI',
    name: "Atelier et chantier d'insertion",
    shortName: 'ACI',
    family: 'insertion',
    description:
      "Dispositif porté par une association, une collectivité ou un groupement qui embauche des personnes très éloignées de l'emploi sur des activités d'utilité sociale, avec un encadrement technique et un accompagnement renforcés.",
  },
  {
    code: 'ETTI',
    name: "Entreprise de travail temporaire d'insertion",
    shortName: 'ETTI',
    family: 'insertion',
    description:
      "Entreprise de travail temporaire dont toute l'activité consiste à faciliter l'insertion professionnelle de personnes sans emploi par des missions d'intérim accompagnées.",
  },
  {
    code: 'EITI',
    name: "Entreprise d'insertion par le travail indépendant",
    shortName: 'EITI',
    family: 'insertion',
    description:
      "Structure qui accompagne des personnes éloignées de l'emploi vers une activité professionnelle indépendante, en leur fournissant des clients, un appui technique et un suivi.",
  },
  {
    code: 'GEIQ',
    name: "Groupement d'employeurs pour l'insertion et la qualification",
    shortName: 'GEIQ',
    family: 'insertion',
    description:
      "Groupement d'entreprises qui recrute des personnes éloignées de l'emploi en contrat d'alternance et les met à disposition de ses adhérents, avec une qualification à la clé.",
  },
  {
    code: 'EA',
    name: 'Entreprise adaptée',
    shortName: 'EA',
    family: 'disability',
    description:
      'Entreprise du milieu ordinaire dont au moins 55 % des salariés sont des travailleurs reconnus handicapés, accompagnés dans un projet professionnel.',
  },
  {
    code: 'EATT',
    name: 'Entreprise adaptée de travail temporaire',
    shortName: 'EATT',
    family: 'disability',
    description:
      'Entreprise adaptée qui propose des missions de travail temporaire à des travailleurs handicapés pour favoriser leur accès à l’emploi durable.',
  },
  {
    code: 'ESAT',
    name: "Établissement et service d'accompagnement par le travail",
    shortName: 'ESAT',
    family: 'disability',
    description:
      "Établissement médico-social qui permet à des personnes handicapées orientées par la MDPH d'exercer une activité professionnelle dans un cadre protégé, avec un soutien médico-social et éducatif.",
  },
  {
    code: 'SEP',
    name: "Service de l'emploi pénitentiaire",
    shortName: 'SEP',
    family: 'prison',
    description:
      'Structure de travail pénitentiaire : ateliers en détention qui réalisent des prestations pour des clients publics et privés et préparent la réinsertion des personnes détenues.',
  },
  {
    code: 'SCOP',
    name: 'Société coopérative et participative',
    shortName: 'Scop',
    family: 'ess',
    description:
      'Entreprise dont les salariés sont associés majoritaires et décident ensemble, selon le principe « une personne, une voix », des orientations et du partage des bénéfices.',
  },
  {
    code: 'SCIC',
    name: "Société coopérative d'intérêt collectif",
    shortName: 'SCIC',
    family: 'ess',
    description:
      "Coopérative qui associe salariés, bénéficiaires, collectivités et autres parties prenantes autour d'une activité d'utilité sociale ancrée dans un territoire.",
  },
  {
    code: 'ASSO',
    name: 'Association',
    shortName: 'Association',
    family: 'ess',
    description:
      "Association loi 1901 (ou de droit local en Alsace-Moselle) qui exerce une activité économique d'utilité sociale au service de son projet associatif.",
  },
  {
    code: 'ESUS',
    name: 'Entreprise agréée ESUS',
    shortName: 'ESUS',
    family: 'ess',
    description:
      "Entreprise titulaire de l'agrément « entreprise solidaire d'utilité sociale » délivré par l'État : utilité sociale comme objectif principal, politique de rémunération encadrée, bénéfices majoritairement réinvestis.",
  },
] as const satisfies readonly StructureKindDefinition[];

export type StructureKindCode = (typeof STRUCTURE_KINDS)[number]['code'];
export const STRUCTURE_KIND_CODES: readonly StructureKindCode[] = STRUCTURE_KINDS.map((k) => k.code);
