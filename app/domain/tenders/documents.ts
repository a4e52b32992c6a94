import { z } from 'zod';
import { type FieldIssue, type Result, fail, fieldIssuesOf, ok } from '../result';
import type { TenderStatus } from './tender';

// A tender's documents (issue 7 §1: « documents (PDF, at most 10 MB each) », decision 255): the consultation
// file the buyer attaches (règlement, CCAP, CCTP, BPU…). Pure: the title's form, the PDF check from the type
// found in the bytes, and when documents may be added or removed.

export const TENDER_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const TENDER_DOCUMENT_CONTENT_TYPE = 'application/pdf';
export const TENDER_DOCUMENT_TITLE_MIN_LENGTH = 2;
export const TENDER_DOCUMENT_TITLE_MAX_LENGTH = 150;
export const TENDER_DOCUMENTS_MAX = 30;

export const TENDER_DOCUMENT_MESSAGES = {
  titleRequired: 'Donnez un titre au document, par exemple « Règlement de la consultation ».',
  titleTooShort: `Le titre doit compter au moins ${TENDER_DOCUMENT_TITLE_MIN_LENGTH} caractères.`,
  titleTooLong: `Le titre ne doit pas dépasser ${TENDER_DOCUMENT_TITLE_MAX_LENGTH} caractères.`,
  fileRequired: 'Choisissez le fichier PDF à joindre.',
  fileTooLarge: 'Le document dépasse 10 Mo : envoyez un PDF plus léger ou découpez-le.',
  fileNotPdf: 'Le document doit être un fichier PDF (son contenu n’est pas celui d’un PDF).',
  tooMany: `Un besoin compte au plus ${TENDER_DOCUMENTS_MAX} documents : retirez-en un avant d’en ajouter.`,
  addClosed: 'La date limite est passée ou la consultation est terminée : plus aucun document ne peut être ajouté.',
  removeClosed:
    'Un besoin publié garde ses documents : les candidats s’y fient. Ajoutez plutôt un document rectificatif.',
  unknownDocument: 'Ce document n’existe plus.',
} as const;

const titleSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() : ''),
  z.string().superRefine((title, context) => {
    const message =
      title === ''
        ? TENDER_DOCUMENT_MESSAGES.titleRequired
        : title.length < TENDER_DOCUMENT_TITLE_MIN_LENGTH
          ? TENDER_DOCUMENT_MESSAGES.titleTooShort
          : title.length > TENDER_DOCUMENT_TITLE_MAX_LENGTH
            ? TENDER_DOCUMENT_MESSAGES.titleTooLong
            : null;
    if (message) context.addIssue({ code: z.ZodIssueCode.custom, message });
  }),
);

/** The title of a new document (trimmed), with one message when it is missing, too short or too long. */
export function parseTenderDocumentTitle(fields: Record<string, unknown>): Result<string, FieldIssue[]> {
  const parsed = z.object({ title: titleSchema }).safeParse(fields);
  return parsed.success ? ok(parsed.data.title) : fail(fieldIssuesOf(parsed.error));
}

/**
 * What is wrong with an uploaded document, from its size (counted even past the limit) and the type found from
 * its bytes (`file-type`: a PDF starts with `%PDF-`), never its name or the declared type; null when it is fine.
 */
export function checkTenderDocument(detected: string | undefined, size: number): string | null {
  if (size === 0) return TENDER_DOCUMENT_MESSAGES.fileRequired;
  if (size > TENDER_DOCUMENT_MAX_BYTES) return TENDER_DOCUMENT_MESSAGES.fileTooLarge;
  if (detected !== TENDER_DOCUMENT_CONTENT_TYPE) return TENDER_DOCUMENT_MESSAGES.fileNotPdf;
  return null;
}

/**
 * Decision 255: documents are added and removed freely while the tender is a draft or waits for moderation;
 * once published, until the deadline, they may only be added (a published document is public and bidders rely
 * on it: a correction is a new document, announced to the bidders); after the deadline nothing changes.
 * `status` is the effective status (closed from the deadline on).
 */
export function canAddTenderDocument(status: TenderStatus): boolean {
  return status === 'draft' || status === 'submitted' || status === 'published';
}

export function canRemoveTenderDocument(status: TenderStatus): boolean {
  return status === 'draft' || status === 'submitted';
}

/** Whether everybody may read the tender's documents: it is public (a cancelled one stays public once published). */
export function areTenderDocumentsPublic(status: TenderStatus, publishedAt: string | null): boolean {
  return (
    status === 'published' ||
    status === 'closed' ||
    status === 'awarded' ||
    (status === 'cancelled' && publishedAt !== null)
  );
}

/** « 1,2 Mo », « 350 ko »: a size for people. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ko`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '').replace('.', ',')} Mo`;
}
