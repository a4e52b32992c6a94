import type { Migration } from 'kysely';
import * as m001 from './2026-11-21-001-catalogue';
import * as m20261201001 from './2026-12-01-001-mail-outbox';
import * as m20261201002 from './2026-12-01-002-accounts';
import * as m20261201003 from './2026-12-01-003-organisations';
import * as m20261201004 from './2026-12-01-004-charter-assessments';
import * as m20261201005 from './2026-12-01-005-tenders';
import * as m20261201006 from './2026-12-01-006-bids-and-groupements';
import * as m20261202007 from './2026-12-02-007-search-changes';

// Static list so the migrations run the same under tsx, Vitest and the Remix bundle.
// Names sort in execution order; never rename or edit a landed migration.
export const migrations: Record<string, Migration> = {
  '2026-11-21-001-catalogue': m001,
  '2026-12-01-001-mail-outbox': m20261201001,
  '2026-12-01-002-accounts': m20261201002,
  '2026-12-01-003-organisations': m20261201003,
  '2026-12-01-004-charter-assessments': m20261201004,
  '2026-12-01-005-tenders': m20261201005,
  '2026-12-01-006-bids-and-groupements': m20261201006,
  '2026-12-02-007-search-changes': m20261202007,
};
