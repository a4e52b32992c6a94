import type { DB } from '../../../db/connection';
import { insertBidMessage, listBidActivity, listBidMessages } from '../../../db/repositories/bid-workspace';
import { touchBid, appendBidActivity, findBid } from '../../../db/repositories/bids';
import { BID_ACTIVITY_LABELS } from '../../domain/bids/activity';
import { activityLabel, WORKSPACE_ACTIVITY } from '../../domain/bids/activity-labels';
import { parseMessage } from '../../domain/bids/discussion';
import { fail, ok, type Result } from '../../domain/result';
import type { BidAccess } from './access.server';
import type { WorkspaceActor, WorkspaceRefusal } from './allocation.server';
import { bidHeading, workspaceRights } from './workspace.server';

// The members' thread and the activity log of a bid (issue 7 §2, docs/decisions/247-bid-discussion-and-activity.md).

export const DISSOLVED_THREAD = 'Cette réponse est abandonnée : la discussion est close.';

export async function getDiscussionPage(db: DB, access: BidAccess) {
  const [messages, activity] = await Promise.all([
    listBidMessages(db, access.bid.id),
    listBidActivity(db, access.bid.id),
  ]);
  return {
    bid: bidHeading(access),
    rights: workspaceRights(access),
    messages,
    activity: activity.map((a) => ({ ...a, label: activityLabel(a.action, BID_ACTIVITY_LABELS) })),
  };
}

/** Posts a message (1 to 4,000 characters) for the actor's member; the thread stays open after submission. */
export async function postBidMessage(
  db: DB,
  input: { bidId: number; actor: WorkspaceActor; fields: Record<string, unknown> },
  now: Date = new Date(),
): Promise<Result<{ id: number }, WorkspaceRefusal>> {
  const parsed = parseMessage(input.fields.body);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  return db.transaction().execute(async (trx) => {
    const bid = await findBid(trx, input.bidId);
    if (!bid) return fail<WorkspaceRefusal>({ kind: 'not-found' });
    if (bid.status === 'dissolved')
      return fail<WorkspaceRefusal>({ kind: 'invalid', issues: [{ field: '', message: DISSOLVED_THREAD }] });
    const id = await insertBidMessage(trx, {
      bidId: input.bidId,
      supplierId: input.actor.supplierId,
      userId: input.actor.userId,
      body: parsed.value,
      now,
    });
    await appendBidActivity(
      trx,
      {
        bidId: input.bidId,
        supplierId: input.actor.supplierId,
        userId: input.actor.userId,
        action: WORKSPACE_ACTIVITY.messagePosted,
      },
      now,
    );
    await touchBid(trx, input.bidId, now);
    return ok({ id });
  });
}
