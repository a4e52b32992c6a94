import { classifyFailure, isNamedCause, type FailureHints } from '~/domain/failure';

// The server's error log for faults met while answering a request (a search engine that is down, a database
// that is full): one JSON line with the cause in French, and a stack trace only for a fault with no named
// cause, so a failing dependency under load cannot flood the log with stacks. Same shape as server.ts's
// request lines (docs/decisions/083-odd-requests-and-error-log.md).

export function logFault(source: string, error: unknown, hints: FailureHints = {}): void {
  const failure = classifyFailure(error, hints);
  console.error(
    JSON.stringify({
      level: 'error',
      source,
      cause: failure.kind,
      code: failure.code,
      reason: failure.message.slice(0, 300),
    }),
  );
  if (!isNamedCause(failure)) console.error(error);
}

/**
 * In a cluster (WEB_CONCURRENCY > 1), makes every line this process writes say which process wrote it: a JSON log
 * line gets a `"process"` field first (`"worker-2"`, `"primary"`), any other line a `[worker-2] ` prefix. Wraps
 * console's methods once, so the lines of the Remix build, the queue workers and the jobs are tagged alike
 * (docs/decisions/332-cluster-logs-and-healthz.md).
 */
export function tagLogLines(label: string): void {
  const tag = (args: unknown[]): unknown[] => {
    const [first, ...rest] = args;
    if (typeof first === 'string' && first.startsWith('{"') && first.endsWith('}'))
      return [`{"process":${JSON.stringify(label)},${first.slice(1)}`, ...rest];
    if (typeof first === 'string') return [`[${label}] ${first}`, ...rest];
    return [`[${label}]`, ...args];
  };
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => original(...tag(args));
  }
}
