import { parseEnv } from '../app/env.server';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { loadReferenceData } from '../db/reference/index';

// `npm run migrate`: applies pending migrations and (re)loads the reference data.
const env = parseEnv();
const database = openDatabase(env.DATABASE_PATH);
const result = await migrateToLatest(database.db);
const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
console.log(applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'Base déjà à jour.');
await loadReferenceData(database.db);
console.log('Données de référence chargées.');
await database.close();
