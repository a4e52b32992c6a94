import { fail, ok, type Result } from '../result';

// The members' thread of a bid (issue 7 §2, docs/decisions/247-bid-discussion-and-activity.md). Pure.

export const MESSAGE_MAX_LENGTH = 4000;

export const DISCUSSION_MESSAGES = {
  empty: 'Écrivez un message avant de l’envoyer.',
  tooLong: `Le message ne doit pas dépasser ${MESSAGE_MAX_LENGTH} caractères.`,
} as const;

/** A message of 1 to 4,000 characters (counted as the person sees them), trimmed. */
export function parseMessage(raw: unknown): Result<string> {
  const body = typeof raw === 'string' ? raw.replace(/\r\n/g, '\n').trim() : '';
  if (body === '') return fail([{ field: 'body', message: DISCUSSION_MESSAGES.empty }]);
  if ([...body].length > MESSAGE_MAX_LENGTH) return fail([{ field: 'body', message: DISCUSSION_MESSAGES.tooLong }]);
  return ok(body);
}
