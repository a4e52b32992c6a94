import { afterAll, describe, expect, it } from 'vitest';
import { openChangeMark } from '../../db/change-mark';
import { insertUser } from '../../db/repositories/users';
import { createTestDatabase, openAgain } from '../support/db';

// The database's change mark (docs/decisions/307-pages-served-before-remix.md): the same while nothing is committed,
// a new value after every commit, by this process's connection or by another one (another worker, another instance).

const database = createTestDatabase();
const other = openAgain(database);
const mark = openChangeMark(database);
afterAll(async () => {
  mark.close();
  await other.close();
});

let n = 0;
function addUser(db: typeof database.db) {
  n += 1;
  const at = new Date().toISOString();
  return insertUser(db, { email: `marque-${n}@exemple.fr`, passwordHash: 'x', now: at });
}

describe(`change mark (${database.dialect})`, () => {
  // PostgreSQL's snapshot is the whole cluster's: other test files commit to their own databases meanwhile, so this
  // holds on a cluster of its own only (a production database's), not here.
  it.skipIf(database.dialect === 'postgres')('stays the same while nothing is committed, reads included', async () => {
    const first = await mark.read();
    expect(first).toEqual(expect.any(String));
    await database.db.selectFrom('users').selectAll().execute();
    await other.db.selectFrom('users').selectAll().execute();
    expect(await mark.read()).toBe(first);
  });

  it('moves after a commit through this process’s own connection', async () => {
    const before = await mark.read();
    await addUser(database.db);
    const after = await mark.read();
    expect(after).not.toBe(before);
    if (database.dialect === 'sqlite') expect(await mark.read()).toBe(after);
  });

  it('moves after a commit through another connection, and not for a transaction rolled back', async () => {
    const before = await mark.read();
    await addUser(other.db);
    const after = await mark.read();
    expect(after).not.toBe(before);
    await other.db
      .transaction()
      .execute(async (trx) => {
        await addUser(trx);
        throw new Error('annulé');
      })
      .catch(() => {});
    const rolledBack = await mark.read();
    // SQLite leaves the mark as it was; PostgreSQL's snapshot may move (a transaction id was used): a miss, never a
    // wrong page. Either way, it never comes back to a value that described other data.
    if (database.dialect === 'sqlite') expect(rolledBack).toBe(after);
    expect(rolledBack).not.toBe(before);
  });
});
