import type { CpvDivision } from '../../app/domain/cpv';

// The sector taxonomy of the catalogue: groups of sectors, each sector mapped to the CPV divisions
// (2-digit purchase families) a buyer would use for it. Codes are lower-case French kebab slugs.

export interface SectorDefinition {
  code: string;
  name: string;
  cpvDivisions: readonly CpvDivision[];
}

export interface SectorGroupDefinition {
  code: string;
  name: string;
  sectors: readonly SectorDefinition[];
}

const s = (code: string, name: string, ...cpvDivisions: CpvDivision[]): SectorDefinition => ({
  code,
  name,
  cpvDivisions,
});

export const SECTOR_GROUPS: readonly SectorGroupDefinition[] = [
  {
    code: 'proprete',
    name: 'Propreté et nettoyage',
    sectors: [
      s('nettoyage-bureaux', 'Nettoyage de bureaux et locaux tertiaires', '90'),
      s('nettoyage-industriel', 'Nettoyage industriel', '90'),
      s('nettoyage-vitres', 'Nettoyage de vitres et façades', '90'),
      s('nettoyage-fin-chantier', 'Nettoyage de fin de chantier', '90', '45'),
      s('nettoyage-vehicules', 'Nettoyage de véhicules', '50', '90'),
      s('hygiene-desinfection', 'Hygiène, désinfection et dératisation', '90'),
      s('entretien-parties-communes', "Entretien des parties communes d'immeubles", '90', '70'),
      s('fourniture-produits-entretien', "Fourniture de produits d'entretien écologiques", '39'),
    ],
  },
  {
    code: 'espaces-verts',
    name: 'Espaces verts et environnement naturel',
    sectors: [
      s('entretien-espaces-verts', "Entretien d'espaces verts", '77'),
      s('creation-espaces-verts', "Création et aménagement d'espaces verts", '77', '45'),
      s('elagage-abattage', 'Élagage et abattage', '77'),
      s('entretien-milieux-naturels', 'Entretien des milieux naturels et berges', '77', '90'),
      s('debroussaillage', 'Débroussaillage et fauchage', '77'),
      s('production-horticole', 'Production horticole et pépinière', '03', '77'),
      s('entretien-cimetieres', 'Entretien de cimetières', '77', '98'),
    ],
  },
  {
    code: 'restauration',
    name: 'Restauration et traiteur',
    sectors: [
      s('restauration-collective', 'Restauration collective', '55'),
      s('traiteur', 'Traiteur et plateaux repas', '55', '15'),
      s('portage-repas', 'Portage de repas à domicile', '55', '85'),
      s('cafe-restaurant', "Café et restaurant d'insertion", '55'),
      s('cuisine-centrale', 'Cuisine centrale et production de repas', '15', '55'),
      s('distributeurs-automatiques', 'Gestion de distributeurs automatiques et petite restauration', '55', '15'),
    ],
  },
  {
    code: 'btp',
    name: 'Bâtiment et travaux publics',
    sectors: [
      s('peinture-batiment', 'Peinture et revêtements', '45'),
      s('platrerie-isolation', 'Plâtrerie et isolation', '45'),
      s('menuiserie-batiment', 'Menuiserie intérieure et extérieure', '45', '44'),
      s('plomberie-chauffage', 'Plomberie, chauffage et sanitaire', '45', '50'),
      s('electricite-batiment', 'Électricité du bâtiment', '45', '51'),
      s('maconnerie', 'Maçonnerie et gros œuvre', '45'),
      s('renovation-energetique', 'Rénovation énergétique des logements', '45', '71'),
      s('second-oeuvre-multitechnique', 'Second œuvre tous corps d’état et petits travaux', '45'),
      s('voirie-reseaux', 'Voirie, réseaux divers et petits aménagements urbains', '45'),
      s('demolition-curage', 'Démolition, curage et désamiantage', '45', '90'),
      s('restauration-patrimoine', 'Restauration du patrimoine bâti', '45', '92'),
    ],
  },
  {
    code: 'recyclage-reemploi',
    name: 'Recyclage, réemploi et gestion des déchets',
    sectors: [
      s('collecte-dechets', 'Collecte de déchets et encombrants', '90'),
      s('tri-dechets', 'Tri et valorisation de déchets', '90'),
      s('recyclage-deee', "Collecte et recyclage d'équipements électriques et électroniques (DEEE)", '90', '50'),
      s('recyclage-papier', 'Collecte et recyclage de papiers et cartons', '90'),
      s('ressourcerie', 'Ressourcerie et recyclerie', '90', '39'),
      s('reemploi-mobilier', 'Réemploi et reconditionnement de mobilier', '39', '50'),
      s('reconditionnement-informatique', 'Reconditionnement de matériel informatique', '30', '50'),
      s('reemploi-materiaux', 'Réemploi de matériaux de construction', '44', '90'),
      s('compostage-biodechets', 'Collecte et compostage de biodéchets', '90', '77'),
      s('destruction-archives', "Destruction sécurisée d'archives", '90', '79'),
    ],
  },
  {
    code: 'logistique-transport',
    name: 'Logistique et transport',
    sectors: [
      s('logistique-entreposage', 'Logistique et entreposage', '63'),
      s('livraison-dernier-kilometre', 'Livraison du dernier kilomètre', '60', '64'),
      s('cyclologistique', 'Cyclologistique et livraison à vélo', '60', '64'),
      s('demenagement', 'Déménagement et transfert de mobilier', '60', '63'),
      s('transport-personnes', 'Transport de personnes et de personnes à mobilité réduite', '60'),
      s('courses-coursiers', 'Coursiers et courrier', '64', '60'),
      s('gestion-stocks', 'Gestion de stocks et préparation de commandes', '63', '79'),
    ],
  },
  {
    code: 'impression',
    name: 'Impression et reprographie',
    sectors: [
      s('imprimerie-offset', 'Imprimerie offset et numérique', '79', '22'),
      s('reprographie', 'Reprographie et copies', '79'),
      s('routage-mise-sous-pli', 'Routage et mise sous pli', '79', '64'),
      s('signaletique', 'Signalétique et enseignes', '79', '34', '44'),
      s('papeterie-fournitures', 'Papeterie et fournitures de bureau', '30', '22'),
      s('reliure-faconnage', 'Reliure et façonnage', '79', '22'),
    ],
  },
  {
    code: 'textile',
    name: 'Textile et blanchisserie',
    sectors: [
      s('blanchisserie', 'Blanchisserie et pressing', '98'),
      s('couture-retouches', 'Couture et retouches', '18', '98'),
      s('confection-textile', 'Confection textile et vêtements de travail', '18', '19'),
      s('recyclage-textile', 'Collecte et recyclage textile', '90', '19'),
      s('marquage-textile', 'Marquage et personnalisation textile', '18', '79'),
      s('linge-hotelier', 'Location et entretien de linge', '98', '39'),
    ],
  },
  {
    code: 'numerique',
    name: 'Informatique et numérique',
    sectors: [
      s('developpement-web', 'Développement web et applications', '72', '48'),
      s('maintenance-informatique', 'Maintenance informatique et assistance', '72', '50'),
      s('saisie-numerisation', 'Saisie de données et numérisation', '72', '79'),
      s('test-logiciel', 'Test logiciel et recette', '72'),
      s('accessibilite-numerique', 'Audit et mise en accessibilité numérique', '72', '79'),
      s('mediation-numerique', 'Médiation et inclusion numérique', '80', '72'),
      s('hebergement-infogerance', 'Hébergement et infogérance', '72'),
    ],
  },
  {
    code: 'evenementiel',
    name: 'Événementiel et culture',
    sectors: [
      s('organisation-evenements', "Organisation d'événements", '79'),
      s('location-materiel-evenementiel', 'Location et installation de matériel événementiel', '79', '39'),
      s('accueil-evenementiel', 'Accueil et hôtesses événementiels', '79'),
      s('animation-culturelle', 'Animation culturelle et spectacles', '92'),
      s('scenographie-decors', 'Scénographie et fabrication de décors', '92', '39'),
      s('audiovisuel-photo', 'Audiovisuel, vidéo et photographie', '92', '79'),
    ],
  },
  {
    code: 'services-entreprises',
    name: 'Accueil et services aux entreprises',
    sectors: [
      s('accueil-standard', 'Accueil physique et standard téléphonique', '79'),
      s('secretariat-administratif', 'Secrétariat et gestion administrative', '79'),
      s('centre-appels', "Centre d'appels et relation client", '79'),
      s('conciergerie', "Conciergerie d'entreprise", '98', '79'),
      s('gardiennage-surveillance', 'Gardiennage et surveillance', '79'),
      s('mise-disposition-personnel', 'Mise à disposition de personnel et intérim', '79'),
      s('traduction-interpretariat', 'Traduction et interprétariat', '79'),
      s('gestion-courrier', 'Gestion du courrier interne', '79', '64'),
    ],
  },
  {
    code: 'sous-traitance-industrielle',
    name: 'Conditionnement et sous-traitance industrielle',
    sectors: [
      s('conditionnement', 'Conditionnement et emballage', '79', '63'),
      s('assemblage-montage', 'Assemblage et montage', '42', '31'),
      s('cablage-electrique', 'Câblage et sous-ensembles électriques', '31'),
      s('mecanique-usinage', 'Mécanique et usinage', '42', '50'),
      s('travail-bois', 'Travail du bois et fabrication de mobilier', '39', '44'),
      s('metallerie-serrurerie', 'Métallerie et serrurerie', '44', '45'),
      s('injection-plastique', 'Injection et transformation plastique', '19'),
      s('controle-qualite', 'Contrôle qualité et tri de pièces', '71', '79'),
    ],
  },
  {
    code: 'services-personne',
    name: 'Services à la personne et action sociale',
    sectors: [
      s('aide-domicile', 'Aide à domicile', '85', '98'),
      s('menage-repassage', 'Ménage et repassage chez les particuliers', '98'),
      s('garde-enfants', "Garde d'enfants et accueil de jeunes enfants", '85'),
      s('accompagnement-social', 'Accompagnement social et médiation', '85'),
      s('jardinage-particuliers', 'Petit jardinage et bricolage chez les particuliers', '77', '98'),
      s('aide-personnes-agees', 'Accompagnement des personnes âgées', '85'),
      s('services-sante', 'Services de santé et soins', '85', '33'),
    ],
  },
  {
    code: 'agriculture-alimentation',
    name: 'Agriculture et alimentation',
    sectors: [
      s('maraichage', 'Maraîchage biologique', '03'),
      s('paniers-legumes', 'Paniers de légumes et circuits courts', '03', '15'),
      s('transformation-alimentaire', 'Transformation alimentaire et conserverie', '15'),
      s('epicerie-solidaire', 'Épicerie et distribution alimentaire', '15', '55'),
      s('boulangerie-patisserie', 'Boulangerie et pâtisserie', '15'),
      s('apiculture', 'Apiculture et produits de la ruche', '03', '77', '15'),
      s('elevage-agriculture', 'Élevage et polyculture', '03'),
    ],
  },
  {
    code: 'mobilite',
    name: 'Mobilité',
    sectors: [
      s('garage-solidaire', 'Garage solidaire et entretien automobile', '50'),
      s('reparation-velos', 'Atelier et réparation de vélos', '50', '34'),
      s('location-vehicules', 'Location de vélos et de véhicules', '60', '34'),
      s('auto-ecole-sociale', 'Auto-école sociale et plateforme mobilité', '80'),
      s('entretien-flotte', 'Entretien de flottes de véhicules', '50'),
    ],
  },
  {
    code: 'communication',
    name: 'Communication et création',
    sectors: [
      s('graphisme-design', 'Graphisme et design', '79'),
      s('communication-evenementielle', 'Conseil en communication', '79'),
      s('objets-publicitaires', 'Objets promotionnels et cadeaux', '39', '18', '22'),
      s('redaction-contenus', 'Rédaction de contenus et édition', '79', '22'),
      s('artisanat-art', "Artisanat d'art et créations", '37', '39'),
    ],
  },
  {
    code: 'formation-conseil',
    name: 'Formation et conseil',
    sectors: [
      s('formation-professionnelle', 'Formation professionnelle', '80'),
      s('formation-langues', 'Formation linguistique et savoirs de base', '80'),
      s('formation-securite', 'Formation à la sécurité et au secourisme', '80'),
      s('conseil-rse', 'Conseil en RSE et achats responsables', '79', '73'),
      s('accompagnement-emploi', "Accompagnement vers l'emploi et bilans de compétences", '79', '80'),
      s('etudes-evaluation', 'Études et évaluation de politiques sociales', '73', '79'),
    ],
  },
  {
    code: 'energie-environnement',
    name: 'Énergie et environnement',
    sectors: [
      s('installation-solaire', 'Installation de panneaux solaires', '45', '09', '51'),
      s('bois-energie', 'Bois énergie et plaquettes forestières', '09', '77'),
      s('diagnostic-energetique', 'Diagnostic et conseil énergétique', '71'),
      s('eau-assainissement', 'Eau et assainissement', '90', '65', '41'),
      s('sensibilisation-environnement', "Éducation et sensibilisation à l'environnement", '80', '90'),
      s('depollution', 'Dépollution et nettoyage de sites', '90'),
    ],
  },
  {
    code: 'mobilier-equipement',
    name: 'Mobilier et équipement',
    sectors: [
      s('fabrication-mobilier', 'Fabrication de mobilier', '39'),
      s('mobilier-urbain', 'Mobilier urbain et aménagements extérieurs', '34', '39', '44'),
      s('jouets-materiel-pedagogique', 'Jeux, jouets et matériel pédagogique', '37', '39'),
      s('equipements-sport', 'Équipements et articles de sport', '37'),
      s('fournitures-medicales', 'Fournitures médicales et de protection', '33', '18'),
    ],
  },
];

export const SECTORS: readonly (SectorDefinition & { groupCode: string })[] = SECTOR_GROUPS.flatMap((g) =>
  g.sectors.map((sector) => ({ ...sector, groupCode: g.code })),
);
