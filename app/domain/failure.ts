// What went wrong, in words a person running the site can act on: one classification of the errors the
// scripts, the server's log and the search outbox worker meet (a full disk, a read-only database, a search
// server that does not answer…), a French message naming the path or URL, and a distinct exit code for the
// command-line scripts. Pure: it reads the error's `code`, `path`, `cause` and name, never the disk.
// See docs/decisions/080-failure-causes-and-exit-codes.md.

export type FailureKind =
  | 'disk-full'
  | 'read-only'
  | 'cannot-open'
  | 'busy'
  | 'corrupt'
  | 'io'
  | 'search-unreachable'
  | 'database-unreachable'
  | 'mail-unreachable'
  | 'mail-rejected'
  | 'internal';

/** Process exit codes of every script (README.md, "Exit codes"; docs/import.md for the import). */
export const EXIT_CODES = {
  ok: 0,
  /** The input is wrong (a CSV file with errors): nothing was written. */
  invalidInput: 1,
  /** Bad command line, or an input file that cannot be read. */
  usage: 2,
  'disk-full': 10,
  'read-only': 11,
  'cannot-open': 12,
  busy: 13,
  corrupt: 14,
  io: 15,
  'search-unreachable': 16,
  /** The SMTP server does not answer, refuses the connection, TLS or the credentials (SMTP_URL). */
  'mail-unreachable': 17,
  /** The SMTP server refused one message (its recipient, its content): the others may still go. */
  'mail-rejected': 18,
  /** The PostgreSQL server (DATABASE_URL) does not answer, or refuses the credentials or the database name. */
  'database-unreachable': 19,
  /** Anything else: a bug or a cause not classified yet (the stack trace is printed). */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

export interface Failure {
  kind: FailureKind;
  /** French, for the person running the site; names the path or URL when known. */
  message: string;
  exitCode: ExitCode;
  /** The most specific error code seen (SQLITE_FULL, ENOSPC…), when there is one. */
  code?: string;
}

export interface FailureHints {
  /** The file the operation was about (the database), when the error does not carry it. */
  path?: string;
  /** The remote server's URL (search or SMTP, without credentials), for "unreachable". */
  url?: string;
}

interface ErrorFacts {
  codes: string[];
  /** Nodemailer's SMTP errors say which command failed; CONN is the connection itself. */
  smtpConnection: boolean;
  path?: string;
  names: string[];
  messages: string[];
}

/** Walks the error, its `cause` chain and an AggregateError's errors (bounded), collecting what they say. */
function factsOf(error: unknown): ErrorFacts {
  const facts: ErrorFacts = { codes: [], smtpConnection: false, names: [], messages: [] };
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0 && seen.size < 10) {
    const current = queue.shift();
    if (current === null || current === undefined || seen.has(current)) continue;
    seen.add(current);
    if (typeof current !== 'object') {
      facts.messages.push(String(current));
      continue;
    }
    const e = current as {
      code?: unknown;
      command?: unknown;
      path?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof e.code === 'string') facts.codes.push(e.code);
    if (e.command === 'CONN') facts.smtpConnection = true;
    if (typeof e.path === 'string' && !facts.path) facts.path = e.path;
    if (typeof e.name === 'string') facts.names.push(e.name);
    if (typeof e.message === 'string') facts.messages.push(e.message);
    queue.push(e.cause);
    if (Array.isArray((current as { errors?: unknown }).errors))
      queue.push(...(current as { errors: unknown[] }).errors);
  }
  return facts;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** Nodemailer's codes for an SMTP server that cannot be reached or refuses the connection, TLS or login. */
const SMTP_CONNECTION_CODES = new Set(['ESOCKET', 'ECONNECTION', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EPROXY']);

/** Nodemailer's codes for a message the SMTP server refused (at RCPT TO or after DATA). */
const SMTP_REJECTION_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * PostgreSQL's SQLSTATE codes (DATABASE_URL, docs/decisions/310), mapped on the same causes as SQLite's: class 08
 * and 57P0x are a lost or refused connection, 28 the credentials, 3D000 a database that does not exist.
 */
function postgresKind(code: string): FailureKind | undefined {
  if (code === '53100') return 'disk-full';
  if (code === '25006') return 'read-only';
  if (code === '40001' || code === '40P01' || code === '55P03') return 'busy';
  if (code === 'XX001' || code === 'XX002') return 'corrupt';
  if (code === '58030') return 'io';
  if (/^08...$/.test(code) || /^57P0[1-3]$/.test(code) || /^28...$/.test(code) || code === '3D000')
    return 'database-unreachable';
  return undefined;
}

function kindOf(facts: ErrorFacts): { kind: FailureKind; code?: string } {
  // db/postgres.ts wraps every failed connection to PostgreSQL: a network code there is the database's, not
  // the search server's.
  if (facts.names.includes('DatabaseConnectionError')) return { kind: 'database-unreachable', code: facts.codes[0] };
  // The most specific code wins: a wrapper's code comes before its cause's, so look at every one in order.
  for (const code of facts.codes) {
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_IOERR_WRITE_FULL')
      return { kind: 'disk-full', code };
    if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
      return { kind: 'read-only', code };
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { kind: 'busy', code };
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return { kind: 'corrupt', code };
    if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOTDIR' || code === 'ENOENT')
      return { kind: 'cannot-open', code };
    if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return { kind: 'io', code };
    if (SMTP_CONNECTION_CODES.has(code) || (facts.smtpConnection && NETWORK_CODES.has(code)))
      return { kind: 'mail-unreachable', code };
    if (SMTP_REJECTION_CODES.has(code)) return { kind: 'mail-rejected', code };
    if (NETWORK_CODES.has(code)) return { kind: 'search-unreachable', code };
    const postgres = /^[0-9A-Z]{5}$/.test(code) ? postgresKind(code) : undefined;
    if (postgres) return { kind: postgres, code };
  }
  const text = facts.messages.join(' | ');
  if (/database or disk is full|no space left on device/i.test(text)) return { kind: 'disk-full' };
  if (/readonly database|read-only file system/i.test(text)) return { kind: 'read-only' };
  if (
    facts.names.some((n) => /^Meili[sS]earch(Request|RequestTimeOut|Communication)Error$/.test(n)) ||
    /fetch failed/i.test(text)
  )
    return { kind: 'search-unreachable' };
  return { kind: 'internal', code: facts.codes[0] };
}

function firstLine(text: string): string {
  return text.split('\n')[0].slice(0, 300);
}

/** Classifies an error into a French cause and the exit code a script ends with. */
export function classifyFailure(error: unknown, hints: FailureHints = {}): Failure {
  const facts = factsOf(error);
  const { kind, code } = kindOf(facts);
  const where = facts.path ?? hints.path;
  const at = where ? ` (${where})` : '';
  const suffix = code ? ` [${code}]` : '';
  let message: string;
  switch (kind) {
    case 'disk-full':
      message = `Disque plein${at} : libérez de la place puis relancez ; rien n'a été enregistré de l'opération en cours.`;
      break;
    case 'read-only':
      message = `Écriture impossible${at} : le système de fichiers est en lecture seule ou les droits ne permettent pas d'écrire.`;
      break;
    case 'cannot-open':
      // SQLite's own code is about the database; ENOENT or ENOTDIR may be any file or directory (MAIL_DIR too).
      message = `${code?.startsWith('SQLITE_') ? 'Base de données impossible à ouvrir' : 'Fichier ou dossier impossible à ouvrir'}${at} : vérifiez que le dossier existe et qu'il est accessible en écriture.`;
      break;
    case 'busy':
      message = `Base de données occupée${at} : un autre processus la verrouille ; réessayez quand il aura fini.`;
      break;
    case 'corrupt':
      message = `Fichier de base de données endommagé ou qui n'est pas une base SQLite${at}.`;
      break;
    case 'io':
      message = `Erreur d'entrée-sortie du disque${at}.`;
      break;
    case 'search-unreachable':
      message = `Serveur de recherche injoignable${hints.url ? ` (${hints.url})` : ''} : vérifiez qu'il est démarré et joignable.`;
      break;
    case 'database-unreachable':
      message = code?.startsWith('28')
        ? `Connexion à la base PostgreSQL refusée${at} : identifiant ou mot de passe refusé ; vérifiez DATABASE_URL.`
        : code === '3D000'
          ? `Base PostgreSQL inexistante${at} : créez-la (createdb) ou corrigez le nom dans DATABASE_URL.`
          : `Base PostgreSQL injoignable${at} : vérifiez qu'elle est démarrée et que DATABASE_URL donne le bon hôte et le bon port.`;
      break;
    case 'mail-unreachable':
      message = `Serveur de messagerie injoignable ou connexion refusée${hints.url ? ` (${hints.url})` : ''} : vérifiez SMTP_URL (adresse, port, identifiants) et que le serveur est démarré ; les messages restent en attente.`;
      break;
    case 'mail-rejected': {
      const reply = facts.messages[0] ? ` : ${firstLine(facts.messages[0])}` : '';
      message = `Message refusé par le serveur de messagerie${hints.url ? ` (${hints.url})` : ''}${reply} ; il sera réessayé plus tard.`;
      break;
    }
    default: {
      const detail = facts.messages[0] ? ` : ${firstLine(facts.messages[0])}` : '';
      message = `Erreur interne${detail}`;
    }
  }
  return { kind, message: `${message}${suffix}`, exitCode: EXIT_CODES[kind], ...(code ? { code } : {}) };
}

/**
 * The text a queue keeps as its last error (a row's last_error, a worker's state): the French cause when it has a
 * name, else the error's own words; at most `maxLength` characters.
 */
export function describeFailure(failure: Failure, error: unknown, maxLength = 2000): string {
  const text =
    failure.kind !== 'internal'
      ? failure.message
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return text.slice(0, maxLength);
}

/** A failure with a named cause (a full disk, a read-only file…): its message is enough, no stack trace. */
export function isNamedCause(failure: Failure): boolean {
  return failure.kind !== 'internal';
}
