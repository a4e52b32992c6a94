// The 9 criteria of the ESS purchasing charter (the PROGRESS criteria; docs/architecture.md, "Reference data").

export interface CharterCriterionDefinition {
  code: string;
  position: number;
  title: string;
  description: string;
}

export const CHARTER_CRITERIA = [
  {
    code: 'utilite-sociale',
    position: 1,
    title: "Des biens et services d'utilité sociale",
    description:
      "La structure produit des biens ou des services d'utilité sociale qui répondent à des besoins identifiés sur son territoire. Preuves attendues : diagnostic des besoins, publics bénéficiaires, résultats obtenus.",
  },
  {
    code: 'couts-benefices',
    position: 2,
    title: 'Coûts et bénéfices sociaux et environnementaux pris en compte',
    description:
      "La structure mesure et réduit les coûts sociaux et environnementaux de son activité et en valorise les bénéfices. Preuves attendues : bilan carbone ou environnemental, politique d'achats, actions de prévention.",
  },
  {
    code: 'gouvernance-democratique',
    position: 3,
    title: 'Une gouvernance démocratique associant les parties prenantes',
    description:
      "Les décisions stratégiques associent les salariés, les bénévoles, les usagers et les partenaires selon des règles démocratiques. Preuves attendues : statuts, composition des instances, comptes rendus d'assemblée.",
  },
  {
    code: 'appartenance-reseau',
    position: 4,
    title: "L'appartenance à un réseau reconnu de l'ESS",
    description:
      "La structure adhère à un réseau, une fédération ou une union reconnue de l'économie sociale et solidaire et participe à sa vie. Preuves attendues : attestation d'adhésion, participation aux travaux du réseau.",
  },
  {
    code: 'ressources-humaines',
    position: 5,
    title: 'Une gestion des ressources humaines qui développe les compétences et l’autonomie',
    description:
      "L'organisation du travail développe les compétences et l'autonomie des salariés, des bénévoles et des administrateurs. Preuves attendues : plan de formation, entretiens professionnels, parcours d'insertion, accord d'entreprise.",
  },
  {
    code: 'implication-parties-prenantes',
    position: 6,
    title: 'Information et implication de toutes les parties prenantes dans les décisions',
    description:
      "Toutes les parties prenantes sont informées de la marche de la structure et associées aux décisions qui les concernent. Preuves attendues : rapport d'activité diffusé, réunions d'information, comités d'usagers.",
  },
  {
    code: 'innovation',
    position: 7,
    title: 'Innovation et expérimentation',
    description:
      "La structure expérimente de nouvelles réponses aux besoins sociaux, de nouveaux services ou de nouvelles façons de travailler. Preuves attendues : projets pilotes, partenariats de recherche, évaluations d'expérimentations.",
  },
  {
    code: 'ancrage-territorial',
    position: 8,
    title: 'Un ancrage territorial',
    description:
      "La structure s'appuie sur les acteurs de son territoire, y recrute, y achète et y coopère avec les collectivités et les entreprises locales. Preuves attendues : part des achats locaux, partenariats territoriaux, emplois locaux.",
  },
  {
    code: 'evaluation-partagee',
    position: 9,
    title: 'Une évaluation partagée',
    description:
      "La structure évalue régulièrement son action avec ses parties prenantes et en tire des améliorations. Preuves attendues : démarche d'évaluation, indicateurs suivis, bilans partagés avec les partenaires.",
  },
] as const satisfies readonly CharterCriterionDefinition[];
