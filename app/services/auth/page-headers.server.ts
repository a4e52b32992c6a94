import type { HeadersFunction } from '@remix-run/node';

// Remix keeps only the cookies of the loaders' and actions' answers unless a route exports `headers`
// (docs/decisions/110-forms.md). The root and the private pages export this one: Cache-Control and
// Referrer-Policy go from the root's loader (no-store when someone is signed in) and from the page's own
// loader or action to the page's answer; the page's value wins.

const PASSED_ON = ['Cache-Control', 'Referrer-Policy'] as const;

export const pageHeaders: HeadersFunction = ({ parentHeaders, loaderHeaders, actionHeaders }) => {
  const headers = new Headers();
  for (const source of [parentHeaders, loaderHeaders, actionHeaders])
    for (const name of PASSED_ON) {
      const value = source.get(name);
      if (value) headers.set(name, value);
    }
  return headers;
};
