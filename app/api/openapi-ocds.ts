import { OCDS_MAX_PAGE_SIZE, OCDS_PAGE_SIZE } from '~/domain/ocds/listing';

// The OCDS part of the OpenAPI document (app/api/openapi.ts, decisions 220–223, 262): one tender's release
// package and the releases since a date. The releases themselves follow the OCDS 1.1.5 release schema
// (standard.open-contracting.org), which the tests validate; here only the package's envelope is described.

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const uri = (description: string): Schema => ({ type: 'string', format: 'uri', description });

const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });

export const OCDS_SCHEMAS: Record<string, Schema> = {
  OcdsReleasePackage: {
    type: 'object',
    description:
      'Paquet de publications OCDS 1.1.5 (release package) avec l’extension Lots, sous Licence Ouverte 2.0. Chaque élément de releases suit le schéma de publication OCDS 1.1.5 (release-schema.json).',
    properties: {
      uri: uri('Adresse de ce paquet.'),
      version: { type: 'string', enum: ['1.1'] },
      extensions: { type: 'array', items: uri('Adresse du fichier extension.json d’une extension OCDS.') },
      publishedDate: { type: 'string', format: 'date-time', description: 'Date du dernier changement du contenu.' },
      publisher: {
        type: 'object',
        properties: { name: { type: 'string' }, uri: uri('Site de l’éditeur.') },
        required: ['name'],
        additionalProperties: false,
      },
      license: uri('Licence Ouverte / Open Licence 2.0.'),
      publicationPolicy: uri('Politique de publication.'),
      releases: {
        type: 'array',
        description: 'Les publications (release) OCDS 1.1.5, les plus anciennes d’abord.',
        items: {
          type: 'object',
          properties: {
            ocid: { type: 'string', description: 'ocds-maillage-{id de l’appel d’offres}.' },
            id: { type: 'string' },
            date: { type: 'string', format: 'date-time' },
            tag: {
              type: 'array',
              items: { type: 'string', enum: ['tender', 'tenderUpdate', 'tenderCancellation', 'award'] },
            },
          },
          required: ['ocid', 'id', 'date', 'tag'],
        },
      },
      links: {
        type: 'object',
        description: 'Extension Pagination d’OCDS : la page suivante, quand il peut y en avoir une.',
        properties: { next: uri('Page suivante.') },
        required: ['next'],
        additionalProperties: false,
      },
    },
    required: [
      'uri',
      'version',
      'extensions',
      'publishedDate',
      'publisher',
      'license',
      'publicationPolicy',
      'releases',
    ],
    additionalProperties: false,
  },
};

export const OCDS_PATHS: Record<string, Schema> = {
  '/tenders/{id}/ocds': {
    get: {
      operationId: 'getTenderOcds',
      summary: 'Un appel d’offres au format OCDS 1.1.5',
      description:
        'Paquet de publications de l’appel d’offres : sa publication (tender), puis son attribution (award, les membres d’un groupement y sont tous fournisseurs, le mandataire en premier) ou son annulation (tenderCancellation). Seuls les appels d’offres publiés (publiés, clos, attribués ou annulés après publication) sont des données ouvertes.',
      tags: ['Données ouvertes (OCDS)'],
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
        '200': {
          description: 'Le paquet de publications.',
          content: { 'application/json': { schema: ref('OcdsReleasePackage') } },
        },
        '400': error('Identifiant mal formé, ou paramètre de requête (cette adresse n’en accepte aucun).'),
        '404': error(
          'Appel d’offres introuvable, non publié, ou dont les données ne permettent pas l’export (détail dans issues).',
        ),
        '503': error('Service momentanément indisponible.'),
      },
    },
  },
  '/ocds/releases': {
    get: {
      operationId: 'listOcdsReleases',
      summary: 'Les publications OCDS depuis une date',
      description: `Toutes les publications datées de since ou après, les plus anciennes d’abord, ${OCDS_PAGE_SIZE} au plus par page, dans un paquet de publications ; links.next donne la page suivante (extension Pagination). Sans publication nouvelle, la réponse est le même paquet avec une liste releases vide (le seul cas où le paquet ne suit pas le minimum d’une publication du schéma OCDS).`,
      tags: ['Données ouvertes (OCDS)'],
      parameters: [
        {
          name: 'since',
          in: 'query',
          required: true,
          description: 'Date ISO 8601 avec fuseau (2026-01-01T00:00:00Z) ou jour (2026-01-01, minuit UTC).',
          schema: { type: 'string' },
        },
        {
          name: 'after',
          in: 'query',
          required: false,
          description: 'Curseur de pagination, tel que links.next le donne.',
          schema: { type: 'string', pattern: '^[1-9][0-9]*\\.(tender|award|tenderCancellation)$' },
        },
        {
          name: 'limit',
          in: 'query',
          required: false,
          description: 'Publications par page.',
          schema: { type: 'integer', minimum: 1, maximum: OCDS_MAX_PAGE_SIZE, default: OCDS_PAGE_SIZE },
        },
      ],
      responses: {
        '200': {
          description: 'Une page de publications.',
          content: { 'application/json': { schema: ref('OcdsReleasePackage') } },
        },
        '400': error('since absent ou mal formé, after ou limit invalide, paramètre inconnu (détail dans issues).'),
        '503': error('Service momentanément indisponible.'),
      },
    },
  },
};
