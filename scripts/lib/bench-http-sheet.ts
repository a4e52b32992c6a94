import { sheetFormDefaults } from '../../app/domain/sheet/form-defaults';
import { hashPassword } from '../../app/services/auth/passwords.server';
import { createSession } from '../../app/services/auth/sessions.server';
import { loadSheetEditor } from '../../app/services/sheet/sheet-editor.server';
import { openDatabaseOfRecord, type DatabaseEnv } from '../../db/open';
import { addMember, findMembershipRole } from '../../db/repositories/memberships';
import { findOrganisationBySupplierId, insertOrganisation } from '../../db/repositories/organisations';
import { findUserByEmail, insertUser, markUserEmailVerified } from '../../db/repositories/users';
import { BENCH_PASSWORD } from './bench-http-accounts';

// The sheet-save target of `npm run bench:http` (issue 6): the owner of the first published supplier saves its
// sheet again and again, the description alternating between two texts so that every save writes (the supplier,
// the audit log, the search change sequence the worker then follows). The bench prepares its owner in the server's
// database of record (the SQLite file on the same machine, or PostgreSQL with DATABASE_URL: docs/decisions/315) and
// posts the editor's own form, built like the page builds it.

export const SHEET_OWNER_EMAIL = 'banc-fiche@banc.maillage.localhost';

export interface SheetBench {
  path: string;
  cookie: string;
  /** Two form bodies that differ only by the description. */
  bodies: [string, string];
}

/** The form's fields in Conform's names: `offers[0].name`, repeated names for lists of strings. */
export function formFields(values: Record<string, unknown>): URLSearchParams {
  const fields = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') fields.append(key, value);
    else if (Array.isArray(value))
      value.forEach((item, i) => {
        if (typeof item === 'string') fields.append(key, item);
        else
          for (const [sub, v] of Object.entries(item as Record<string, string>))
            fields.append(`${key}[${i}].${sub}`, v);
      });
  }
  return fields;
}

export async function prepareSheetBench(target: DatabaseEnv): Promise<SheetBench> {
  const database = openDatabaseOfRecord(target);
  try {
    const { db } = database;
    const now = new Date();
    const at = now.toISOString();
    let user = await findUserByEmail(db, SHEET_OWNER_EMAIL);
    if (!user) {
      const id = await insertUser(db, {
        email: SHEET_OWNER_EMAIL,
        passwordHash: await hashPassword(BENCH_PASSWORD),
        now: at,
      });
      await markUserEmailVerified(db, id, at);
      user = (await findUserByEmail(db, SHEET_OWNER_EMAIL))!;
    }
    const supplier = await db
      .selectFrom('suppliers')
      .select(['id', 'name'])
      .where('publication_status', '=', 'published')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const organisationId =
      (await findOrganisationBySupplierId(db, supplier.id))?.id ??
      (await insertOrganisation(db, {
        kind: 'supplier',
        name: supplier.name,
        supplierId: supplier.id,
        siret: null,
        buyerType: null,
        buyerSize: null,
        now: at,
      }));
    if (!(await findMembershipRole(db, organisationId, user.id)))
      await addMember(db, { organisationId, userId: user.id, role: 'owner', now: at });
    const { token } = await createSession(db, user.id, { ip: '127.0.0.1', userAgent: 'bench:http' }, now);
    const view = await loadSheetEditor(db, organisationId);
    if (!view) throw new Error(`no sheet editor for organisation ${organisationId}`);
    const values = sheetFormDefaults(view.supplier.sheet, view.supplier.communeNames);
    const body = (suffix: string) => {
      const fields = formFields({
        ...values,
        description: `${values.description.replace(/ \(banc [AB]\)$/, '')} (banc ${suffix})`,
      });
      fields.append('intent', 'save');
      return fields.toString();
    };
    return {
      path: `/organisations/${organisationId}/fiche`,
      cookie: `maillage_session=${token}`,
      bodies: [body('A'), body('B')],
    };
  } finally {
    await database.close();
  }
}
