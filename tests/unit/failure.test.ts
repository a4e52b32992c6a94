import { describe, expect, it } from 'vitest';
import { classifyFailure, EXIT_CODES, isNamedCause } from '../../app/domain/failure';

function sqliteError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, name: 'SqliteError' });
}

function errno(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
}

describe('classifyFailure', () => {
  it('names a full disk, whichever layer says it', () => {
    for (const error of [
      sqliteError('SQLITE_FULL', 'database or disk is full'),
      errno('ENOSPC', 'write', '/data/maillage.db-wal'),
      new Error('wrapped', { cause: sqliteError('SQLITE_FULL', 'database or disk is full') }),
    ]) {
      const failure = classifyFailure(error, { path: '/data/maillage.db' });
      expect(failure.kind).toBe('disk-full');
      expect(failure.exitCode).toBe(EXIT_CODES['disk-full']);
      expect(failure.message).toMatch(/^Disque plein \(\/data\/maillage\.db(-wal)?\)/);
    }
  });

  it('names a read-only file system or missing rights with the path the error carries', () => {
    const failure = classifyFailure(errno('EROFS', 'mkdir', '/srv/ro/data'), { path: '/srv/ro/data/maillage.db' });
    expect(failure).toMatchObject({ kind: 'read-only', code: 'EROFS', exitCode: 11 });
    expect(failure.message).toContain('/srv/ro/data)');
    expect(failure.message).toContain('lecture seule');
    expect(classifyFailure(errno('EACCES', 'open', '/x')).kind).toBe('read-only');
    expect(classifyFailure(sqliteError('SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database')).kind).toBe(
      'read-only',
    );
  });

  it('takes the wrapper code before its cause (a probed EROFS before SQLite’s CANTOPEN)', () => {
    const error = Object.assign(new Error('cannot open', { cause: sqliteError('SQLITE_CANTOPEN', 'unable to open') }), {
      code: 'EROFS',
      path: '/ro/db.sqlite',
    });
    expect(classifyFailure(error)).toMatchObject({ kind: 'read-only', code: 'EROFS' });
    expect(classifyFailure(sqliteError('SQLITE_CANTOPEN', 'unable to open database file'))).toMatchObject({
      kind: 'cannot-open',
      exitCode: 12,
    });
  });

  it('names busy, corrupt and I/O errors', () => {
    expect(classifyFailure(sqliteError('SQLITE_BUSY', 'database is locked')).exitCode).toBe(13);
    expect(classifyFailure(sqliteError('SQLITE_NOTADB', 'file is not a database')).exitCode).toBe(14);
    expect(classifyFailure(sqliteError('SQLITE_IOERR_FSYNC', 'disk I/O error')).exitCode).toBe(15);
  });

  it('names an unreachable search server with its URL', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7700'), { code: 'ECONNREFUSED' });
    const fetchFailed = new TypeError('fetch failed', { cause: refused });
    const meili = Object.assign(
      new Error('Request to http://127.0.0.1:7700/indexes has failed', { cause: fetchFailed }),
      {
        name: 'MeilisearchRequestError',
      },
    );
    const failure = classifyFailure(meili, { url: 'http://127.0.0.1:7700' });
    expect(failure).toMatchObject({ kind: 'search-unreachable', code: 'ECONNREFUSED', exitCode: 16 });
    expect(failure.message).toContain('Serveur de recherche injoignable (http://127.0.0.1:7700)');
  });

  it('names an unreachable or refusing PostgreSQL server apart from the search server (docs/decisions/310)', () => {
    const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
    const wrap = (cause: unknown) =>
      Object.assign(new Error('Cannot connect to the database postgres://db:5432/maillage', { cause }), {
        name: 'DatabaseConnectionError',
        code: (cause as { code?: string }).code,
        path: 'postgres://db:5432/maillage',
      });
    const refused = classifyFailure(
      wrap(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
    );
    expect(refused).toMatchObject({ kind: 'database-unreachable', code: 'ECONNREFUSED', exitCode: 19 });
    expect(refused.message).toBe(
      "Base PostgreSQL injoignable (postgres://db:5432/maillage) : vérifiez qu'elle est démarrée et que DATABASE_URL donne le bon hôte et le bon port. [ECONNREFUSED]",
    );
    const auth = classifyFailure(wrap(pgError('28P01', 'password authentication failed for user "maillage"')));
    expect(auth).toMatchObject({ kind: 'database-unreachable', code: '28P01' });
    expect(auth.message).toContain('identifiant ou mot de passe refusé');
    expect(classifyFailure(wrap(pgError('3D000', 'database "x" does not exist'))).message).toContain(
      'Base PostgreSQL inexistante (postgres://db:5432/maillage)',
    );
    // SQLSTATEs met by a query, without the connection wrapper.
    expect(classifyFailure(pgError('53100', 'could not extend file')).kind).toBe('disk-full');
    expect(classifyFailure(pgError('25006', 'cannot execute UPDATE in a read-only transaction')).kind).toBe(
      'read-only',
    );
    expect(classifyFailure(pgError('40P01', 'deadlock detected')).kind).toBe('busy');
    expect(classifyFailure(pgError('57P01', 'terminating connection due to administrator command')).kind).toBe(
      'database-unreachable',
    );
    expect(classifyFailure(pgError('23505', 'duplicate key value violates unique constraint')).kind).toBe('internal');
  });

  it('names an SMTP server that cannot be reached (nodemailer’s codes) apart from the search server', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), {
      code: 'ESOCKET',
      command: 'CONN',
      errno: -111,
    });
    const failure = classifyFailure(refused, { url: 'smtp://127.0.0.1:2525' });
    expect(failure).toMatchObject({ kind: 'mail-unreachable', code: 'ESOCKET', exitCode: 17 });
    expect(failure.message).toMatch(
      /^Serveur de messagerie injoignable ou connexion refusée \(smtp:\/\/127\.0\.0\.1:2525\)/,
    );
    const timedOut = Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT', command: 'CONN' });
    expect(classifyFailure(timedOut).kind).toBe('mail-unreachable');
    expect(classifyFailure(Object.assign(new Error('Invalid login'), { code: 'EAUTH' })).kind).toBe('mail-unreachable');
    expect(classifyFailure(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })).kind).toBe('search-unreachable');
  });

  it('names a message the SMTP server refused, with its reply', () => {
    const rejected = Object.assign(
      new Error("Can't send mail - all recipients were rejected: 550 5.1.1 No such user"),
      {
        code: 'EENVELOPE',
        responseCode: 550,
        command: 'RCPT TO',
      },
    );
    const failure = classifyFailure(rejected, { url: 'smtp://127.0.0.1:2525' });
    expect(failure).toMatchObject({ kind: 'mail-rejected', code: 'EENVELOPE', exitCode: 18 });
    expect(failure.message).toBe(
      "Message refusé par le serveur de messagerie (smtp://127.0.0.1:2525) : Can't send mail - all recipients were rejected: 550 5.1.1 No such user ; il sera réessayé plus tard. [EENVELOPE]",
    );
  });

  it('says "file or directory" for a missing directory and "database" for SQLite’s CANTOPEN', () => {
    const notDir = Object.assign(new Error('ENOTDIR: not a directory'), { code: 'ENOTDIR', path: '/srv/mail' });
    expect(classifyFailure(notDir).message).toBe(
      "Fichier ou dossier impossible à ouvrir (/srv/mail) : vérifiez que le dossier existe et qu'il est accessible en écriture. [ENOTDIR]",
    );
    expect(classifyFailure(sqliteError('SQLITE_CANTOPEN', 'unable to open'), { path: 'data/m.db' }).message).toMatch(
      /^Base de données impossible à ouvrir \(data\/m\.db\)/,
    );
  });

  it('leaves anything else internal, with exit code 70 and no named cause', () => {
    const failure = classifyFailure(new RangeError('batchSize must be a positive integer'));
    expect(failure).toMatchObject({ kind: 'internal', exitCode: 70 });
    expect(failure.message).toBe('Erreur interne : batchSize must be a positive integer');
    expect(isNamedCause(failure)).toBe(false);
    expect(isNamedCause(classifyFailure(sqliteError('SQLITE_FULL', 'full')))).toBe(true);
    expect(classifyFailure('a string').kind).toBe('internal');
  });

  it('gives every cause its own exit code', () => {
    const codes = Object.values(EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
