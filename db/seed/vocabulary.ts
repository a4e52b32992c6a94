import type { StructureKindCode } from '../reference/kinds';

// French vocabulary for the demo suppliers: names, activities, descriptions, clients. Invented data.

/** Evocative names ESS structures often carry. */
export const EVOCATIVE_NAMES = [
  'Les Glycines', 'Les Tilleuls', 'Les Peupliers', 'Les Mimosas', 'Les Iris', 'Les Genêts', 'Les Bruyères', 'Les Églantines',
  "L'Envol", 'Le Colibri', 'La Passerelle', 'Tremplin', 'Horizons', "L'Étape", 'Le Relais', 'La Fabrique', 'Le Trait d’Union',
  'La Main Verte', 'Cap Avenir', 'Élan', 'Envie', 'Le Phare', 'La Boussole', 'Les Compagnons', 'La Ruche', 'Le Grain de Sel',
  'La Clé', 'Accès', 'Parcours', 'Le Pont', 'Les Ateliers', 'Solidarités', 'Regain', 'Renouveau', 'Convergences', 'Archipel',
  'La Source', "L'Arbre à Pain", 'Le Chêne', 'Les Saules', 'La Bergerie', 'Le Moulin', 'La Forge', "L'Atelier Bleu", 'Le Trèfle',
  'La Marelle', 'Les Cèdres', 'Le Fil d’Ariane', 'Equinoxe', 'Alizé', 'Les Hirondelles', 'Les Coquelicots', 'La Rencontre',
  'Entraide', 'Initiatives', 'Le Sillon', 'La Sève', 'Les Semailles', 'Boréal', 'Atout', 'Le Marronnier', 'Les Lavandes', 'Étincelle',
  'La Courte Échelle', 'Le Tremplin Vert', 'Avenir', 'Le Lien', 'Le Hameau', 'La Roseraie', 'Les Jardins du Cœur', 'La Navette',
] as const;

/** Geographic epithets, as in "Atelier du Val" or "Régie des Deux Rives". */
export const PLACE_EPITHETS = [
  'du Val', 'des Coteaux', 'de la Vallée', 'du Littoral', 'des Deux Rives', 'du Plateau', 'des Collines', 'du Bocage', 'des Marais',
  'du Canal', 'de la Plaine', 'des Monts', 'du Bassin', 'du Vignoble', 'des Étangs', 'du Causse', 'de la Forêt', 'des Prés',
  'du Pays', 'des Quais', 'du Faubourg', 'de la Rivière', 'des Hauts', 'du Centre', 'de l’Estuaire', 'des Sources', 'de la Côte',
] as const;

export const QUARTERS = ['Nord', 'Sud', 'Est', 'Ouest', 'Centre', 'des Quartiers Nord', 'Rive Gauche', 'Rive Droite', 'Haute Ville', 'Basse Ville'] as const;

export interface GroupFlavour {
  /** Words that name the trade in a company name ("Propreté", "Paysages"). */
  trades: readonly string[];
  /** What the structure does, completing "spécialisée dans …". */
  activities: readonly string[];
  /** Details for offer descriptions. */
  details: readonly string[];
  /** What a client reference was about. */
  references: readonly string[];
  /** Labels that make sense in this group. */
  labels: readonly string[];
}

export const GROUP_FLAVOURS: Record<string, GroupFlavour> = {
  proprete: {
    trades: ['Propreté', 'Nettoyage', 'Net Services', 'Hygiène Services', 'Clair Net'],
    activities: ['le nettoyage de bureaux et de locaux', "l'entretien de locaux professionnels", "l'hygiène des bâtiments publics"],
    details: ['avec des produits écolabellisés', 'en journée pour limiter la consommation d’énergie', 'avec un encadrant technique sur chaque site', 'selon un cahier des charges contrôlé chaque mois'],
    references: ["Entretien des locaux de l'hôtel de ville", 'Nettoyage de bureaux administratifs', 'Entretien des écoles et des crèches', 'Nettoyage des parties communes de résidences'],
    labels: ['qualipropre', 'ecolabel-eu', 'iso-14001', 'iso-9001'],
  },
  'espaces-verts': {
    trades: ['Paysages', 'Jardins', 'Espaces Verts', 'Nature et Paysage', 'Vert Service'],
    activities: ["l'entretien des espaces verts", "l'aménagement paysager", 'la gestion écologique des milieux naturels'],
    details: ['en gestion différenciée, sans produit phytosanitaire', 'avec broyage et valorisation des déchets verts sur place', 'avec du matériel électrique sur batterie', "par des équipes encadrées par des paysagistes diplômés"],
    references: ['Entretien des parcs et jardins municipaux', 'Fauchage des bords de routes départementales', 'Entretien des berges et zones humides', 'Aménagement paysager d’une résidence sociale'],
    labels: ['vegetal-local', 'iso-14001', 'ecocert'],
  },
  restauration: {
    trades: ['Traiteur', 'Saveurs', 'Cuisine Solidaire', 'Table', 'Restauration'],
    activities: ['la restauration collective', 'le service traiteur', 'la préparation de repas à partir de produits locaux'],
    details: ['cuisinés sur place avec des produits frais et de saison', 'avec au moins 50 % de produits durables dont 20 % bio', 'en liaison froide dans toute l’agglomération', 'avec des contenants consignés et réutilisables'],
    references: ['Plateaux repas pour les réunions du conseil', 'Buffet de la cérémonie des vœux', 'Restauration scolaire de deux groupes scolaires', 'Portage de repas aux personnes âgées'],
    labels: ['agriculture-biologique', 'ecocert', 'commerce-equitable'],
  },
  btp: {
    trades: ['Bâtiment', 'Rénovation', 'Habitat', 'Construction', 'Multiservices Bâtiment'],
    activities: ['les travaux de second œuvre', 'la rénovation de logements', 'la réhabilitation du bâti ancien'],
    details: ['en site occupé, avec une attention particulière aux habitants', 'avec des matériaux biosourcés quand c’est possible', 'en cotraitance avec des artisans du territoire', 'avec une garantie décennale et des chefs de chantier expérimentés'],
    references: ['Réfection des peintures d’un groupe scolaire', 'Rénovation de logements sociaux vacants', 'Isolation des combles de bâtiments communaux', 'Mise en accessibilité d’une mairie'],
    labels: ['rge', 'qualibat', 'iso-45001'],
  },
  'recyclage-reemploi': {
    trades: ['Recyclerie', 'Ressourcerie', 'Réemploi', 'Recyclage', 'Valorisation'],
    activities: ['la collecte et le réemploi d’objets', 'le tri et la valorisation des déchets', 'le reconditionnement de matériel'],
    details: ['avec une traçabilité complète des flux et des certificats de destruction', 'en donnant une seconde vie à plus de 70 % des objets collectés', 'avec une boutique solidaire ouverte au public', 'en partenariat avec les éco-organismes agréés'],
    references: ['Collecte des encombrants en porte-à-porte', 'Reconditionnement du parc informatique', 'Tri des déchets d’une déchetterie intercommunale', 'Réemploi du mobilier de bureaux lors d’un déménagement'],
    labels: ['iso-14001', 'esus', 'lucie'],
  },
  'logistique-transport': {
    trades: ['Logistique', 'Transports', 'Coursiers', 'Livraisons', 'Mobil Services'],
    activities: ['la logistique et la préparation de commandes', 'la livraison urbaine', 'le transport de personnes'],
    details: ['en vélos cargos électriques en centre-ville', 'avec un entrepôt de 2 000 m² et un suivi des stocks en ligne', 'avec des chauffeurs formés à l’accompagnement des personnes à mobilité réduite', 'sept jours sur sept, avec astreinte'],
    references: ['Distribution du magazine municipal', 'Livraison des repas des crèches', 'Transport adapté des élèves en situation de handicap', 'Gestion du magasin central de fournitures'],
    labels: ['iso-9001', 'iso-14001'],
  },
  impression: {
    trades: ['Imprimerie', 'Impressions', 'Reprographie', 'Print', 'Arts Graphiques'],
    activities: ["l'impression et la reprographie", 'le routage et la mise sous pli', 'la signalétique'],
    details: ['sur papiers recyclés ou issus de forêts gérées durablement', 'avec des encres végétales', 'du fichier à la remise en poste', 'en petites et moyennes séries avec des délais courts'],
    references: ['Impression du bulletin municipal', 'Mise sous pli des avis d’imposition locaux', 'Signalétique d’un nouvel équipement sportif', 'Impression des supports d’une campagne de prévention'],
    labels: ['imprim-vert', 'iso-14001', 'ecolabel-eu'],
  },
  textile: {
    trades: ['Blanchisserie', 'Couture', 'Textile', 'Fil et Aiguille', 'Pressing'],
    activities: ['la blanchisserie et l’entretien du linge', 'la confection textile', 'la collecte et le recyclage textile'],
    details: ['avec un circuit propre/sale conforme à la méthode RABC', 'en série courte, sur mesure', 'avec des tissus de réemploi', 'avec collecte et livraison hebdomadaires'],
    references: ['Entretien du linge d’un EHPAD', 'Confection de tenues de travail pour les agents', 'Collecte des textiles dans les points d’apport volontaire', 'Retouche des costumes d’un théâtre municipal'],
    labels: ['ecolabel-eu', 'iso-14001'],
  },
  numerique: {
    trades: ['Numérique', 'Informatique', 'Digital', 'Data Services', 'Web Solidaire'],
    activities: ['les services numériques', 'la maintenance informatique', 'la numérisation de documents'],
    details: ['avec des consultants formés aux référentiels d’accessibilité (RGAA)', 'avec un centre de services en France', 'en privilégiant des logiciels libres', 'avec une politique de réemploi du matériel'],
    references: ['Numérisation des registres d’état civil', 'Maintenance du parc informatique des écoles', 'Audit d’accessibilité du site internet', 'Ateliers d’inclusion numérique en médiathèque'],
    labels: ['numerique-responsable', 'iso-9001', 'b-corp'],
  },
  evenementiel: {
    trades: ['Événements', 'Spectacles', 'Événementiel', 'Scènes', 'Festivités'],
    activities: ["l'organisation d'événements", 'la location de matériel événementiel', 'l’animation culturelle'],
    details: ['avec une démarche d’événement responsable', 'de la conception au démontage', 'avec des équipes d’accueil bilingues', 'avec du mobilier fabriqué en bois de réemploi'],
    references: ['Organisation de la fête de quartier', 'Installation du village d’un festival', 'Accueil des participants d’un congrès', 'Animation d’une journée portes ouvertes'],
    labels: ['iso-14001', 'lucie'],
  },
  'services-entreprises': {
    trades: ['Services', 'Accueil Services', 'Conciergerie', 'Assistance', 'Office Services'],
    activities: ["l'accueil et les services aux entreprises", 'la gestion administrative externalisée', 'la conciergerie d’entreprise'],
    details: ['avec des agents formés à l’accueil des publics', 'en renfort ponctuel ou en prestation continue', 'avec un interlocuteur unique et un rapport mensuel', 'y compris en horaires décalés'],
    references: ["Accueil physique de l'hôtel de communauté", 'Standard téléphonique d’un centre hospitalier', 'Conciergerie pour les salariés d’un siège social', 'Gestion du courrier interne d’une préfecture'],
    labels: ['iso-9001', 'lucie'],
  },
  'sous-traitance-industrielle': {
    trades: ['Industrie', 'Conditionnement', 'Sous-Traitance', 'Mécanique', 'Ateliers Industriels'],
    activities: ['le conditionnement et la sous-traitance industrielle', "l'assemblage et le montage", 'le travail du bois et du métal'],
    details: ['sur un atelier de 3 000 m² équipé de lignes de conditionnement', 'avec un contrôle qualité à chaque étape', 'en flux tendu pour des industriels du territoire', 'avec des postes adaptés à chaque opérateur'],
    references: ['Conditionnement de kits promotionnels', 'Assemblage de faisceaux électriques', 'Fabrication de mobilier de classe', 'Tri et contrôle de pièces automobiles'],
    labels: ['iso-9001', 'iso-14001', 'iso-45001'],
  },
  'services-personne': {
    trades: ['Services à Domicile', 'Aide et Services', 'Domicile Services', 'Présence', 'Familles Services'],
    activities: ['les services à la personne', "l'aide à domicile", "l'accompagnement social"],
    details: ['avec des intervenants diplômés et un encadrement de proximité', 'sept jours sur sept', 'en coordination avec les services sociaux du territoire', 'avec un plan d’aide personnalisé'],
    references: ['Aide à domicile des bénéficiaires de l’APA', 'Accompagnement social des locataires', 'Garde d’enfants en horaires atypiques', 'Médiation sociale dans les transports'],
    labels: ['cap-handeo', 'iso-9001'],
  },
  'agriculture-alimentation': {
    trades: ['Jardins de Cocagne', 'Ferme', 'Maraîchage', 'Terres', 'Potagers'],
    activities: ['le maraîchage biologique', 'la transformation alimentaire', 'la vente de produits locaux'],
    details: ['cultivés en agriculture biologique sur nos parcelles', 'en circuit court, sans intermédiaire', 'transformés dans notre légumerie', 'livrés en paniers hebdomadaires'],
    references: ['Fourniture de légumes bio pour la cuisine centrale', 'Paniers solidaires pour le CCAS', 'Légumerie pour la restauration scolaire', 'Animation d’un jardin pédagogique'],
    labels: ['agriculture-biologique', 'ecocert', 'commerce-equitable'],
  },
  mobilite: {
    trades: ['Mobilité', 'Garage Solidaire', 'Vélo', 'Cycles', 'Auto Solidaire'],
    activities: ['la mobilité solidaire', "l'entretien et la réparation de véhicules", 'la réparation et la location de vélos'],
    details: ['avec des pièces de réemploi', 'à tarif solidaire pour les publics orientés', 'avec un atelier mobile qui se déplace sur site', 'avec une flotte de vélos à assistance électrique'],
    references: ['Entretien de la flotte de vélos de service', 'Location de vélos pour les agents', 'Entretien des véhicules légers d’une régie', 'Ateliers de réparation vélo dans les lycées'],
    labels: ['iso-14001'],
  },
  communication: {
    trades: ['Communication', 'Création', 'Studio', 'Graphisme', 'Atelier Créatif'],
    activities: ['la communication et la création graphique', 'les objets promotionnels', 'l’édition'],
    details: ['avec une charte d’écoconception', 'du concept à la diffusion', 'avec des objets fabriqués en France', 'en mobilisant des artisans du territoire'],
    references: ['Identité visuelle d’un événement culturel', 'Objets promotionnels d’un salon', 'Rédaction du rapport annuel', 'Création de supports pédagogiques'],
    labels: ['b-corp', 'lucie', 'imprim-vert'],
  },
  'formation-conseil': {
    trades: ['Formation', 'Conseil', 'Compétences', 'Savoirs', 'Parcours Formation'],
    activities: ['la formation professionnelle', "l'accompagnement vers l'emploi", 'le conseil en achats responsables'],
    details: ['avec des formateurs issus du terrain', 'en présentiel ou à distance', 'avec des parcours certifiants', 'adapté aux personnes éloignées de l’emploi'],
    references: ['Formation des agents à l’accueil du public', 'Accompagnement de demandeurs d’emploi', 'Conseil pour une politique d’achats responsables', 'Sessions de secourisme pour les agents'],
    labels: ['qualiopi', 'lucie', 'iso-9001'],
  },
  'energie-environnement': {
    trades: ['Énergies', 'Environnement', 'Éco Services', 'Énergie Solidaire', 'Eau et Nature'],
    activities: ['les économies d’énergie', 'la production d’énergie renouvelable', "l'éducation à l'environnement"],
    details: ['avec des techniciens certifiés', 'avec un suivi des consommations après travaux', 'à partir de ressources locales', 'en lien avec les associations de protection de la nature'],
    references: ['Installation de panneaux solaires sur un gymnase', 'Fourniture de plaquettes forestières', 'Diagnostics énergétiques de logements', 'Animations nature dans les écoles'],
    labels: ['rge', 'iso-14001', 'qualibat'],
  },
  'mobilier-equipement': {
    trades: ['Mobilier', 'Ébénisterie', 'Équipements', 'Menuiserie', 'Bois et Création'],
    activities: ['la fabrication de mobilier', 'le mobilier urbain', 'le matériel pédagogique'],
    details: ['en bois local certifié', 'sur mesure, du plan à la pose', 'avec une garantie et un service de réparation', 'avec des matériaux de réemploi'],
    references: ['Fabrication de mobilier pour une médiathèque', 'Bancs et jardinières pour un centre-bourg', 'Jeux en bois pour les crèches', 'Aménagement d’un tiers-lieu'],
    labels: ['iso-14001', 'ecolabel-eu'],
  },
};

/** Relative weights of the sector groups each kind tends to work in. */
export const KIND_GROUP_AFFINITY: Record<StructureKindCode, Partial<Record<string, number>>> = {
  EI: { proprete: 5, btp: 4, 'recyclage-reemploi': 4, 'logistique-transport': 3, 'espaces-verts': 3, restauration: 2, textile: 1, 'services-entreprises': 2, 'energie-environnement': 1 },
  AI: { 'services-personne': 5, proprete: 4, 'espaces-verts': 2, 'services-entreprises': 2, btp: 1 },
  ACI: { 'espaces-verts': 5, 'agriculture-alimentation': 4, 'recyclage-reemploi': 4, btp: 3, textile: 2, restauration: 2, mobilite: 2, 'mobilier-equipement': 1 },
  ETTI: { btp: 4, 'logistique-transport': 4, 'services-entreprises': 3, proprete: 2, 'sous-traitance-industrielle': 2 },
  EITI: { 'services-personne': 2, numerique: 2, 'logistique-transport': 2, communication: 2, btp: 1 },
  GEIQ: { btp: 5, proprete: 2, 'logistique-transport': 2, 'services-personne': 2, restauration: 1 },
  EA: { 'sous-traitance-industrielle': 4, proprete: 3, 'espaces-verts': 3, numerique: 3, 'services-entreprises': 3, 'logistique-transport': 2, impression: 2 },
  EATT: { 'services-entreprises': 3, 'logistique-transport': 2, 'sous-traitance-industrielle': 2, numerique: 1 },
  ESAT: { 'espaces-verts': 5, 'sous-traitance-industrielle': 5, textile: 3, restauration: 3, proprete: 3, impression: 2, 'agriculture-alimentation': 2, 'mobilier-equipement': 1 },
  SEP: { 'sous-traitance-industrielle': 5, textile: 2, 'mobilier-equipement': 2, impression: 1, numerique: 1 },
  SCOP: { btp: 4, impression: 3, numerique: 3, communication: 3, 'formation-conseil': 3, restauration: 2, 'energie-environnement': 2, 'mobilier-equipement': 1 },
  SCIC: { 'energie-environnement': 4, 'agriculture-alimentation': 3, mobilite: 3, 'recyclage-reemploi': 3, restauration: 2, evenementiel: 2, numerique: 1 },
  ASSO: { 'services-personne': 3, evenementiel: 3, 'formation-conseil': 3, 'recyclage-reemploi': 2, 'agriculture-alimentation': 2, mobilite: 2, restauration: 1 },
  ESUS: { numerique: 3, 'formation-conseil': 3, 'recyclage-reemploi': 3, 'energie-environnement': 2, communication: 2, restauration: 2, mobilite: 1 },
};

/** Share of each kind among the demo suppliers (relative weights). */
export const KIND_WEIGHTS: Record<StructureKindCode, number> = {
  ASSO: 17, ACI: 14, EI: 13, ESAT: 12, EA: 9, SCOP: 9, AI: 6, ESUS: 6, SCIC: 4, ETTI: 3, GEIQ: 2, EATT: 1, EITI: 1, SEP: 0.6,
};

/** Plausible legal forms for each kind (the legal form is a separate field from the kind). */
export const KIND_LEGAL_FORMS: Record<StructureKindCode, readonly string[]> = {
  EI: ['SAS', 'SARL', 'SASU', 'EURL', 'Association loi 1901'],
  AI: ['Association loi 1901'],
  ACI: ['Association loi 1901', 'Association loi 1901', 'Association loi 1901', 'Établissement public (CCAS)', 'SCIC SAS'],
  ETTI: ['SAS', 'SARL'],
  EITI: ['SAS', 'Association loi 1901'],
  GEIQ: ['Association loi 1901'],
  EA: ['SAS', 'Association loi 1901', 'SARL', 'SA'],
  EATT: ['SAS', 'SARL'],
  ESAT: ['Association loi 1901', 'Association loi 1901', 'Établissement public médico-social'],
  SEP: ['Service à compétence nationale'],
  SCOP: ['SCOP SARL', 'SCOP SA', 'SCOP SAS'],
  SCIC: ['SCIC SAS', 'SCIC SARL', 'SCIC SA'],
  ASSO: ['Association loi 1901'],
  ESUS: ['SAS', 'SARL', 'SAS', 'SA'],
};

/** Earliest plausible founding year for each kind. */
export const KIND_FIRST_YEAR: Record<StructureKindCode, number> = {
  EI: 1985, AI: 1987, ACI: 1985, ETTI: 1990, EITI: 2019, GEIQ: 1991, EA: 1978, EATT: 2019, ESAT: 1975, SEP: 2019, SCOP: 1975, SCIC: 2002, ASSO: 1975, ESUS: 2015,
};

/** Headcount range for each kind. */
export const KIND_HEADCOUNT: Record<StructureKindCode, readonly [number, number]> = {
  EI: [5, 120], AI: [10, 250], ACI: [10, 60], ETTI: [15, 300], EITI: [3, 40], GEIQ: [8, 90], EA: [10, 300], EATT: [10, 150],
  ESAT: [25, 160], SEP: [10, 90], SCOP: [3, 90], SCIC: [3, 60], ASSO: [2, 80], ESUS: [2, 60],
};

/** Share of the headcount in an insertion or supported-work path, for the kinds that have one. */
export const KIND_INSERTION_SHARE: Partial<Record<StructureKindCode, readonly [number, number]>> = {
  EI: [0.5, 0.8], AI: [0.8, 0.95], ACI: [0.7, 0.9], ETTI: [0.75, 0.95], EITI: [0.6, 0.9], GEIQ: [0.7, 0.9],
  EA: [0.55, 0.85], EATT: [0.6, 0.9], ESAT: [0.8, 0.9], SEP: [0.8, 0.95],
};

export const STREET_TYPES = ['rue', 'rue', 'rue', 'avenue', 'boulevard', 'chemin', 'impasse', 'allée', 'place', 'route', 'quai', 'zone artisanale'] as const;
export const STREET_NAMES = [
  'des Lilas', 'Jean Jaurès', 'Victor Hugo', 'de la Gare', 'du Moulin', "de l'Église", 'Pasteur', 'de la République', 'Gambetta',
  'des Écoles', 'du Stade', 'de la Mairie', 'Jules Ferry', 'Louise Michel', 'des Artisans', 'de l’Industrie', 'des Tanneurs',
  'du Général de Gaulle', 'Émile Zola', 'Simone Veil', 'Marie Curie', 'des Peupliers', 'du Port', 'de la Libération', 'des Vignes',
  'Aristide Briand', 'du Château', 'des Forges', 'Lucie Aubrac', 'du Marché', 'des Prés', 'de la Fontaine', 'Olympe de Gouges',
] as const;

/** Client references: {deCommune} "de Lyon", {deCity} the département's largest commune, {epithet} "du Val", {bare} "Val". */
export const COMPANY_CLIENT_PATTERNS = [
  'Groupe hospitalier {epithet}', 'Centre hospitalier {deCommune}', 'Office public de l’habitat {deCommune}', '{bare} Habitat',
  'Lycée professionnel {deCommune}', 'Université {deCity}', 'Chambre de commerce et d’industrie {departementDe}', 'Caisse d’allocations familiales {departementDe}',
  'Mutuelle {evocative}', 'Coopérative agricole {epithet}', 'Banque coopérative {epithet}', 'Réseau de transports {deCity}', 'Industries {epithet}',
  'Laboratoires {epithet}', 'Hôtel {evocative}', 'Groupe {evocative}', 'Clinique {evocative}', 'Fondation {evocative}',
] as const;

export const PUBLIC_CLIENT_PATTERNS = [
  'Ville {deCommune}', 'Mairie {deCommune}', 'Département {departementDe}', 'Région {region}', 'Communauté de communes {epithet}',
  'Communauté d’agglomération {deCity}', 'CCAS {deCommune}', 'Syndicat intercommunal {epithet}', 'Préfecture {departementDe}',
  'Collège {evocative} {deCommune}', 'Conseil départemental {departementDe}',
] as const;

export const DESCRIPTION_OPENINGS: Record<StructureKindCode, readonly string[]> = {
  EI: ['{name} est une entreprise d’insertion spécialisée dans {activity}.', 'Entreprise d’insertion fondée en {year}, {name} est spécialisée dans {activity}.'],
  AI: ['{name} est une association intermédiaire qui met à disposition des salariés en parcours d’insertion pour {activity}.'],
  ACI: ['{name} porte un atelier et chantier d’insertion dont l’activité principale est {activity}.', 'Chantier d’insertion créé en {year}, {name} intervient dans {activity}.'],
  ETTI: ['{name} est une entreprise de travail temporaire d’insertion qui propose des missions dans {activity}.'],
  EITI: ['{name} accompagne des travailleurs indépendants en insertion qui interviennent dans {activity}.'],
  GEIQ: ['{name} est un groupement d’employeurs pour l’insertion et la qualification tourné vers {activity}.'],
  EA: ['{name} est une entreprise adaptée spécialisée dans {activity}.', 'Entreprise adaptée depuis {year}, {name} intervient dans {activity}.'],
  EATT: ['{name} est une entreprise adaptée de travail temporaire qui place des travailleurs handicapés dans {activity}.'],
  ESAT: ['{name} est un établissement et service d’accompagnement par le travail qui propose {activity}.', 'Créé en {year}, l’{name} accueille des travailleurs en situation de handicap ; son activité principale est {activity}.'],
  SEP: ['{name} est un atelier du service de l’emploi pénitentiaire spécialisé dans {activity}.'],
  SCOP: ['{name} est une société coopérative et participative spécialisée dans {activity}.', 'Coopérative détenue par ses salariés depuis {year}, {name} est spécialisée dans {activity}.'],
  SCIC: ['{name} est une société coopérative d’intérêt collectif dont l’activité principale est {activity}.'],
  ASSO: ['{name} est une association qui développe {activity}.', 'Association créée en {year}, {name} agit pour {activity}.'],
  ESUS: ['{name} est une entreprise agréée ESUS spécialisée dans {activity}.'],
};

export const DESCRIPTION_MISSIONS: Record<'insertion' | 'disability' | 'prison' | 'ess', readonly string[]> = {
  insertion: [
    'Nous accompagnons chaque année des personnes éloignées de l’emploi vers un emploi durable ou une formation qualifiante.',
    'Chaque salarié en parcours bénéficie d’un accompagnement socioprofessionnel et de formations sur le poste de travail.',
    'Plus de la moitié de nos salariés en insertion trouvent un emploi ou une formation à la sortie de leur parcours.',
  ],
  disability: [
    'Nos équipes sont composées majoritairement de travailleurs en situation de handicap, sur des postes adaptés.',
    'Faire appel à nous contribue à l’obligation d’emploi des travailleurs handicapés de nos clients.',
    'Chaque travailleur bénéficie d’un accompagnement professionnel et médico-social adapté.',
  ],
  prison: [
    'Le travail en détention prépare la sortie des personnes détenues par l’acquisition de compétences et d’un rythme professionnel.',
    'Nos ateliers répondent aux exigences de qualité et de délais des clients publics et privés.',
  ],
  ess: [
    'Nos bénéfices sont majoritairement réinvestis dans le projet et la gouvernance associe salariés et partenaires.',
    'Notre modèle garantit un ancrage durable sur le territoire et des emplois non délocalisables.',
    'Nous mesurons chaque année notre impact social et environnemental avec nos parties prenantes.',
  ],
};

export const DESCRIPTION_CLOSINGS = [
  'Nous intervenons {area}.',
  'Nos équipes interviennent {area}, pour des clients publics comme privés.',
  'Nous répondons aux marchés publics, seuls ou en groupement, {area}.',
  'Nous travaillons avec des collectivités, des bailleurs sociaux et des entreprises {area}.',
] as const;
