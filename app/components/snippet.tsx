import { Fragment } from 'react';

// Search snippets arrive as HTML-escaped text with the matched words wrapped in <mark>…</mark>
// (search/snippet.ts). They are never injected as HTML: parsed here into text and <mark> elements.

export interface SnippetPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&apos;': "'",
};

/** Decodes the HTML entities an escaper produces (&amp; &lt; &gt; &quot; &#39;); other text is left as is. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|apos|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Splits an escaped snippet into plain and marked parts. Only the exact tags <mark> and </mark> are
 * structure; anything else that looks like a tag is text (it cannot happen with an escaped snippet, and
 * stays harmless if it does, since parts are rendered as React text).
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (raw: string, marked: boolean) => {
    if (raw === '') return;
    const text = decodeEntities(raw);
    const last = parts[parts.length - 1];
    if (last && last.marked === marked) last.text += text;
    else parts.push({ text, marked });
  };
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf('<mark>');
    if (open === -1) {
      push(rest, false);
      break;
    }
    const close = rest.indexOf('</mark>', open + 6);
    if (close === -1) {
      push(rest, false);
      break;
    }
    push(rest.slice(0, open), false);
    push(rest.slice(open + 6, close), true);
    rest = rest.slice(close + 7);
  }
  return parts;
}

export function Snippet({ value }: { value: string }) {
  return (
    <>
      {parseSnippet(value).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>,
      )}
    </>
  );
}
