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
