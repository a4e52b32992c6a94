// Shared snippet formatting for both search engines. An engine marks the matched words of an excerpt with
// private control characters (MATCH_START before, MATCH_END after); formatSnippet turns that into HTML that
// is safe to render: every character of the text is escaped, and only our own <mark>…</mark> tags remain.

/** Placed before a matched word by an engine (Meilisearch's highlightPreTag, our own SQLite snippets). */
export const MATCH_START = '\u0002';
/** Placed after a matched word. */
export const MATCH_END = '\u0003';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five HTML-significant characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Removes the marker characters (and other C0 control characters except tab and newline) from raw text. */
export function stripMarkers(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * Escapes `marked` (text whose matches are wrapped in MATCH_START / MATCH_END) and turns each marked
 * span into <mark>…</mark>. Unbalanced markers are tolerated: a stray MATCH_END is dropped, an unclosed
 * MATCH_START is closed at the end. Empty marks are dropped. Runs of whitespace are collapsed to one space.
 */
export function formatSnippet(marked: string): string {
  let out = '';
  let open = false;
  let markBuffer = '';
  const text = marked.replace(/\s+/g, ' ').trim();
  for (const ch of text) {
    if (ch === MATCH_START) {
      if (!open) {
        open = true;
        markBuffer = '';
      }
    } else if (ch === MATCH_END) {
      if (open) {
        if (markBuffer.length > 0) out += `<mark>${escapeHtml(stripMarkers(markBuffer))}</mark>`;
        open = false;
      }
    } else if (open) {
      markBuffer += ch;
    } else {
      out += escapeHtml(stripMarkers(ch));
    }
  }
  if (open && markBuffer.length > 0) out += `<mark>${escapeHtml(stripMarkers(markBuffer))}</mark>`;
  return out;
}
