import type { FieldIssue } from '~/domain/result';

// What the organisation services need of the signed-in person who acts: their id, and their address as the
// audit log keeps it (decision 120).

export interface OrgActor {
  userId: number;
  email: string;
}

export type Invalid = { kind: 'invalid'; issues: FieldIssue[] };

export function invalid(field: string, message: string): Invalid {
  return { kind: 'invalid', issues: [{ field, message }] };
}
