import type { DB, Executor } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import { bidderOrganisations, listBidIdsOfTender } from '../../../db/repositories/buyer-bids';
import {
  deleteTenderDocument,
  findTenderDocument,
  insertTenderDocument,
  listTenderDocuments,
  type TenderDocumentRecord,
} from '../../../db/repositories/tender-documents';
import { findTender, type TenderRecord } from '../../../db/repositories/tenders';
import { can } from '~/domain/permissions';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import {
  TENDER_DOCUMENT_CONTENT_TYPE,
  TENDER_DOCUMENT_MESSAGES,
  TENDER_DOCUMENTS_MAX,
  areTenderDocumentsPublic,
  canAddTenderDocument,
  canRemoveTenderDocument,
  checkTenderDocument,
  parseTenderDocumentTitle,
} from '~/domain/tenders/documents';
import { effectiveStatus, type TenderStatus } from '~/domain/tenders/tender';
import { loadActor } from '../auth/authorize.server';
import { getCurrentUser, type RequestArgs } from '../auth/current-user.server';
import type { AppContext } from '../context.server';
import { logFault } from '../log.server';
import { detectContentType } from '../uploads/detect.server';
import {
  forgetUpload,
  readUpload,
  recordUpload,
  removeUploads,
  writeUpload,
  type WrittenUpload,
} from '../uploads/file-store.server';
import { sendBidderNotices } from './bidder-notices.server';
import { findBuyerOrganisation, getBuyerTender } from './buyer.server';
import type { UploadedTenderDocument } from './document-upload.server';

// A tender's documents (decision 255): the buyer's page lists, adds and removes them (the route has asked
// tender.edit on the organisation; here the tender must be the organisation's own); the public tender page and
// the API list them; one download route serves them. The bytes go through the one file store (decision 131).

export interface PublicTenderDocument {
  id: number;
  title: string;
  byteSize: number;
  /** The download path on this site. */
  url: string;
}

export function tenderDocumentUrl(tenderId: number, documentId: number): string {
  return `/appels-d-offres/${tenderId}/documents/${documentId}`;
}

function toPublic(document: TenderDocumentRecord): PublicTenderDocument {
  return {
    id: document.id,
    title: document.title,
    byteSize: document.byteSize,
    url: tenderDocumentUrl(document.tenderId, document.id),
  };
}

export async function listPublicTenderDocuments(db: Executor, tenderId: number): Promise<PublicTenderDocument[]> {
  return (await listTenderDocuments(db, tenderId)).map(toPublic);
}

export interface TenderDocumentsPage {
  organisation: { id: number; name: string };
  tender: { id: number; title: string; status: TenderStatus };
  documents: PublicTenderDocument[];
  canAdd: boolean;
  canRemove: boolean;
}

export async function getTenderDocumentsPage(
  db: DB,
  organisationId: number,
  tenderId: number,
  now: Date = new Date(),
): Promise<TenderDocumentsPage | null> {
  const organisation = await findBuyerOrganisation(db, organisationId);
  const tender = organisation ? await getBuyerTender(db, organisationId, tenderId) : null;
  if (!organisation || !tender) return null;
  const status = effectiveStatus(tender, now);
  return {
    organisation,
    tender: { id: tender.id, title: tender.title, status },
    documents: await listPublicTenderDocuments(db, tender.id),
    canAdd: canAddTenderDocument(status),
    canRemove: canRemoveTenderDocument(status),
  };
}

export type DocumentRefusal = { kind: 'not-found' } | { kind: 'invalid'; issues: FieldIssue[] };

export interface AddTenderDocumentInput {
  organisationId: number;
  tenderId: number;
  fields: Record<string, unknown>;
  file: UploadedTenderDocument | null;
  /** The body was refused unread (declared far over 10 MB): only that is said, the title was not read. */
  refusedUnread?: boolean;
  actor: { userId: number; email: string };
  uploadsDir: string;
  origin: string;
}

async function ownTender(db: Executor, organisationId: number, tenderId: number): Promise<TenderRecord | null> {
  const tender = await findTender(db, tenderId);
  return tender && tender.buyerOrganisationId === organisationId ? tender : null;
}

/**
 * Adds a PDF (≤ 10 MB, checked from its bytes) with its title. Added after publication, it is announced to the
 * organisations preparing or having sent a bid (in-site notification). Nothing is written on an issue.
 */
export async function addTenderDocument(
  db: DB,
  input: AddTenderDocumentInput,
  now: Date = new Date(),
): Promise<Result<{ id: number }, DocumentRefusal>> {
  if (!(await findBuyerOrganisation(db, input.organisationId))) return fail({ kind: 'not-found' });
  const tender = await ownTender(db, input.organisationId, input.tenderId);
  if (!tender) return fail({ kind: 'not-found' });
  if (!canAddTenderDocument(effectiveStatus(tender, now)))
    return fail({ kind: 'invalid', issues: [{ field: '', message: TENDER_DOCUMENT_MESSAGES.addClosed }] });
  if (input.refusedUnread)
    return fail({ kind: 'invalid', issues: [{ field: 'document', message: TENDER_DOCUMENT_MESSAGES.fileTooLarge }] });
  const issues: FieldIssue[] = [];
  const title = parseTenderDocumentTitle(input.fields);
  if (!title.ok) issues.push(...title.error);
  const problem = input.file
    ? checkTenderDocument(
        input.file.size > input.file.bytes.byteLength ? undefined : await detectContentType(input.file.bytes),
        input.file.size,
      )
    : TENDER_DOCUMENT_MESSAGES.fileRequired;
  if (problem) issues.push({ field: 'document', message: problem });
  if ((await listTenderDocuments(db, tender.id)).length >= TENDER_DOCUMENTS_MAX)
    issues.push({ field: '', message: TENDER_DOCUMENT_MESSAGES.tooMany });
  if (!title.ok || issues.length > 0 || !input.file) return fail({ kind: 'invalid', issues });

  const file = input.file;
  const iso = now.toISOString();
  let written: WrittenUpload | null = null;
  const discard = () =>
    written
      ? removeUploads(input.uploadsDir, [written.id]).catch((error) => logFault('tender-document-cleanup', error))
      : Promise.resolve();
  try {
    written = await writeUpload(input.uploadsDir, file.bytes);
    const upload = written;
    const outcome = await db.transaction().execute(async (trx) => {
      const current = await ownTender(trx, input.organisationId, input.tenderId);
      if (!current) return fail<DocumentRefusal>({ kind: 'not-found' });
      const status = effectiveStatus(current, now);
      if (!canAddTenderDocument(status))
        return fail<DocumentRefusal>({
          kind: 'invalid',
          issues: [{ field: '', message: TENDER_DOCUMENT_MESSAGES.addClosed }],
        });
      await recordUpload(
        trx,
        upload,
        {
          purpose: 'tender-document',
          contentType: TENDER_DOCUMENT_CONTENT_TYPE,
          originalName: file.name || 'document.pdf',
          organisationId: input.organisationId,
          uploadedByUserId: input.actor.userId,
        },
        iso,
      );
      const id = await insertTenderDocument(trx, {
        tenderId: current.id,
        fileId: upload.id,
        title: title.value,
        now: iso,
      });
      await appendAudit(trx, {
        now: iso,
        actor: input.actor,
        action: 'tender.document-added',
        subject: { type: 'tender', id: current.id },
        organisationId: input.organisationId,
        details: { documentId: id, title: title.value, byteSize: upload.byteSize, status },
      });
      if (status === 'published') {
        // An addition after publication changes what bidders answer: they are told (decision 255).
        const bids = await listBidIdsOfTender(trx, current.id, ['forming', 'submitted', 'withdrawn']);
        const organisations = await bidderOrganisations(trx, bids);
        await sendBidderNotices(
          trx,
          bids.map((bidId) => ({
            bidId,
            organisationIds: organisations.get(bidId) ?? [],
            kind: 'tender-document-added',
            title: `Nouveau document — ${current.title}`,
            body: `L’acheteur a ajouté le document « ${title.value} » à la consultation.`,
            link: `/appels-d-offres/${current.id}`,
            mail: false,
          })),
          input.origin,
          now,
        );
      }
      return ok({ id });
    });
    if (!outcome.ok) await discard();
    return outcome;
  } catch (error) {
    await discard();
    throw error;
  }
}

/** Removes a document while the tender is a draft or waits for moderation; its file leaves the disk after. */
export async function removeTenderDocument(
  db: DB,
  input: {
    organisationId: number;
    tenderId: number;
    documentId: number;
    actor: { userId: number; email: string };
    uploadsDir: string;
  },
  now: Date = new Date(),
): Promise<Result<{ id: number }, DocumentRefusal>> {
  if (!(await findBuyerOrganisation(db, input.organisationId))) return fail({ kind: 'not-found' });
  const iso = now.toISOString();
  const outcome = await db.transaction().execute(async (trx) => {
    const tender = await ownTender(trx, input.organisationId, input.tenderId);
    if (!tender) return fail<DocumentRefusal>({ kind: 'not-found' });
    if (!canRemoveTenderDocument(effectiveStatus(tender, now)))
      return fail<DocumentRefusal>({
        kind: 'invalid',
        issues: [{ field: '', message: TENDER_DOCUMENT_MESSAGES.removeClosed }],
      });
    const document = await findTenderDocument(trx, tender.id, input.documentId);
    if (!document)
      return fail<DocumentRefusal>({
        kind: 'invalid',
        issues: [{ field: '', message: TENDER_DOCUMENT_MESSAGES.unknownDocument }],
      });
    await deleteTenderDocument(trx, tender.id, document.id);
    await forgetUpload(trx, document.fileId);
    await appendAudit(trx, {
      now: iso,
      actor: input.actor,
      action: 'tender.document-removed',
      subject: { type: 'tender', id: tender.id },
      organisationId: input.organisationId,
      details: { documentId: document.id, title: document.title },
    });
    return ok({ id: document.id, fileId: document.fileId });
  });
  if (!outcome.ok) return outcome;
  await removeUploads(input.uploadsDir, [outcome.value.fileId]).catch((error) =>
    logFault('tender-document-removal', error),
  );
  return ok({ id: outcome.value.id });
}

export interface TenderDocumentDownload {
  file: { bytes: Buffer; name: string } | null;
  setCookie: string | null;
  /** Whether the tender is public (anyone may read it, a cache may keep it). */
  isPublic: boolean;
}

/**
 * A tender's document for the download route (decision 255): anyone when the tender is public (published,
 * closed, awarded, or cancelled after publication); otherwise only the buyer's members and the moderators
 * (organisation.view on the buyer). Everybody else, anonymous included, gets the same 404 as the public page
 * of an unpublished tender: nothing tells that it exists.
 */
export async function downloadTenderDocument(
  args: RequestArgs,
  context: Pick<AppContext, 'database'> & { env: { UPLOADS_DIR: string } },
  tenderId: number,
  documentId: number,
  now: Date = new Date(),
): Promise<TenderDocumentDownload> {
  const db = context.database.db;
  const tender = await findTender(db, tenderId);
  const document = tender ? await findTenderDocument(db, tender.id, documentId) : undefined;
  if (!tender || !document) return { file: null, setCookie: null, isPublic: false };
  let setCookie: string | null = null;
  const isPublic = areTenderDocumentsPublic(effectiveStatus(tender, now), tender.publishedAt);
  if (!isPublic) {
    const session = await getCurrentUser(args, context, now);
    setCookie = session.setCookie;
    const actor = session.current ? await loadActor(db, session.current.user) : null;
    if (!can(actor, { action: 'organisation.view', organisationId: tender.buyerOrganisationId }))
      return { file: null, setCookie, isPublic };
  }
  const found = await readUpload(db, context.env.UPLOADS_DIR, document.fileId, { purpose: 'tender-document' });
  if (!found) return { file: null, setCookie, isPublic };
  return { file: { bytes: found.bytes, name: found.file.original_name ?? 'document.pdf' }, setCookie, isPublic };
}
