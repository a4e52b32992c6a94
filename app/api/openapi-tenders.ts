import { PUBLIC_TENDERS_PAGE_SIZE, MAX_PUBLIC_TENDERS_PAGE } from '~/domain/tenders/public-query';
import {
  MAIN_CATEGORIES,
  NEED_KINDS,
  PLACE_KINDS,
  PROCUREMENT_METHODS,
  RESERVATIONS,
  TENDER_STATUSES,
} from '~/domain/tenders/tender';

// The tenders' part of the OpenAPI document (app/api/openapi.ts, decision 205): GET /tenders and GET
// /tenders/{id}. Enums come from app/domain/tenders.

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
const obj = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const arr = (items: Schema): Schema => ({ type: 'array', items });
const enumOf = (values: readonly string[], description?: string): Schema => str(description, { enum: [...values] });
const nullableEnum = (values: readonly string[], description?: string): Schema => ({
  type: ['string', 'null'],
  enum: [...values, null],
  ...(description ? { description } : {}),
});
const instant = (description: string) => nullable(str(description, { format: 'date-time' }));
const euros = (description: string) => nullable(int(description, { minimum: 0 }));

const place = {
  oneOf: [
    obj(
      {
        kind: enumOf(PLACE_KINDS),
        code: nullable(str('Code INSEE ; null pour la France entière.')),
        name: nullable(str('Nom de la commune, du département ou de la région ; null pour la France entière.')),
      },
      'Lieu d’exécution.',
    ),
    { type: 'null' },
  ],
};

export const TENDER_SCHEMAS: Record<string, Schema> = {
  TenderSummary: obj({
    id: int(undefined, { minimum: 1 }),
    kind: enumOf(NEED_KINDS, 'devis, sourcing ou appel-d-offres.'),
    status: enumOf(TENDER_STATUSES, 'État effectif : clos dès la date limite passée.'),
    title: str(),
    buyer: obj({ name: str() }),
    category: nullableEnum(MAIN_CATEGORIES),
    place,
    estimatedValueEuros: euros('Valeur estimée en euros HT.'),
    reservation: enumOf(RESERVATIONS),
    submissionDeadline: instant('Date limite de remise des offres (UTC).'),
    publishedAt: instant('Date de publication (UTC).'),
  }),
  TenderList: obj({
    items: arr(ref('TenderSummary')),
    total: int('Nombre total de résultats.', { minimum: 0 }),
    page: int(undefined, { minimum: 1 }),
    pageCount: int(undefined, { minimum: 1 }),
  }),
  TenderLot: obj({
    number: int(undefined, { minimum: 1 }),
    title: str(),
    description: str(),
    sectors: arr(str()),
    estimatedValueEuros: euros('Valeur estimée du lot en euros HT.'),
  }),
  Tender: obj({
    id: int(undefined, { minimum: 1 }),
    kind: enumOf(NEED_KINDS),
    status: enumOf(TENDER_STATUSES, 'État effectif : clos dès la date limite passée.'),
    title: str(),
    description: str(),
    buyer: obj({ name: str() }),
    method: nullableEnum(PROCUREMENT_METHODS),
    category: nullableEnum(MAIN_CATEGORIES),
    cpvCodes: arr(str(undefined, { pattern: '^\\d{8}-\\d$' })),
    sectors: arr(str()),
    place,
    estimatedValueEuros: euros('Valeur estimée en euros HT.'),
    lots: arr(ref('TenderLot')),
    reservation: enumOf(RESERVATIONS),
    socialClauseHours: nullable(int('Heures d’insertion de la clause sociale.', { minimum: 0 })),
    questionsDeadline: instant('Date limite des questions (UTC).'),
    submissionDeadline: instant('Date limite de remise des offres (UTC).'),
    contractDurationMonths: nullable(int(undefined, { minimum: 1 })),
    allowDualBidding: { type: 'boolean', description: 'Une entreprise peut répondre seule et en groupement.' },
    contact: obj({ name: str(), email: str(), phone: str() }),
    publishedAt: instant('Date de publication (UTC).'),
    documents: arr(ref('TenderDocument')),
  }),
  TenderDocument: obj(
    {
      title: str(),
      size: int('Taille en octets.', { minimum: 0 }),
      url: str('Adresse de téléchargement (PDF).', { format: 'uri' }),
    },
    'Document de la consultation (PDF de 10 Mo au plus).',
  ),
};

const query = (name: string, description: string, schema: Schema): Schema => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

export const TENDER_PATHS: Record<string, Schema> = {
  '/tenders': {
    get: {
      operationId: 'listTenders',
      summary: 'Lister les appels d’offres publiés',
      description: `Publiés, clos et attribués, les plus récents d’abord, ${PUBLIC_TENDERS_PAGE_SIZE} par page. Tout autre paramètre est refusé (400).`,
      tags: ['Appels d’offres'],
      parameters: [
        query('sector', 'Secteur du besoin ou d’un de ses lots.', { type: 'string', maxLength: 60 }),
        query('departement', 'Exécuté dans ce département (ou France entière).', {
          type: 'string',
          pattern: '^(?:\\d{2}|2[AB]|97\\d)$',
        }),
        query('region', 'Exécuté dans cette région (ou France entière).', { type: 'string', pattern: '^\\d{2}$' }),
        query('reservation', 'Marché réservé.', { type: 'string', enum: [...RESERVATIONS] }),
        query('deadline_after', 'Date limite de remise ce jour ou après (heure de Paris).', {
          type: 'string',
          format: 'date',
        }),
        query('value_min', 'Valeur estimée minimale, en euros.', { type: 'integer', minimum: 0 }),
        query('value_max', 'Valeur estimée maximale, en euros.', { type: 'integer', minimum: 0 }),
        query('page', 'Numéro de page.', { type: 'integer', minimum: 1, maximum: MAX_PUBLIC_TENDERS_PAGE, default: 1 }),
      ],
      responses: {
        '200': {
          description: 'Une page de résultats.',
          content: { 'application/json': { schema: ref('TenderList') } },
        },
        '400': error('Paramètres invalides (chaque problème est détaillé dans issues).'),
        '503': error('Service momentanément indisponible.'),
      },
    },
  },
  '/tenders/{id}': {
    get: {
      operationId: 'getTender',
      summary: 'Un appel d’offres publié',
      tags: ['Appels d’offres'],
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          description: 'Identifiant numérique.',
          schema: { type: 'integer', minimum: 1 },
        },
      ],
      responses: {
        '200': { description: 'Le besoin complet.', content: { 'application/json': { schema: ref('Tender') } } },
        '400': error('Identifiant mal formé, ou paramètre de requête (cette adresse n’en accepte aucun).'),
        '404': error('Besoin introuvable ou non publié (un besoin annulé après sa publication reste visible).'),
        '503': error('Service momentanément indisponible.'),
      },
    },
  },
};
