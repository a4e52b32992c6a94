import { classifyFailure, describeFailure, isNamedCause, type Failure, type FailureHints } from '../app/domain/failure';

// The one worker loop behind the database's queues: the search outbox (search/outbox.ts) and the mail outbox
// (app/services/mail/sender.server.ts). It drains at start and then every intervalMs, batch after batch while
// a batch comes back full; never runs two drains at once (a tick during a drain is skipped); after a failed
// drain it waits intervalMs doubled per failure in a row, at most a minute; and keeps its state for /healthz.
// See docs/decisions/033-search-outbox-worker.md, 082 and 084.

/** What a worker is doing, for /healthz (times are ISO strings). `Busy` names its draining state. */
export interface QueueWorkerStatus<Busy extends string> {
  state: 'idle' | Busy | 'failing' | 'stopped';
  /** Failed drains in a row (0 after a drain without failure, an empty one included). */
  consecutiveFailures: number;
  /** The cause of the last failure, in French (app/domain/failure.ts), or null. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** The end of the last drain without failure. */
  lastSuccessAt: string | null;
  /** When a failing worker tries again, or null when it is not waiting. */
  nextAttemptAt: string | null;
}

export interface QueueWorker<Busy extends string> {
  /** Stops the timer and resolves once the drain in progress, if any, has finished. */
  stop(): Promise<void>;
  /** The worker's state now (a copy). */
  status(): QueueWorkerStatus<Busy>;
}

export interface QueueWorkerSpec<Busy extends string> {
  /** The state shown while a drain runs ('draining', 'sending'). */
  busyState: Busy;
  intervalMs: number;
  /** The path or URL a failure's French cause names. */
  hints?: FailureHints;
  /** One batch: whether it was full (more may be waiting now), and the failure it met after claiming its rows. */
  drainOnce(): Promise<{ full: boolean; error?: unknown }>;
  /** Names the worker in its log lines ('search-outbox', 'mail'). */
  source: string;
  /**
   * Called with every failed drain and its cause; the worker keeps running and retries later. By default one JSON
   * log line per failed drain (backed off, so about one a minute at most while it keeps failing), never the
   * queued content itself, and a stack trace only for a fault with no named cause.
   */
  onError?(error: unknown, failure: Failure, status: QueueWorkerStatus<Busy>): void;
}

function logFailedDrain(source: string, error: unknown, failure: Failure, status: QueueWorkerStatus<string>): void {
  console.error(
    JSON.stringify({
      level: 'error',
      source,
      cause: failure.kind,
      code: failure.code,
      message: failure.message,
      consecutiveFailures: status.consecutiveFailures,
      nextAttemptAt: status.nextAttemptAt,
    }),
  );
  if (!isNamedCause(failure)) console.error(error);
}

export function startQueueWorker<Busy extends string>(spec: QueueWorkerSpec<Busy>): QueueWorker<Busy> {
  const { intervalMs } = spec;
  const maxBackoffMs = Math.max(intervalMs, 60_000);
  let running: Promise<void> | undefined;
  let stopped = false;
  let nextAttemptAt = 0;
  const status: QueueWorkerStatus<Busy> = {
    state: 'idle',
    consecutiveFailures: 0,
    lastError: null,
    lastErrorAt: null,
    lastSuccessAt: null,
    nextAttemptAt: null,
  };

  function failed(error: unknown): void {
    const failure = classifyFailure(error, spec.hints);
    status.consecutiveFailures++;
    nextAttemptAt = Date.now() + Math.min(maxBackoffMs, intervalMs * 2 ** Math.min(status.consecutiveFailures - 1, 16));
    status.state = 'failing';
    status.lastError = describeFailure(failure, error);
    status.lastErrorAt = new Date().toISOString();
    status.nextAttemptAt = new Date(nextAttemptAt).toISOString();
    (spec.onError ?? ((e, f, st) => logFailedDrain(spec.source, e, f, st)))(error, failure, { ...status });
  }

  function succeeded(): void {
    status.consecutiveFailures = 0;
    status.state = 'idle';
    status.lastSuccessAt = new Date().toISOString();
    status.nextAttemptAt = null;
    nextAttemptAt = 0;
  }

  async function drainUntilDone(): Promise<void> {
    while (!stopped) {
      let outcome: { full: boolean; error?: unknown };
      try {
        outcome = await spec.drainOnce();
      } catch (error) {
        failed(error);
        return;
      }
      if (outcome.error !== undefined) {
        failed(outcome.error);
        return;
      }
      if (!outcome.full) {
        succeeded();
        return;
      }
    }
  }

  function tick(): Promise<void> {
    if (stopped || (!running && Date.now() < nextAttemptAt)) return running ?? Promise.resolve();
    running ??= (async () => {
      if (status.state !== 'failing') status.state = spec.busyState;
      try {
        await drainUntilDone();
      } finally {
        running = undefined;
        if (stopped) status.state = 'stopped';
      }
    })();
    return running;
  }

  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      status.state = 'stopped';
      status.nextAttemptAt = null;
    },
    status: () => ({ ...status }),
  };
}
