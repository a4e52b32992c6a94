// Labels and certifications a supplier may hold (codes: lower-case kebab).

export interface LabelDefinition {
  code: string;
  name: string;
  description: string;
}

export const LABELS = [
  {
    code: 'esus',
    name: 'Agrément ESUS',
    description: "Agrément « entreprise solidaire d'utilité sociale » délivré par l'État (DREETS) pour cinq ans.",
  },
  {
    code: 'rge',
    name: "RGE – Reconnu garant de l'environnement",
    description: 'Qualification des entreprises du bâtiment pour les travaux de rénovation énergétique.',
  },
  {
    code: 'ecocert',
    name: 'Ecocert',
    description: "Certification d'un organisme de contrôle pour l'agriculture biologique et les produits écologiques.",
  },
  {
    code: 'agriculture-biologique',
    name: 'Agriculture biologique (AB)',
    description:
      'Label officiel français garantissant un mode de production biologique des produits agricoles et alimentaires.',
  },
  {
    code: 'b-corp',
    name: 'B Corp',
    description:
      'Certification internationale des entreprises qui répondent à des exigences élevées de performance sociale et environnementale.',
  },
  {
    code: 'lucie',
    name: 'Label Lucie',
    description: 'Label de responsabilité sociétale des organisations aligné sur la norme ISO 26000.',
  },
  {
    code: 'iso-14001',
    name: 'ISO 14001',
    description: 'Certification du système de management environnemental.',
  },
  {
    code: 'iso-9001',
    name: 'ISO 9001',
    description: 'Certification du système de management de la qualité.',
  },
  {
    code: 'iso-45001',
    name: 'ISO 45001',
    description: 'Certification du système de management de la santé et de la sécurité au travail.',
  },
  {
    code: 'qualiopi',
    name: 'Qualiopi',
    description:
      'Certification qualité obligatoire des organismes de formation pour accéder aux fonds publics et mutualisés.',
  },
  {
    code: 'ecolabel-eu',
    name: 'Écolabel européen',
    description:
      "Label écologique officiel de l'Union européenne pour les produits et services à moindre impact environnemental.",
  },
  {
    code: 'imprim-vert',
    name: "Imprim'Vert",
    description:
      "Label des imprimeurs qui gèrent leurs déchets dangereux, sécurisent leurs stockages et n'utilisent pas de produits toxiques.",
  },
  {
    code: 'qualipropre',
    name: 'Qualipropre',
    description: 'Certification de services des entreprises de propreté et services associés.',
  },
  {
    code: 'cap-handeo',
    name: 'Cap’Handéo',
    description: 'Label de qualité des services qui accompagnent les personnes en situation de handicap.',
  },
  {
    code: 'numerique-responsable',
    name: 'Label Numérique responsable',
    description:
      "Label des organisations engagées dans la réduction de l'empreinte environnementale et sociale du numérique.",
  },
  {
    code: 'qualibat',
    name: 'Qualibat',
    description: 'Qualification des entreprises du bâtiment selon leurs compétences techniques et leurs références.',
  },
  {
    code: 'commerce-equitable',
    name: 'Commerce équitable',
    description:
      'Labels de commerce équitable (Fairtrade Max Havelaar, Biopartenaire, SPP) garantissant une juste rémunération des producteurs.',
  },
  {
    code: 'vegetal-local',
    name: 'Végétal local',
    description:
      "Marque garantissant l'origine locale et la diversité génétique des végétaux sauvages utilisés en aménagement.",
  },
] as const satisfies readonly LabelDefinition[];
