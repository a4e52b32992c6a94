import type { ReactNode } from 'react';

/** The submit button of every form. */
export function SubmitButton({ children }: { children: ReactNode }) {
  return (
    <button type="submit" className="button">
      {children}
    </button>
  );
}
