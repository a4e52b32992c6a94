import { useLocation } from '@remix-run/react';

// A `key` for a Conform form that stays on its page after a successful post (post/redirect/get to the same
// route): Conform keeps a form's state while the component lives, so after a refused post then a successful
// one the old messages (and the old values) stayed on screen, with « Erreur : » in the title. Keyed on the
// location, the form starts afresh from the loader's values on every navigation, as it does without JavaScript;
// while `refused` (the action's answer to this very form), the key holds so Conform shows the answer.

export function useFormKey(refused: boolean): string {
  const { key } = useLocation();
  return refused ? 'refused' : key;
}
