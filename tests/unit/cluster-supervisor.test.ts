import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { superviseWorkers, type ClusterHandle, type SupervisorOptions } from '../../scripts/lib/cluster';

// The cluster's primary (scripts/lib/cluster.ts, docs/decisions/330-cluster-workers.md) driven through a fake
// node:cluster: which workers it forks and replaces, when it gives up, how it stops. tests/e2e/cluster.test.ts
// runs the real one.

class FakeWorker {
  readonly sent: unknown[] = [];
  connected = true;
  killedWith: string | undefined;
  constructor(
    readonly id: number,
    readonly process = { pid: 1000 + id },
  ) {}
  send(message: unknown, callback: (error: Error | null) => void) {
    this.sent.push(message);
    callback(null);
  }
  isConnected() {
    return this.connected;
  }
  kill(signal?: string) {
    this.killedWith = signal;
  }
}

class FakeCluster extends EventEmitter {
  readonly forked: FakeWorker[] = [];
  fork() {
    const worker = new FakeWorker(this.forked.length + 1);
    this.forked.push(worker);
    return worker;
  }
  exit(worker: FakeWorker, code: number | null, signal: string | null = null) {
    worker.connected = false;
    this.emit('exit', worker, code, signal);
  }
}

const idle = { state: 'idle', consecutiveFailures: 0, lastError: null, lastErrorAt: null } as const;
const status = { ...idle, lastSuccessAt: null, nextAttemptAt: null };

function supervise(cluster: FakeCluster, overrides: Partial<SupervisorOptions> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  let signal!: (name: string) => void;
  const stopPrimary = vi.fn(async () => undefined);
  const onReady = vi.fn();
  let clock = 0;
  const done = superviseWorkers({
    workers: 2,
    backgroundStatus: () => ({ outbox: status, mail: status }),
    onReady,
    stopPrimary,
    cluster: cluster as unknown as ClusterHandle,
    crashLimit: 3,
    crashWindowMs: 60_000,
    shutdownTimeoutMs: 50,
    onSignal: (handler) => (signal = handler),
    log: (line) => lines.push(line),
    error: (message) => errors.push(message),
    now: () => clock,
    ...overrides,
  });
  return {
    done,
    lines,
    errors,
    stopPrimary,
    onReady,
    signal: (name: string) => signal(name),
    tick: (ms: number) => (clock += ms),
  };
}

const shutdowns = (worker: FakeWorker) =>
  worker.sent.filter((m) => (m as { type: string }).type === 'maillage:shutdown');

beforeEach(() => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the cluster primary', () => {
  it('forks the workers, sends each its background state when it comes online, and is ready once all listen', () => {
    const cluster = new FakeCluster();
    const run = supervise(cluster);
    expect(cluster.forked.map((w) => w.id)).toEqual([1, 2]);
    cluster.emit('online', cluster.forked[0]);
    expect(cluster.forked[0].sent).toEqual([{ type: 'maillage:background', outbox: status, mail: status }]);
    cluster.emit('listening', cluster.forked[0], { port: 3300 });
    expect(run.onReady).not.toHaveBeenCalled();
    cluster.emit('listening', cluster.forked[1], { port: 3300 });
    expect(run.onReady).toHaveBeenCalledExactlyOnceWith('http://localhost:3300');
  });

  it('replaces a worker that dies, with one log line naming its exit code or signal', () => {
    const cluster = new FakeCluster();
    const run = supervise(cluster);
    cluster.exit(cluster.forked[0], 1);
    cluster.exit(cluster.forked[1], null, 'SIGKILL');
    expect(cluster.forked.map((w) => w.id)).toEqual([1, 2, 3, 4]);
    expect(run.lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        worker: 1,
        pid: 1001,
        exitCode: 1,
        signal: null,
        message: 'processus worker-1 arrêté (code 1) : remplacé',
      }),
      expect.objectContaining({
        worker: 2,
        exitCode: null,
        signal: 'SIGKILL',
        message: 'processus worker-2 arrêté (signal SIGKILL) : remplacé',
      }),
    ]);
    expect(run.errors).toEqual([]);
  });

  it('forgets crashes older than the window', () => {
    const cluster = new FakeCluster();
    const run = supervise(cluster);
    for (let i = 0; i < 6; i++) {
      cluster.exit(cluster.forked.at(-1)!, 1);
      run.tick(30_001);
    }
    expect(run.errors).toEqual([]);
    expect(cluster.forked).toHaveLength(8);
  });

  it('gives up when the workers keep dying: a French message, the others stopped, the last exit code', async () => {
    const cluster = new FakeCluster();
    const run = supervise(cluster);
    cluster.exit(cluster.forked[0], 12);
    cluster.exit(cluster.forked[2], 12);
    cluster.exit(cluster.forked[3], 12);
    expect(cluster.forked).toHaveLength(4);
    expect(run.errors).toEqual([
      "Échec : les processus de service s'arrêtent sans cesse (3 arrêts en moins de 60 s, le dernier : code 12) ; Maillage s'arrête. La cause est dans les lignes précédentes du journal.",
    ]);
    expect(shutdowns(cluster.forked[1])).toHaveLength(1);
    cluster.exit(cluster.forked[1], 0);
    expect(await run.done).toBe(12);
    expect(run.stopPrimary).toHaveBeenCalledOnce();
    expect(cluster.forked).toHaveLength(4);
  });

  it('exits 70 when the workers keep being killed by a signal', async () => {
    const cluster = new FakeCluster();
    const run = supervise(cluster, { workers: 1 });
    for (let i = 0; i < 3; i++) cluster.exit(cluster.forked.at(-1)!, null, 'SIGSEGV');
    expect(await run.done).toBe(70);
  });

  it('on a signal asks every worker to stop, replaces none, then stops its own work and resolves 0', async () => {
    const cluster = new FakeCluster();
    const run = supervise(cluster);
    run.signal('SIGTERM');
    run.signal('SIGINT');
    for (const worker of cluster.forked) expect(shutdowns(worker)).toHaveLength(1);
    expect(run.stopPrimary).not.toHaveBeenCalled();
    cluster.exit(cluster.forked[0], 0);
    cluster.exit(cluster.forked[1], 0);
    expect(await run.done).toBe(0);
    expect(run.stopPrimary).toHaveBeenCalledOnce();
    expect(cluster.forked).toHaveLength(2);
    expect(console.log).toHaveBeenCalledWith(
      'Arrêt demandé (SIGTERM) : les processus de service finissent leurs requêtes…',
    );
  });

  it('kills a worker that has not finished within the shutdown delay', async () => {
    const cluster = new FakeCluster();
    const run = supervise(cluster);
    run.signal('SIGTERM');
    cluster.exit(cluster.forked[0], 0);
    await vi.waitFor(() => expect(cluster.forked[1].killedWith).toBe('SIGKILL'));
    expect(run.lines.at(-1)).toContain("1 processus toujours actif(s) après le délai d'arrêt : arrêtés de force");
    cluster.exit(cluster.forked[1], null, 'SIGKILL');
    expect(await run.done).toBe(0);
  });
});
