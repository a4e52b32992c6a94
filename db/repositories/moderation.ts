import type { PublicationStatus } from '../../app/domain/supplier';
import type { CharterStatus } from '../../app/domain/charter';
import type { Executor } from '../connection';
import { caseInsensitiveLike } from '../dialect';

// What the moderators' dashboard counts and the supplier search of /moderation/fournisseurs (decision 143).

export interface ModerationCounts {
  pendingClaims: number;
  submittedAssessments: number;
  /** Claimed sheets not published yet: they wait for a verified charter. */
  draftSheets: number;
  suspendedSuppliers: number;
  /** Needs and tenders sent by buyers, waiting to be published or sent back. */
  submittedTenders: number;
}

async function count(query: { executeTakeFirst(): Promise<{ n: number | string | bigint } | undefined> }) {
  return Number((await query.executeTakeFirst())?.n ?? 0);
}

export async function countModerationQueues(db: Executor): Promise<ModerationCounts> {
  return {
    pendingClaims: await count(
      db
        .selectFrom('join_requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', 'claim')
        .where('status', '=', 'pending'),
    ),
    submittedAssessments: await count(
      db
        .selectFrom('charter_assessments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'submitted'),
    ),
    draftSheets: await count(
      db
        .selectFrom('suppliers')
        .innerJoin('organisations', 'organisations.supplier_id', 'suppliers.id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('suppliers.publication_status', '=', 'draft'),
    ),
    suspendedSuppliers: await count(
      db
        .selectFrom('suppliers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('publication_status', '=', 'suspended'),
    ),
    submittedTenders: await count(
      db
        .selectFrom('tenders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'submitted'),
    ),
  };
}

export interface ModeratedSupplier {
  id: number;
  name: string;
  siret: string;
  slug: string;
  publicationStatus: PublicationStatus;
  charterStatus: CharterStatus;
}

/** Suppliers by name (contains, case-insensitive) or SIRET (prefix), or by state; at most `limit`. */
export async function searchSuppliersForModeration(
  db: Executor,
  query: { text?: string; publicationStatus?: PublicationStatus; limit: number },
): Promise<ModeratedSupplier[]> {
  let select = db
    .selectFrom('suppliers')
    .select(['id', 'name', 'siret', 'slug', 'publication_status', 'charter_status']);
  const text = query.text?.trim();
  if (text) {
    const digits = text.replace(/\s+/g, '');
    // LIKE's wildcards are dropped from the words: a name is searched as typed.
    const words = text.replace(/[\\%_]/g, '');
    select = select.where((eb) =>
      eb.or([
        eb('name', caseInsensitiveLike(db), `%${words}%`),
        ...(/^\d{1,14}$/.test(digits) ? [eb('siret', 'like', `${digits}%`)] : []),
      ]),
    );
  }
  if (query.publicationStatus) select = select.where('publication_status', '=', query.publicationStatus);
  const rows = await select.orderBy('name').orderBy('id').limit(query.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    siret: r.siret,
    slug: r.slug,
    publicationStatus: r.publication_status,
    charterStatus: r.charter_status,
  }));
}
