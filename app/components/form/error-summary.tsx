import { useEffect, useRef } from 'react';

// The summary at the top of a form sent back with errors (RGAA 11.10, 11.11): a titled list where each
// message links to its field; it takes the focus when it appears, so screen readers read it first. While it is
// shown, the page title starts with « Erreur : » (RGAA 8.6): set in the browser, since a route's `meta` does not
// see the action's answer (decision 110).

export interface SummaryItem {
  /** The id of the input (the link's target); null for a message about the whole form. */
  fieldId: string | null;
  /** The field's label, put before the message; '' when the message already names the field. */
  label: string | null;
  messages: string[];
}

const TITLE_PREFIX = 'Erreur : ';

export function ErrorSummary({ items, submissionKey }: { items: SummaryItem[]; submissionKey?: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  const count = items.reduce((n, item) => n + item.messages.length, 0);
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count, submissionKey]);
  useEffect(() => {
    if (count === 0 || document.title.startsWith(TITLE_PREFIX)) return;
    const title = document.title;
    document.title = `${TITLE_PREFIX}${title}`;
    return () => {
      if (document.title === `${TITLE_PREFIX}${title}`) document.title = title;
    };
  }, [count]);
  if (count === 0) return null;
  return (
    <div ref={ref} className="alert" tabIndex={-1} aria-labelledby="resume-erreurs-titre">
      <h2 id="resume-erreurs-titre">
        {count === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${count} erreurs`}
      </h2>
      <ul>
        {items.flatMap((item) =>
          item.messages.map((message) => (
            <li key={`${item.fieldId ?? 'form'}-${message}`}>
              {item.fieldId && item.label !== null ? (
                <a href={`#${item.fieldId}`}>{item.label ? `${item.label} : ${message}` : message}</a>
              ) : (
                message
              )}
            </li>
          )),
        )}
      </ul>
    </div>
  );
}
