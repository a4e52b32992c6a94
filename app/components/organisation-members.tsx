import { Form } from '@remix-run/react';
import type { ReactNode } from 'react';
import { formatDate } from '~/components/format';
import { MEMBERSHIP_ROLES, MEMBERSHIP_ROLE_LABELS, type MembershipRole } from '~/domain/organisation';
import { DECISION_NOTE_MAX_LENGTH } from '~/domain/organisation-forms';

// The lists of the members page (app/routes/organisations.$orgId.membres.tsx): members with, for owners, a
// role change and a removal form each; open invitations with a revoke button; join requests to decide. Each
// row's form is its own POST with an `intent`; a refusal's message is shown next to the row it is about.

export interface ItemMessage {
  intent: string;
  targetId: string | null;
  message: string | null;
  ok: boolean;
}

function RowMessage({
  id,
  answer,
  intent,
  targetId,
}: {
  id: string;
  answer: ItemMessage | undefined;
  intent: string;
  targetId: string;
}) {
  if (!answer || answer.ok || answer.intent !== intent || answer.targetId !== targetId || !answer.message) return null;
  return (
    <ul id={id} className="field__errors">
      <li>{answer.message}</li>
    </ul>
  );
}

export interface MemberRow {
  userId: number;
  email: string;
  role: MembershipRole;
  since: string;
  you: boolean;
}

export function MemberList({
  members,
  manage,
  answer,
}: {
  members: MemberRow[];
  manage: boolean;
  answer?: ItemMessage;
}) {
  return (
    <ul className="session-list">
      {members.map((m) => {
        const target = String(m.userId);
        const failed = (intent: string) =>
          answer !== undefined && !answer.ok && answer.intent === intent && answer.targetId === target;
        return (
          <li key={m.userId}>
            <h3>
              {m.email}
              {m.you ? ' (vous)' : null}
            </h3>
            <p>
              {MEMBERSHIP_ROLE_LABELS[m.role]}, membre depuis le {formatDate(m.since)}
            </p>
            {manage ? (
              <>
                <RowMessage id={`member-${m.userId}-errors`} answer={answer} intent="change-role" targetId={target} />
                <div className="member-actions">
                  <Form method="post">
                    <input type="hidden" name="intent" value="change-role" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <label htmlFor={`role-${m.userId}`}>Rôle de {m.email}</label>{' '}
                    <select
                      id={`role-${m.userId}`}
                      name="role"
                      defaultValue={m.role}
                      aria-invalid={failed('change-role') ? true : undefined}
                      aria-describedby={failed('change-role') ? `member-${m.userId}-errors` : undefined}
                    >
                      {MEMBERSHIP_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {MEMBERSHIP_ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" className="button button--secondary">
                      Changer le rôle<span className="visually-hidden"> de {m.email}</span>
                    </button>
                  </Form>
                  {m.you ? null : (
                    <>
                      <RowMessage id={`remove-${m.userId}-errors`} answer={answer} intent="remove" targetId={target} />
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button
                          type="submit"
                          className="button button--secondary"
                          aria-describedby={failed('remove') ? `remove-${m.userId}-errors` : undefined}
                        >
                          Retirer de l’organisation<span className="visually-hidden"> : {m.email}</span>
                        </button>
                      </Form>
                    </>
                  )}
                </div>
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

export interface InvitationRow {
  id: string;
  email: string;
  role: MembershipRole;
  createdAt: string;
  expiresAt: string;
  invitedBy: string | null;
}

export function InvitationList({ invitations, answer }: { invitations: InvitationRow[]; answer?: ItemMessage }) {
  if (invitations.length === 0) return <p>Aucune invitation en attente.</p>;
  return (
    <ul className="session-list">
      {invitations.map((i) => (
        <li key={i.id}>
          <p>
            <strong>{i.email}</strong>, comme {MEMBERSHIP_ROLE_LABELS[i.role].toLowerCase()} — envoyée le{' '}
            {formatDate(i.createdAt)}
            {i.invitedBy ? ` par ${i.invitedBy}` : null}, valable jusqu’au {formatDate(i.expiresAt)}.
          </p>
          <RowMessage id={`invitation-${i.id}-errors`} answer={answer} intent="revoke-invitation" targetId={i.id} />
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-invitation" />
            <input type="hidden" name="invitationId" value={i.id} />
            <button type="submit" className="button button--secondary">
              Annuler l’invitation<span className="visually-hidden"> de {i.email}</span>
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

export interface JoinRequestRow {
  id: number;
  email: string;
  message: string;
  createdAt: string;
}

/** Requests to decide, each with a note and two buttons (accept, refuse). Used by owners and moderators. */
export function JoinRequestList({
  requests,
  answer,
  intent,
  approveLabel,
  noteLabel,
  headingLevel = 3,
}: {
  requests: (JoinRequestRow & { details?: ReactNode })[];
  answer?: ItemMessage;
  intent: string;
  approveLabel: string;
  noteLabel: string;
  /** 2 on a page where the list is the main content, 3 under a section's h2. */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="session-list">
      {requests.map((r) => {
        const noteId = `note-${r.id}`;
        const errorId = `${noteId}-errors`;
        const failed = answer && !answer.ok && answer.intent === intent && answer.targetId === String(r.id);
        return (
          <li key={r.id}>
            <Heading>{r.email}</Heading>
            <p>Demande du {formatDate(r.createdAt)}.</p>
            {r.details}
            {r.message ? (
              <blockquote>
                <p>{r.message}</p>
              </blockquote>
            ) : (
              <p className="muted">Aucun message.</p>
            )}
            <Form method="post">
              <input type="hidden" name="intent" value={intent} />
              <input type="hidden" name="requestId" value={r.id} />
              <div className="field">
                <label htmlFor={noteId}>{noteLabel}</label>
                <RowMessage id={errorId} answer={answer} intent={intent} targetId={String(r.id)} />
                <textarea
                  id={noteId}
                  name="note"
                  rows={3}
                  maxLength={DECISION_NOTE_MAX_LENGTH}
                  className="field__input"
                  aria-invalid={failed ? true : undefined}
                  aria-describedby={failed ? errorId : undefined}
                />
              </div>
              <button type="submit" name="decision" value="approve" className="button">
                {approveLabel}
                <span className="visually-hidden"> de {r.email}</span>
              </button>{' '}
              <button type="submit" name="decision" value="reject" className="button button--secondary">
                Refuser<span className="visually-hidden"> la demande de {r.email}</span>
              </button>
            </Form>
          </li>
        );
      })}
    </ul>
  );
}
