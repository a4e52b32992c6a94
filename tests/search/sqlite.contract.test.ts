import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { createSqliteEngine } from '../../search/sqlite/engine';
import type { SearchEngine } from '../../search/types';
import { TEMPLATE_DB, TMP_DIR } from '../support/paths';
import { describeSearchContract } from './contract';

// The contract suite against the embedded engine, each engine in its own copy of the test database
// (migrations + reference data, built by tests/support/global-setup.ts), deleted when disposed.

const databases = new Map<SearchEngine, { opened: OpenedDatabase; file: string }>();

async function makeEngine(): Promise<SearchEngine> {
  const file = path.join(TMP_DIR, `test-${process.pid}-${crypto.randomUUID()}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  const opened = openDatabase(file);
  const engine = createSqliteEngine(opened.sqlite);
  databases.set(engine, { opened, file });
  return engine;
}

async function dispose(engine: SearchEngine): Promise<void> {
  await engine.close();
  const entry = databases.get(engine);
  if (!entry) return;
  databases.delete(engine);
  await entry.opened.close();
  for (const f of [entry.file, `${entry.file}-wal`, `${entry.file}-shm`]) fs.rmSync(f, { force: true });
}

describeSearchContract('sqlite', makeEngine, { dispose });
