// A small, independent reader of the messages the mail transports write (tests only): unfolded headers with
// RFC 2047 encoded words decoded, and the parts of a multipart body decoded from quoted-printable or base64.
// Written here rather than taken from the code under test, so a wrongly built message fails the tests.

export interface ParsedPart {
  headers: Map<string, string>;
  body: string;
}

export interface ParsedMessage extends ParsedPart {
  parts: ParsedPart[];
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i], 'utf8'));
  }
  return Buffer.from(bytes);
}

/** Decodes =?charset?Q|B?…?= words (UTF-8 only), joining adjacent ones as RFC 2047 says. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

function parseEntity(raw: string): ParsedPart {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error('no blank line between headers and body');
  const headerText = raw.slice(0, split);
  const headers = new Map<string, string>();
  for (const line of headerText.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`malformed header line: ${line}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  const body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const decoded =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body).toString('utf8')
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return { headers, body: decoded };
}

/** Parses a whole message (CRLF line ends, as RFC 5322 requires). */
export function parseEml(raw: string): ParsedMessage {
  if (/[^\r]\n/.test(raw)) throw new Error('bare LF in the message: RFC 5322 lines end with CRLF');
  const top = parseEntity(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(top.headers.get('content-type') ?? '')?.[1];
  const parts: ParsedPart[] = [];
  if (boundary) {
    const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    const end = body.indexOf(`--${boundary}--`);
    if (end < 0) throw new Error('multipart body without its closing boundary');
    const chunks = body.slice(0, end).split(`--${boundary}\r\n`).slice(1);
    for (const chunk of chunks) parts.push(parseEntity(chunk.replace(/\r\n$/, '')));
  }
  return { ...top, parts };
}
