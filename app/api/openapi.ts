import { CHARTER_STATUSES, CHARTER_VALIDITY_TEXT } from '~/domain/charter';
import { CHARTER_ANSWERS } from '~/domain/charter-assessment';
import { TURNOVER_BANDS } from '~/domain/supplier';
import { SEARCH_LIMITS, SORT_ORDERS } from '~/domain/search/params';
import { OCDS_PATHS, OCDS_SCHEMAS } from './openapi-ocds';
import { TENDER_PATHS, TENDER_SCHEMAS } from './openapi-tenders';
import { COMMUNE_QUERY_LIMITS, REFERENCE_LISTS } from './reference.server';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from './supplier-id';

// The OpenAPI 3.1 document of the public API, served at /api/v1/openapi.json. Limits and enums come from
// the code that enforces them; tests/api/openapi.test.ts checks the document against real answers (every
// field of every answer is described, objects allow no undocumented property, every parameter is listed).

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string, extra: Schema = {}): Schema => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});
const int = (description?: string, extra: Schema = {}): Schema => ({
  type: 'integer',
  ...(description ? { description } : {}),
  ...extra,
});
const nullable = (schema: Schema): Schema => ({ ...schema, type: [schema.type as string, 'null'] });
const obj = (properties: Record<string, Schema>, optional: string[] = [], description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
});
const arr = (items: Schema, description?: string): Schema => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});
const codeName = (description?: string) => obj({ code: str(), name: str() }, [], description);

const DEPARTEMENT_PATTERN = '^(?:\\d{2}|2[AB]|97\\d)$';
const REGION_PATTERN = '^\\d{2}$';
const COMMUNE_PATTERN = '^(?:\\d{5}|2[AB]\\d{3})$';

const facetCounts: Schema = {
  type: 'object',
  description: 'Nombre de fournisseurs par code, sur tous les résultats de la recherche (pas seulement la page).',
  additionalProperties: { type: 'integer', minimum: 0 },
};

const repeatable = (name: string, description: string, items: Schema): Schema => ({
  name,
  in: 'query',
  required: false,
  description: `${description} Répétable (${name}=a&${name}=b) : OU entre les valeurs d'un même paramètre, ET entre paramètres différents.`,
  style: 'form',
  explode: true,
  schema: { type: 'array', items, maxItems: SEARCH_LIMITS.maxValuesPerFacet },
});

const errorResponses = {
  '400': {
    description: 'Paramètres invalides (chaque problème est détaillé dans issues).',
    content: { 'application/json': { schema: ref('Error') } },
  },
  '503': {
    description: 'Service momentanément indisponible.',
    content: { 'application/json': { schema: ref('Error') } },
  },
};

const jsonContent = (schema: Schema) => ({ 'application/json': { schema } });

export const SEARCH_PARAMETERS: Schema[] = [
  {
    name: 'q',
    in: 'query',
    required: false,
    description:
      'Texte libre (nom, activité, description, SIRET), insensible aux accents et à la casse, tolérant aux fautes de frappe. Vide : tous les fournisseurs publiés.',
    schema: { type: 'string', maxLength: SEARCH_LIMITS.qMaxLength },
  },
  repeatable('kind', 'Type de structure (codes de /api/v1/reference/kinds).', {
    type: 'string',
    maxLength: SEARCH_LIMITS.maxCodeLength,
  }),
  repeatable('sector', "Secteur d'activité (codes de /api/v1/reference/sectors).", {
    type: 'string',
    maxLength: SEARCH_LIMITS.maxCodeLength,
  }),
  repeatable('departement', 'Département du siège (codes INSEE de /api/v1/reference/departements).', {
    type: 'string',
    pattern: DEPARTEMENT_PATTERN,
  }),
  repeatable('region', 'Région du siège (codes INSEE de /api/v1/reference/regions).', {
    type: 'string',
    pattern: REGION_PATTERN,
  }),
  repeatable('label', 'Label ou certification (codes de /api/v1/reference/labels).', {
    type: 'string',
    maxLength: SEARCH_LIMITS.maxCodeLength,
  }),
  repeatable('charter', 'Statut de la charte.', { type: 'string', enum: [...CHARTER_STATUSES] }),
  {
    name: 'commune',
    in: 'query',
    required: false,
    description:
      "Code INSEE d'une commune. Sans radius_km : fournisseurs dont la zone d'intervention couvre la commune. Avec radius_km : fournisseurs installés à moins de radius_km km de la commune.",
    schema: { type: 'string', pattern: COMMUNE_PATTERN },
  },
  {
    name: 'radius_km',
    in: 'query',
    required: false,
    description: 'Rayon en kilomètres autour de la commune (uniquement avec commune).',
    schema: { type: 'integer', minimum: SEARCH_LIMITS.radiusMinKm, maximum: SEARCH_LIMITS.radiusMaxKm },
  },
  {
    name: 'sort',
    in: 'query',
    required: false,
    description: 'Ordre des résultats ; distance demande une commune.',
    schema: { type: 'string', enum: [...SORT_ORDERS], default: 'relevance' },
  },
  {
    name: 'page',
    in: 'query',
    required: false,
    description: 'Numéro de page, à partir de 1 ; une page au-delà de la dernière est refusée (400).',
    schema: { type: 'integer', minimum: 1, maximum: SEARCH_LIMITS.pageMax, default: 1 },
  },
  {
    name: 'per_page',
    in: 'query',
    required: false,
    description: 'Nombre de résultats par page.',
    schema: {
      type: 'integer',
      minimum: SEARCH_LIMITS.perPageMin,
      maximum: SEARCH_LIMITS.perPageMax,
      default: SEARCH_LIMITS.perPageDefault,
    },
  },
];

const schemas: Record<string, Schema> = {
  Issue: obj({ param: str('Nom du paramètre en cause.'), message: str('Explication en français.') }),
  Error: obj({ error: obj({ message: str(), issues: arr(ref('Issue')) }, ['issues']) }),
  SearchHit: obj(
    {
      id: int(undefined, { minimum: 1 }),
      slug: str(),
      name: str(),
      structureKind: str('Code du type de structure.'),
      sectors: arr(str(), 'Codes des secteurs.'),
      commune: codeName('Commune du siège.'),
      departement: str('Code du département du siège.'),
      region: str('Code de la région du siège.'),
      charterStatus: str(undefined, { enum: [...CHARTER_STATUSES] }),
      distanceKm: {
        type: 'number',
        minimum: 0,
        description: 'Distance à la commune demandée, arrondie à 0,1 km (seulement avec commune).',
      },
      snippet: str(
        'Extrait de la description ou des offres où les mots trouvés sont entourés de <mark>…</mark> ; tout le reste du texte est échappé pour HTML.',
      ),
    },
    ['distanceKm', 'snippet'],
  ),
  SearchAnswer: obj({
    hits: arr(ref('SearchHit')),
    total: int('Nombre total de résultats.', { minimum: 0 }),
    page: int(undefined, { minimum: 1 }),
    perPage: int(undefined, { minimum: SEARCH_LIMITS.perPageMin, maximum: SEARCH_LIMITS.perPageMax }),
    facets: obj({
      kind: facetCounts,
      sector: facetCounts,
      departement: facetCounts,
      region: facetCounts,
      label: facetCounts,
    }),
    processingTimeMs: { type: 'number', minimum: 0 },
  }),
  ServiceArea: obj(
    {
      kind: str(undefined, { enum: ['national', 'region', 'departement', 'commune', 'radius'] }),
      code: str('Code de la région, du département ou de la commune.'),
      name: str(),
      radiusKm: int('Rayon autour de la commune du siège.', { minimum: 1 }),
    },
    ['code', 'name', 'radiusKm'],
  ),
  SupplierSheet: obj({
    id: int(undefined, { minimum: 1 }),
    slug: str(),
    siret: str(undefined, { pattern: '^\\d{14}$' }),
    name: str(),
    tradeName: nullable(str()),
    legalForm: nullable(str()),
    yearFounded: nullable(int()),
    structureKind: obj({ code: str(), name: str(), shortName: str(), family: str() }),
    description: str(),
    address: obj({
      street: nullable(str()),
      postcode: nullable(str()),
      commune: codeName(),
      departement: codeName(),
      region: codeName(),
      lat: { type: 'number' },
      lon: { type: 'number' },
    }),
    offers: arr(obj({ name: str(), description: str() })),
    sectors: arr(
      obj({ code: str(), name: str(), group: codeName(), cpvDivisions: arr(str(undefined, { pattern: '^\\d{2}$' })) }),
    ),
    serviceArea: obj({
      summary: str("La zone d'intervention en une phrase."),
      areas: arr(ref('ServiceArea')),
    }),
    capacities: obj({
      headcount: nullable(int(undefined, { minimum: 0 })),
      insertionHeadcount: nullable(int('Salariés en insertion ou travailleurs accompagnés.', { minimum: 0 })),
      turnoverBand: {
        oneOf: [obj({ code: str(undefined, { enum: [...TURNOVER_BANDS] }), label: str() }), { type: 'null' }],
      },
    }),
    references: arr(obj({ clientName: str(), year: int(), description: str() })),
    labels: arr(codeName()),
    contact: obj({ email: nullable(str()), phone: nullable(str()), website: nullable(str()) }),
    charter: obj({
      status: str(undefined, { enum: [...CHARTER_STATUSES] }),
      label: str(),
      verifiedAt: nullable(str(undefined, { format: 'date-time' })),
      expiresAt: nullable(
        str(`Une charte validée expire ${CHARTER_VALIDITY_TEXT} après sa validation.`, { format: 'date-time' }),
      ),
      evidence: arr(
        obj({
          code: str('Code du critère de la charte.'),
          title: str(),
          answer: str('Réponse de l’auto-évaluation.', { enum: [...CHARTER_ANSWERS] }),
          answerLabel: str(),
          summary: str('Début des pratiques décrites, validées par un modérateur.'),
        }),
      ),
    }),
    createdAt: str(undefined, { format: 'date-time' }),
    updatedAt: str(undefined, { format: 'date-time' }),
  }),
  Kind: obj({
    code: str(),
    name: str(),
    shortName: str(),
    family: str(undefined, { enum: ['insertion', 'disability', 'prison', 'ess'] }),
    description: str(),
  }),
  Sector: obj({
    code: str(),
    name: str(),
    group: codeName(),
    cpvDivisions: arr(str(undefined, { pattern: '^\\d{2}$' })),
  }),
  Label: obj({ code: str(), name: str(), description: str() }),
  Region: obj({ code: str(undefined, { pattern: REGION_PATTERN }), name: str() }),
  Departement: obj({ code: str(undefined, { pattern: DEPARTEMENT_PATTERN }), name: str(), region: codeName() }),
  Commune: obj({
    code: str(undefined, { pattern: COMMUNE_PATTERN }),
    name: str(),
    postcodes: arr(str()),
    departement: codeName(),
    region: codeName(),
    population: int(undefined, { minimum: 0 }),
  }),
};

const referenceListItem: Record<(typeof REFERENCE_LISTS)[number], string> = {
  kinds: 'Kind',
  sectors: 'Sector',
  labels: 'Label',
  regions: 'Region',
  departements: 'Departement',
};

const referenceListTitle: Record<(typeof REFERENCE_LISTS)[number], string> = {
  kinds: 'Types de structure',
  sectors: "Secteurs d'activité, avec leur famille et leurs divisions CPV",
  labels: 'Labels et certifications',
  regions: 'Régions',
  departements: 'Départements, avec leur région',
};

const referencePaths = Object.fromEntries(
  REFERENCE_LISTS.map((list) => [
    `/reference/${list}`,
    {
      get: {
        operationId: `listReference${list[0].toUpperCase()}${list.slice(1)}`,
        summary: referenceListTitle[list],
        tags: ['Référentiels'],
        parameters: [],
        responses: {
          '200': {
            description: referenceListTitle[list],
            content: jsonContent(obj({ items: arr(ref(referenceListItem[list])) })),
          },
          '400': {
            description: 'Paramètre inconnu (cette adresse n’en accepte aucun).',
            content: jsonContent(ref('Error')),
          },
        },
      },
    },
  ]),
);

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Maillage — API publique du catalogue',
    version: '1.0.0',
    description:
      "Recherche dans le catalogue des fournisseurs de l'économie sociale et solidaire, fiches publiques et listes de référence. Lecture seule, sans authentification, CORS ouvert. Les erreurs sont en JSON : { error: { message, issues? } }.",
  },
  servers: [{ url: '/api/v1' }],
  tags: [
    { name: 'Fournisseurs' },
    { name: 'Appels d’offres' },
    { name: 'Données ouvertes (OCDS)' },
    { name: 'Référentiels' },
  ],
  paths: {
    '/suppliers': {
      get: {
        operationId: 'searchSuppliers',
        summary: 'Rechercher des fournisseurs',
        description:
          'Les mêmes résultats que la page /fournisseurs. Tout autre paramètre que ceux listés est refusé (400).',
        tags: ['Fournisseurs'],
        parameters: SEARCH_PARAMETERS,
        responses: {
          '200': { description: 'Une page de résultats et les facettes.', content: jsonContent(ref('SearchAnswer')) },
          ...errorResponses,
        },
      },
    },
    '/suppliers/{id}': {
      get: {
        operationId: 'getSupplier',
        summary: "Fiche publique d'un fournisseur",
        tags: ['Fournisseurs'],
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description:
              "Identifiant numérique du fournisseur, ou l'adresse courte (slug) de sa fiche. Une valeur faite de chiffres est toujours un identifiant.",
            schema: {
              oneOf: [
                { type: 'integer', minimum: 1 },
                { type: 'string', pattern: SLUG_PATTERN, maxLength: MAX_SLUG_LENGTH },
              ],
            },
          },
        ],
        responses: {
          '200': { description: 'La fiche complète.', content: jsonContent(ref('SupplierSheet')) },
          '400': {
            description: 'Identifiant mal formé, ou paramètre de requête (cette adresse n’en accepte aucun).',
            content: jsonContent(ref('Error')),
          },
          '404': { description: 'Fournisseur introuvable ou non publié.', content: jsonContent(ref('Error')) },
          '503': errorResponses['503'],
        },
      },
    },
    ...TENDER_PATHS,
    ...OCDS_PATHS,
    ...referencePaths,
    '/reference/communes': {
      get: {
        operationId: 'searchCommunes',
        summary: 'Chercher une commune',
        description:
          'Par début de nom (sans accents ni casse), de code postal ou de code INSEE ; les plus peuplées en premier.',
        tags: ['Référentiels'],
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: COMMUNE_QUERY_LIMITS.qMaxLength },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: COMMUNE_QUERY_LIMITS.limitMax,
              default: COMMUNE_QUERY_LIMITS.limitDefault,
            },
          },
        ],
        responses: {
          '200': { description: 'Les communes trouvées.', content: jsonContent(obj({ items: arr(ref('Commune')) })) },
          '400': errorResponses['400'],
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'Ce document',
        parameters: [],
        responses: {
          '200': {
            description: 'Le document OpenAPI 3.1.',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  },
  components: { schemas: { ...schemas, ...TENDER_SCHEMAS, ...OCDS_SCHEMAS } },
} as const;
