import { fail, ok, type Result } from '../result';
import type { OcdsRelease, OcdsReleasePackage } from './types';

// The release package that wraps Maillage's releases (decision 223). Pure.

export const OCDS_VERSION = '1.1';
export const PUBLISHER_NAME = 'Maillage';
/** Licence Ouverte / Open Licence 2.0 (Etalab), the licence of French public open data. */
export const LICENCE_OUVERTE_2_0 =
  'https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf';
/** The Lots extension: `tender.lots`, `items[].relatedLot`, `awards[].relatedLots`, `documents[].relatedLots`. */
export const LOTS_EXTENSION =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json';
/** Path of the public page describing what Maillage publishes, when and how (publicationPolicy). */
export const PUBLICATION_POLICY_PATH = '/donnees-ouvertes';

export interface ReleasePackageOptions {
  /** Absolute URL of the publication policy; defaults to PUBLICATION_POLICY_PATH on the package's origin. */
  publicationPolicy?: string;
}

function absoluteUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * A release package: `uri` is the absolute URL the package is served at, `publishedDate` the date of the last
 * change to its contents. OCDS requires at least one release: an empty list is refused (the caller answers
 * without a package, e.g. an empty page of the `since=` listing).
 */
export function releasePackage(
  releases: OcdsRelease[],
  publishedDate: Date,
  uri: string,
  options: ReleasePackageOptions = {},
): Result<OcdsReleasePackage> {
  const issues = [];
  const url = absoluteUrl(uri);
  if (!url) issues.push({ field: 'uri', message: 'L’adresse du paquet doit être une URL absolue.' });
  if (!(publishedDate instanceof Date) || Number.isNaN(publishedDate.getTime())) {
    issues.push({ field: 'publishedDate', message: 'Date de publication du paquet invalide.' });
  }
  if (!Array.isArray(releases) || releases.length === 0) {
    issues.push({ field: 'releases', message: 'Un paquet OCDS contient au moins une publication.' });
  } else {
    const keys = new Set(releases.map((r) => `${r.ocid} ${r.id}`));
    if (keys.size !== releases.length) {
      issues.push({ field: 'releases', message: 'Une publication apparaît deux fois dans le paquet.' });
    }
  }
  const policy = options.publicationPolicy ?? (url ? new URL(PUBLICATION_POLICY_PATH, url.origin).href : '');
  if (options.publicationPolicy !== undefined && !absoluteUrl(options.publicationPolicy)) {
    issues.push({ field: 'publicationPolicy', message: 'La politique de publication doit être une URL absolue.' });
  }
  if (issues.length > 0 || !url) return fail(issues);
  return ok({
    uri: url.href,
    version: OCDS_VERSION,
    extensions: [LOTS_EXTENSION],
    publishedDate: publishedDate.toISOString(),
    publisher: { name: PUBLISHER_NAME, uri: url.origin },
    license: LICENCE_OUVERTE_2_0,
    publicationPolicy: policy,
    releases,
  });
}
