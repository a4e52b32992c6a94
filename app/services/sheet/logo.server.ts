import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import { enqueueSearchSync } from '../../../db/repositories/outbox';
import {
  findSupplierIdOfOrganisation,
  findSupplierLogoId,
  loadEditableSupplier,
  setSupplierLogo,
} from '../../../db/repositories/sheet-editor';
import { classifyFailure } from '~/domain/failure';
import type { Result } from '~/domain/result';
import { logoUrl } from '~/domain/sheet/logo';
import { logFault } from '../log.server';
import {
  forgetUpload,
  readUpload,
  recordUpload,
  removeUploads,
  writeUpload,
  type WrittenUpload,
} from '../uploads/file-store.server';
import { processLogo } from '../uploads/logo-image.server';

// A supplier's logo (issue 6, docs/decisions/131-uploads-and-logos.md): the uploaded bytes are checked and
// re-encoded (processLogo), written by the file store under a new random name, then one transaction records the
// file, points the supplier at it, drops the previous row, enqueues the search sync and writes the audit log;
// the previous file leaves the disk once that transaction committed. A disk that is full or read-only gives a
// French message and a logged cause, never a crash.

export type LogoError =
  | { kind: 'not-found' }
  | { kind: 'invalid'; message: string }
  /** The disk or the database failed: the message says so in French; the cause is in the server's log. */
  | { kind: 'storage'; message: string };

export interface LogoActor {
  userId: number;
  email: string;
}

const STORAGE_MESSAGES: Record<string, string> = {
  'disk-full':
    'Le logo n’a pas pu être enregistré : le disque du serveur est plein. Réessayez plus tard ; rien n’a été modifié.',
  'read-only':
    'Le logo n’a pas pu être enregistré : le dossier des fichiers du serveur n’est pas accessible en écriture. Réessayez plus tard ; rien n’a été modifié.',
};
const STORAGE_DEFAULT =
  'Le logo n’a pas pu être enregistré à cause d’un problème du serveur. Réessayez plus tard ; rien n’a été modifié.';

function storageError(error: unknown, path?: string): { kind: 'storage'; message: string } {
  const hints = path ? { path } : {};
  logFault('logo-upload', error, hints);
  const failure = classifyFailure(error, hints);
  return { kind: 'storage', message: STORAGE_MESSAGES[failure.kind] ?? STORAGE_DEFAULT };
}

async function supplierOf(db: DB, organisationId: number) {
  const supplierId = await findSupplierIdOfOrganisation(db, organisationId);
  return supplierId === undefined ? undefined : loadEditableSupplier(db, supplierId);
}

/** Replaces the supplier's logo with the uploaded image. */
export async function replaceLogo(
  db: DB,
  uploadsDir: string,
  input: { organisationId: number; actor: LogoActor; bytes: Uint8Array; originalName: string | null },
  now: Date = new Date(),
): Promise<Result<{ fileId: string }, LogoError>> {
  const supplier = await supplierOf(db, input.organisationId);
  if (!supplier) return { ok: false, error: { kind: 'not-found' } };
  const processed = await processLogo(input.bytes);
  if (!processed.ok) {
    if (processed.error.reason)
      console.warn(JSON.stringify({ level: 'warn', source: 'logo-upload', refused: processed.error.reason }));
    return { ok: false, error: { kind: 'invalid', message: processed.error.message } };
  }
  const { bytes, contentType, width, height } = processed.value;
  let written: WrittenUpload;
  try {
    written = await writeUpload(uploadsDir, bytes);
  } catch (error) {
    return { ok: false, error: storageError(error, uploadsDir) };
  }
  const fileId = written.id;
  const at = now.toISOString();
  let previous: string | null;
  try {
    previous = await db.transaction().execute(async (trx) => {
      // Read inside the transaction: two uploads at once each replace the logo the other left, none is orphaned.
      const replaced = await findSupplierLogoId(trx, supplier.id);
      await recordUpload(
        trx,
        written,
        {
          purpose: 'logo',
          contentType,
          originalName: input.originalName,
          organisationId: input.organisationId,
          uploadedByUserId: input.actor.userId,
        },
        at,
      );
      await setSupplierLogo(trx, supplier.id, fileId, at);
      if (replaced) await forgetUpload(trx, replaced);
      await enqueueSearchSync(trx, [supplier.id]);
      await appendAudit(trx, {
        now: at,
        actor: input.actor,
        action: 'supplier.logo-updated',
        subject: { type: 'supplier', id: supplier.id },
        organisationId: input.organisationId,
        supplierId: supplier.id,
        details: { fileId, previousFileId: replaced, contentType, width, height, byteSize: bytes.length },
      });
      return replaced;
    });
  } catch (error) {
    await removeUploads(uploadsDir, [fileId]).catch(() => undefined);
    return { ok: false, error: storageError(error) };
  }
  if (previous) await removeUploads(uploadsDir, [previous]).catch((error) => logFault('logo-cleanup', error));
  return { ok: true, value: { fileId } };
}

/** Removes the supplier's logo (nothing to do when it has none). */
export async function removeLogo(
  db: DB,
  uploadsDir: string,
  input: { organisationId: number; actor: LogoActor },
  now: Date = new Date(),
): Promise<Result<{ removed: boolean }, LogoError>> {
  const supplier = await supplierOf(db, input.organisationId);
  if (!supplier) return { ok: false, error: { kind: 'not-found' } };
  const at = now.toISOString();
  let previous: string | null;
  try {
    previous = await db.transaction().execute(async (trx) => {
      const current = await findSupplierLogoId(trx, supplier.id);
      if (!current) return null;
      await setSupplierLogo(trx, supplier.id, null, at);
      await forgetUpload(trx, current);
      await enqueueSearchSync(trx, [supplier.id]);
      await appendAudit(trx, {
        now: at,
        actor: input.actor,
        action: 'supplier.logo-updated',
        subject: { type: 'supplier', id: supplier.id },
        organisationId: input.organisationId,
        supplierId: supplier.id,
        details: { fileId: null, previousFileId: current },
      });
      return current;
    });
  } catch (error) {
    return { ok: false, error: storageError(error) };
  }
  if (!previous) return { ok: true, value: { removed: false } };
  await removeUploads(uploadsDir, [previous]).catch((error) => logFault('logo-cleanup', error));
  return { ok: true, value: { removed: true } };
}

export interface ServedLogo {
  bytes: Buffer;
  contentType: string;
  etag: string;
}

/** A current logo's bytes, or null (unknown or malformed id, not a logo, no longer anyone's logo, gone from disk). */
export async function readLogo(db: DB, uploadsDir: string, fileId: string | undefined): Promise<ServedLogo | null> {
  const found = await readUpload(db, uploadsDir, fileId, { purpose: 'logo' });
  if (!found) return null;
  return { bytes: found.bytes, contentType: found.file.content_type, etag: `"${found.file.sha256}"` };
}

/** The address of a supplier's logo for its public sheet, or null when it has none. */
export async function publicLogoUrl(db: DB, supplierId: number): Promise<string | null> {
  const fileId = await findSupplierLogoId(db, supplierId);
  return fileId ? logoUrl(fileId) : null;
}
