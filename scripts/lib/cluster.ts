import nodeCluster from 'node:cluster';
import type { AppContext } from '../../app/services/context.server';
import type { MailWorkerStatus } from '../../app/services/mail/sender.server';
import type { OutboxWorkerStatus } from '../../search/outbox';

// `npm start` with WEB_CONCURRENCY > 1 (docs/decisions/330-cluster-workers.md, 331, 332): the primary forks the
// workers that serve HTTP on the shared port, replaces one that dies (until they keep dying), relays the state of
// the background work it runs to every worker for /healthz, and on SIGINT/SIGTERM lets every worker finish its
// requests and close its handles before it exits 0.

/** More unexpected worker exits than this within CRASH_WINDOW_MS: the primary stops replacing them and exits. */
export const CRASH_LIMIT = 5;
export const CRASH_WINDOW_MS = 60_000;
/** How long the workers get to finish their requests at shutdown before they are killed. */
export const SHUTDOWN_TIMEOUT_MS = 20_000;
/** How often the primary sends its background state to the workers. */
export const RELAY_INTERVAL_MS = 1_000;

/** The primary's background work, as every worker shows it in /healthz. */
export interface BackgroundStatus {
  outbox: OutboxWorkerStatus;
  mail: MailWorkerStatus;
}

type ToWorker = ({ type: 'maillage:background' } & BackgroundStatus) | { type: 'maillage:shutdown' };

/** What the supervisor needs of a worker (node:cluster's Worker; a fake in tests). */
export interface WorkerHandle {
  id: number;
  process: { pid?: number };
  send(message: ToWorker, callback: (error: Error | null) => void): unknown;
  isConnected(): boolean;
  kill(signal?: string): void;
}

/** What the supervisor needs of node:cluster in the primary. */
export interface ClusterHandle {
  fork(): WorkerHandle;
  on(event: 'exit', listener: (worker: WorkerHandle, code: number | null, signal: string | null) => void): unknown;
  on(event: 'listening', listener: (worker: WorkerHandle, address: { port: number }) => void): unknown;
  on(event: 'online', listener: (worker: WorkerHandle) => void): unknown;
}

export interface SupervisorOptions {
  workers: number;
  /** The state of the background work this process runs, relayed to the workers. */
  backgroundStatus(): BackgroundStatus;
  /** Once, when every first worker listens. */
  onReady(url: string): void;
  /** Stops the primary's own work (background work, handles), once the workers have exited. */
  stopPrimary(): Promise<void>;
  cluster?: ClusterHandle;
  crashLimit?: number;
  crashWindowMs?: number;
  shutdownTimeoutMs?: number;
  /** The signals that stop the cluster (default SIGINT and SIGTERM on this process). */
  onSignal?(stop: (signal: string) => void): void;
  log?(line: string): void;
  /** The French message when the workers keep dying (stderr by default). */
  error?(message: string): void;
  now?(): number;
}

/** How a worker ended, in a log line's words. */
function exitDescription(code: number | null, signal: string | null): string {
  return signal ? `signal ${signal}` : `code ${code ?? '?'}`;
}

/**
 * Forks the workers and supervises them until SIGINT/SIGTERM (resolves 0 once every worker exited and the
 * primary's work stopped) or until the workers keep dying (resolves with the last one's exit code, or 70).
 */
export function superviseWorkers(options: SupervisorOptions): Promise<number> {
  const cluster = options.cluster ?? (nodeCluster as unknown as ClusterHandle);
  const crashLimit = options.crashLimit ?? CRASH_LIMIT;
  const crashWindowMs = options.crashWindowMs ?? CRASH_WINDOW_MS;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const error = options.error ?? ((message: string) => console.error(message));
  const live = new Map<number, WorkerHandle>();
  const listening = new Set<number>();
  const crashes: number[] = [];
  let ready = false;
  let stopping: Promise<void> | undefined;
  let finish!: (code: number) => void;
  const done = new Promise<number>((resolve) => (finish = resolve));

  const send = (worker: WorkerHandle, message: ToWorker) => {
    // A worker that is exiting has closed its channel: the message is not needed any more.
    if (worker.isConnected()) worker.send(message, () => undefined);
  };
  const relay = (worker: WorkerHandle) => send(worker, { type: 'maillage:background', ...options.backgroundStatus() });
  const relayTimer = setInterval(() => live.forEach(relay), RELAY_INTERVAL_MS);
  relayTimer.unref();

  const fork = () => {
    const worker = cluster.fork();
    live.set(worker.id, worker);
  };

  const exited = new Set<() => void>();
  const stop = (code: number) => {
    stopping ??= (async () => {
      clearInterval(relayTimer);
      if (live.size > 0) {
        const allExited = new Promise<void>((resolve) => exited.add(() => live.size === 0 && resolve()));
        for (const worker of live.values()) send(worker, { type: 'maillage:shutdown' });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), options.shutdownTimeoutMs ?? SHUTDOWN_TIMEOUT_MS);
        });
        if ((await Promise.race([allExited, timeout])) === 'timeout') {
          log(
            JSON.stringify({
              level: 'warn',
              source: 'cluster',
              message: `${live.size} processus toujours actif(s) après le délai d'arrêt : arrêtés de force`,
            }),
          );
          for (const worker of live.values()) worker.kill('SIGKILL');
          await allExited;
        }
        clearTimeout(timer);
      }
      await options.stopPrimary();
      if (code === 0) console.log('Maillage est arrêté.');
      finish(code);
    })();
  };

  cluster.on('online', relay);
  cluster.on('listening', (worker, address) => {
    listening.add(worker.id);
    if (!ready && listening.size >= options.workers) {
      ready = true;
      options.onReady(`http://localhost:${address.port}`);
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker.id);
    listening.delete(worker.id);
    exited.forEach((check) => check());
    if (stopping) return;
    const at = now();
    crashes.push(at);
    while (crashes.length > 0 && crashes[0] <= at - crashWindowMs) crashes.shift();
    const gaveUp = crashes.length >= crashLimit;
    log(
      JSON.stringify({
        level: 'error',
        source: 'cluster',
        worker: worker.id,
        pid: worker.process.pid ?? null,
        exitCode: code,
        signal,
        message: `processus worker-${worker.id} arrêté (${exitDescription(code, signal)})${gaveUp ? '' : ' : remplacé'}`,
      }),
    );
    if (!gaveUp) {
      fork();
      return;
    }
    error(
      `Échec : les processus de service s'arrêtent sans cesse (${crashes.length} arrêts en moins de ${Math.round(
        crashWindowMs / 1000,
      )} s, le dernier : ${exitDescription(code, signal)}) ; Maillage s'arrête. La cause est dans les lignes précédentes du journal.`,
    );
    stop(code !== null && code > 0 && code < 256 ? code : 70);
  });

  const onSignal =
    options.onSignal ??
    ((handler: (signal: string) => void) =>
      (['SIGINT', 'SIGTERM'] as const).forEach((signal) => process.on(signal, () => handler(signal))));
  onSignal((signal) => {
    if (!stopping) console.log(`Arrêt demandé (${signal}) : les processus de service finissent leurs requêtes…`);
    stop(0);
  });
  for (let i = 0; i < options.workers; i++) fork();
  return done;
}

/**
 * In a worker, called first (a message that comes before a listener is lost): keeps the primary's latest
 * background state and whether it asked to stop. `attach` then shows that state in /healthz
 * (`context.outboxWorker` and `mailWorker`, absent until the first message) and calls `stop` when the primary
 * asks, at once if it already did while the worker was starting.
 */
export function listenToPrimary(): { attach(context: AppContext, stop: () => void): void } {
  let latest: BackgroundStatus | undefined;
  let stopAsked = false;
  let onStop: (() => void) | undefined;
  let onState: (() => void) | undefined;
  process.on('message', (message: ToWorker) => {
    if (message?.type === 'maillage:shutdown') {
      stopAsked = true;
      onStop?.();
    } else if (message?.type === 'maillage:background') {
      latest = { outbox: message.outbox, mail: message.mail };
      onState?.();
    }
  });
  return {
    attach(context, stop) {
      onState = () => {
        context.outboxWorker ??= { status: () => latest!.outbox };
        context.mailWorker ??= { status: () => latest!.mail };
      };
      if (latest) onState();
      onStop = stop;
      if (stopAsked) stop();
    },
  };
}

export const isClusterWorker = (): boolean => nodeCluster.isWorker;
export const clusterWorkerId = (): number => nodeCluster.worker?.id ?? 0;
