// What the demo suppliers of each sector group do: trade words, activities, offer details, client references and
// fitting labels (invented data; db/seed/generator.ts draws from it).

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
    activities: [
      'le nettoyage de bureaux et de locaux',
      "l'entretien de locaux professionnels",
      "l'hygiène des bâtiments publics",
    ],
    details: [
      'avec des produits écolabellisés',
      'en journée pour limiter la consommation d’énergie',
      'avec un encadrant technique sur chaque site',
      'selon un cahier des charges contrôlé chaque mois',
    ],
    references: [
      "Entretien des locaux de l'hôtel de ville",
      'Nettoyage de bureaux administratifs',
      'Entretien des écoles et des crèches',
      'Nettoyage des parties communes de résidences',
    ],
    labels: ['qualipropre', 'ecolabel-eu', 'iso-14001', 'iso-9001'],
  },
  'espaces-verts': {
    trades: ['Paysages', 'Jardins', 'Espaces Verts', 'Nature et Paysage', 'Vert Service'],
    activities: [
      "l'entretien des espaces verts",
      "l'aménagement paysager",
      'la gestion écologique des milieux naturels',
    ],
    details: [
      'en gestion différenciée, sans produit phytosanitaire',
      'avec broyage et valorisation des déchets verts sur place',
      'avec du matériel électrique sur batterie',
      'par des équipes encadrées par des paysagistes diplômés',
    ],
    references: [
      'Entretien des parcs et jardins municipaux',
      'Fauchage des bords de routes départementales',
      'Entretien des berges et zones humides',
      'Aménagement paysager d’une résidence sociale',
    ],
    labels: ['vegetal-local', 'iso-14001', 'ecocert'],
  },
  restauration: {
    trades: ['Traiteur', 'Saveurs', 'Cuisine Solidaire', 'Table', 'Restauration'],
    activities: [
      'la restauration collective',
      'le service traiteur',
      'la préparation de repas à partir de produits locaux',
    ],
    details: [
      'cuisinés sur place avec des produits frais et de saison',
      'avec au moins 50 % de produits durables dont 20 % bio',
      'en liaison froide dans toute l’agglomération',
      'avec des contenants consignés et réutilisables',
    ],
    references: [
      'Plateaux repas pour les réunions du conseil',
      'Buffet de la cérémonie des vœux',
      'Restauration scolaire de deux groupes scolaires',
      'Portage de repas aux personnes âgées',
    ],
    labels: ['agriculture-biologique', 'ecocert', 'commerce-equitable'],
  },
  btp: {
    trades: ['Bâtiment', 'Rénovation', 'Habitat', 'Construction', 'Multiservices Bâtiment'],
    activities: ['les travaux de second œuvre', 'la rénovation de logements', 'la réhabilitation du bâti ancien'],
    details: [
      'en site occupé, avec une attention particulière aux habitants',
      'avec des matériaux biosourcés quand c’est possible',
      'en cotraitance avec des artisans du territoire',
      'avec une garantie décennale et des chefs de chantier expérimentés',
    ],
    references: [
      'Réfection des peintures d’un groupe scolaire',
      'Rénovation de logements sociaux vacants',
      'Isolation des combles de bâtiments communaux',
      'Mise en accessibilité d’une mairie',
    ],
    labels: ['rge', 'qualibat', 'iso-45001'],
  },
  'recyclage-reemploi': {
    trades: ['Recyclerie', 'Ressourcerie', 'Réemploi', 'Recyclage', 'Valorisation'],
    activities: [
      'la collecte et le réemploi d’objets',
      'le tri et la valorisation des déchets',
      'le reconditionnement de matériel',
    ],
    details: [
      'avec une traçabilité complète des flux et des certificats de destruction',
      'en donnant une seconde vie à plus de 70 % des objets collectés',
      'avec une boutique solidaire ouverte au public',
      'en partenariat avec les éco-organismes agréés',
    ],
    references: [
      'Collecte des encombrants en porte-à-porte',
      'Reconditionnement du parc informatique',
      'Tri des déchets d’une déchetterie intercommunale',
      'Réemploi du mobilier de bureaux lors d’un déménagement',
    ],
    labels: ['iso-14001', 'esus', 'lucie'],
  },
  'logistique-transport': {
    trades: ['Logistique', 'Transports', 'Coursiers', 'Livraisons', 'Mobil Services'],
    activities: ['la logistique et la préparation de commandes', 'la livraison urbaine', 'le transport de personnes'],
    details: [
      'en vélos cargos électriques en centre-ville',
      'avec un entrepôt de 2 000 m² et un suivi des stocks en ligne',
      'avec des chauffeurs formés à l’accompagnement des personnes à mobilité réduite',
      'sept jours sur sept, avec astreinte',
    ],
    references: [
      'Distribution du magazine municipal',
      'Livraison des repas des crèches',
      'Transport adapté des élèves en situation de handicap',
      'Gestion du magasin central de fournitures',
    ],
    labels: ['iso-9001', 'iso-14001'],
  },
  impression: {
    trades: ['Imprimerie', 'Impressions', 'Reprographie', 'Print', 'Arts Graphiques'],
    activities: ["l'impression et la reprographie", 'le routage et la mise sous pli', 'la signalétique'],
    details: [
      'sur papiers recyclés ou issus de forêts gérées durablement',
      'avec des encres végétales',
      'du fichier à la remise en poste',
      'en petites et moyennes séries avec des délais courts',
    ],
    references: [
      'Impression du bulletin municipal',
      'Mise sous pli des avis d’imposition locaux',
      'Signalétique d’un nouvel équipement sportif',
      'Impression des supports d’une campagne de prévention',
    ],
    labels: ['imprim-vert', 'iso-14001', 'ecolabel-eu'],
  },
  textile: {
    trades: ['Blanchisserie', 'Couture', 'Textile', 'Fil et Aiguille', 'Pressing'],
    activities: [
      'la blanchisserie et l’entretien du linge',
      'la confection textile',
      'la collecte et le recyclage textile',
    ],
    details: [
      'avec un circuit propre/sale conforme à la méthode RABC',
      'en série courte, sur mesure',
      'avec des tissus de réemploi',
      'avec collecte et livraison hebdomadaires',
    ],
    references: [
      'Entretien du linge d’un EHPAD',
      'Confection de tenues de travail pour les agents',
      'Collecte des textiles dans les points d’apport volontaire',
      'Retouche des costumes d’un théâtre municipal',
    ],
    labels: ['ecolabel-eu', 'iso-14001'],
  },
  numerique: {
    trades: ['Numérique', 'Informatique', 'Digital', 'Data Services', 'Web Solidaire'],
    activities: ['les services numériques', 'la maintenance informatique', 'la numérisation de documents'],
    details: [
      'avec des consultants formés aux référentiels d’accessibilité (RGAA)',
      'avec un centre de services en France',
      'en privilégiant des logiciels libres',
      'avec une politique de réemploi du matériel',
    ],
    references: [
      'Numérisation des registres d’état civil',
      'Maintenance du parc informatique des écoles',
      'Audit d’accessibilité du site internet',
      'Ateliers d’inclusion numérique en médiathèque',
    ],
    labels: ['numerique-responsable', 'iso-9001', 'b-corp'],
  },
  evenementiel: {
    trades: ['Événements', 'Spectacles', 'Événementiel', 'Scènes', 'Festivités'],
    activities: ["l'organisation d'événements", 'la location de matériel événementiel', 'l’animation culturelle'],
    details: [
      'avec une démarche d’événement responsable',
      'de la conception au démontage',
      'avec des équipes d’accueil bilingues',
      'avec du mobilier fabriqué en bois de réemploi',
    ],
    references: [
      'Organisation de la fête de quartier',
      'Installation du village d’un festival',
      'Accueil des participants d’un congrès',
      'Animation d’une journée portes ouvertes',
    ],
    labels: ['iso-14001', 'lucie'],
  },
  'services-entreprises': {
    trades: ['Services', 'Accueil Services', 'Conciergerie', 'Assistance', 'Office Services'],
    activities: [
      "l'accueil et les services aux entreprises",
      'la gestion administrative externalisée',
      'la conciergerie d’entreprise',
    ],
    details: [
      'avec des agents formés à l’accueil des publics',
      'en renfort ponctuel ou en prestation continue',
      'avec un interlocuteur unique et un rapport mensuel',
      'y compris en horaires décalés',
    ],
    references: [
      "Accueil physique de l'hôtel de communauté",
      'Standard téléphonique d’un centre hospitalier',
      'Conciergerie pour les salariés d’un siège social',
      'Gestion du courrier interne d’une préfecture',
    ],
    labels: ['iso-9001', 'lucie'],
  },
  'sous-traitance-industrielle': {
    trades: ['Industrie', 'Conditionnement', 'Sous-Traitance', 'Mécanique', 'Ateliers Industriels'],
    activities: [
      'le conditionnement et la sous-traitance industrielle',
      "l'assemblage et le montage",
      'le travail du bois et du métal',
    ],
    details: [
      'sur un atelier de 3 000 m² équipé de lignes de conditionnement',
      'avec un contrôle qualité à chaque étape',
      'en flux tendu pour des industriels du territoire',
      'avec des postes adaptés à chaque opérateur',
    ],
    references: [
      'Conditionnement de kits promotionnels',
      'Assemblage de faisceaux électriques',
      'Fabrication de mobilier de classe',
      'Tri et contrôle de pièces automobiles',
    ],
    labels: ['iso-9001', 'iso-14001', 'iso-45001'],
  },
  'services-personne': {
    trades: ['Services à Domicile', 'Aide et Services', 'Domicile Services', 'Présence', 'Familles Services'],
    activities: ['les services à la personne', "l'aide à domicile", "l'accompagnement social"],
    details: [
      'avec des intervenants diplômés et un encadrement de proximité',
      'sept jours sur sept',
      'en coordination avec les services sociaux du territoire',
      'avec un plan d’aide personnalisé',
    ],
    references: [
      'Aide à domicile des bénéficiaires de l’APA',
      'Accompagnement social des locataires',
      'Garde d’enfants en horaires atypiques',
      'Médiation sociale dans les transports',
    ],
    labels: ['cap-handeo', 'iso-9001'],
  },
  'agriculture-alimentation': {
    trades: ['Jardins de Cocagne', 'Ferme', 'Maraîchage', 'Terres', 'Potagers'],
    activities: ['le maraîchage biologique', 'la transformation alimentaire', 'la vente de produits locaux'],
    details: [
      'cultivés en agriculture biologique sur nos parcelles',
      'en circuit court, sans intermédiaire',
      'transformés dans notre légumerie',
      'livrés en paniers hebdomadaires',
    ],
    references: [
      'Fourniture de légumes bio pour la cuisine centrale',
      'Paniers solidaires pour le CCAS',
      'Légumerie pour la restauration scolaire',
      'Animation d’un jardin pédagogique',
    ],
    labels: ['agriculture-biologique', 'ecocert', 'commerce-equitable'],
  },
  mobilite: {
    trades: ['Mobilité', 'Garage Solidaire', 'Vélo', 'Cycles', 'Auto Solidaire'],
    activities: [
      'la mobilité solidaire',
      "l'entretien et la réparation de véhicules",
      'la réparation et la location de vélos',
    ],
    details: [
      'avec des pièces de réemploi',
      'à tarif solidaire pour les publics orientés',
      'avec un atelier mobile qui se déplace sur site',
      'avec une flotte de vélos à assistance électrique',
    ],
    references: [
      'Entretien de la flotte de vélos de service',
      'Location de vélos pour les agents',
      'Entretien des véhicules légers d’une régie',
      'Ateliers de réparation vélo dans les lycées',
    ],
    labels: ['iso-14001'],
  },
  communication: {
    trades: ['Communication', 'Création', 'Studio', 'Graphisme', 'Atelier Créatif'],
    activities: ['la communication et la création graphique', 'les objets promotionnels', 'l’édition'],
    details: [
      'avec une charte d’écoconception',
      'du concept à la diffusion',
      'avec des objets fabriqués en France',
      'en mobilisant des artisans du territoire',
    ],
    references: [
      'Identité visuelle d’un événement culturel',
      'Objets promotionnels d’un salon',
      'Rédaction du rapport annuel',
      'Création de supports pédagogiques',
    ],
    labels: ['b-corp', 'lucie', 'imprim-vert'],
  },
  'formation-conseil': {
    trades: ['Formation', 'Conseil', 'Compétences', 'Savoirs', 'Parcours Formation'],
    activities: ['la formation professionnelle', "l'accompagnement vers l'emploi", 'le conseil en achats responsables'],
    details: [
      'avec des formateurs issus du terrain',
      'en présentiel ou à distance',
      'avec des parcours certifiants',
      'adapté aux personnes éloignées de l’emploi',
    ],
    references: [
      'Formation des agents à l’accueil du public',
      'Accompagnement de demandeurs d’emploi',
      'Conseil pour une politique d’achats responsables',
      'Sessions de secourisme pour les agents',
    ],
    labels: ['qualiopi', 'lucie', 'iso-9001'],
  },
  'energie-environnement': {
    trades: ['Énergies', 'Environnement', 'Éco Services', 'Énergie Solidaire', 'Eau et Nature'],
    activities: ['les économies d’énergie', 'la production d’énergie renouvelable', "l'éducation à l'environnement"],
    details: [
      'avec des techniciens certifiés',
      'avec un suivi des consommations après travaux',
      'à partir de ressources locales',
      'en lien avec les associations de protection de la nature',
    ],
    references: [
      'Installation de panneaux solaires sur un gymnase',
      'Fourniture de plaquettes forestières',
      'Diagnostics énergétiques de logements',
      'Animations nature dans les écoles',
    ],
    labels: ['rge', 'iso-14001', 'qualibat'],
  },
  'mobilier-equipement': {
    trades: ['Mobilier', 'Ébénisterie', 'Équipements', 'Menuiserie', 'Bois et Création'],
    activities: ['la fabrication de mobilier', 'le mobilier urbain', 'le matériel pédagogique'],
    details: [
      'en bois local certifié',
      'sur mesure, du plan à la pose',
      'avec une garantie et un service de réparation',
      'avec des matériaux de réemploi',
    ],
    references: [
      'Fabrication de mobilier pour une médiathèque',
      'Bancs et jardinières pour un centre-bourg',
      'Jeux en bois pour les crèches',
      'Aménagement d’un tiers-lieu',
    ],
    labels: ['iso-14001', 'ecolabel-eu'],
  },
};
