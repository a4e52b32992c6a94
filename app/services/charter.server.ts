import type { DB } from '../../db/connection';
import { listCharterCriteria } from '../../db/repositories/reference';

// The 9 charter criteria for the public charter page.

export interface CharterCriterion {
  code: string;
  position: number;
  title: string;
  description: string;
}

export function getCharterCriteria(db: DB): Promise<CharterCriterion[]> {
  return listCharterCriteria(db);
}
