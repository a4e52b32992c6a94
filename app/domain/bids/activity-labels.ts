// French labels of the workspace's activity log (bid_activity.action) for the allocation, subcontractor,
// checklist and thread actions (docs/decisions/247-bid-discussion-and-activity.md). The overview's actions
// (creation, invitations, submission…) may have their own list; `activityLabel` falls back on a neutral label.

export const WORKSPACE_ACTIVITY = {
  allocationUpdated: 'allocation.updated',
  subcontractorAdded: 'subcontractor.added',
  subcontractorRemoved: 'subcontractor.removed',
  checklistItemUpdated: 'checklist.item-updated',
  checklistDocumentUploaded: 'checklist.document-uploaded',
  messagePosted: 'message.posted',
} as const;

export const WORKSPACE_ACTIVITY_LABELS: Record<string, string> = {
  [WORKSPACE_ACTIVITY.allocationUpdated]: 'Répartition des lots modifiée',
  [WORKSPACE_ACTIVITY.subcontractorAdded]: 'Sous-traitant déclaré',
  [WORKSPACE_ACTIVITY.subcontractorRemoved]: 'Sous-traitant retiré',
  [WORKSPACE_ACTIVITY.checklistItemUpdated]: 'Pièce mise à jour',
  [WORKSPACE_ACTIVITY.checklistDocumentUploaded]: 'Document déposé',
  [WORKSPACE_ACTIVITY.messagePosted]: 'Message publié',
};

/** The label of an action, given other lists of labels (the overview's) to look into first. */
export function activityLabel(action: string, ...others: Record<string, string>[]): string {
  for (const labels of [...others, WORKSPACE_ACTIVITY_LABELS]) if (Object.hasOwn(labels, action)) return labels[action];
  return 'Action sur la réponse';
}
