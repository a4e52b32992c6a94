import { CHARTER_STATUS_LABELS, type CharterStatus } from '~/domain/charter';

// The charter status as text plus an icon; the colour only repeats what the text says.

const ICONS: Record<CharterStatus, JSX.Element> = {
  verified: (
    <>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path
        d="M4.5 8.3l2.3 2.3 4.7-4.9"
        fill="none"
        stroke="#fff"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </>
  ),
  pending: (
    <>
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 4.5V8l2.5 1.6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </>
  ),
  expired: (
    <>
      <path d="M8 1.5l7 12.5H1z" fill="currentColor" />
      <path d="M8 6v3.6" stroke="#fff" strokeWidth="1.7" strokeLinecap="round" />
      <circle cx="8" cy="11.9" r="1" fill="#fff" />
    </>
  ),
  none: (
    <>
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M5 8h6" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </>
  ),
};

export function CharterIcon({ status }: { status: CharterStatus }) {
  return (
    <svg className="charter-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {ICONS[status]}
    </svg>
  );
}

export function CharterStatusBadge({ status, label }: { status: CharterStatus; label?: string }) {
  return (
    <span className={`charter-status charter-status--${status}`}>
      <CharterIcon status={status} />
      <span>{label ?? CHARTER_STATUS_LABELS[status]}</span>
    </span>
  );
}
