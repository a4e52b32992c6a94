import { fileTypeFromBuffer } from 'file-type';

// What an uploaded file is, from its bytes only (never its name or the type the browser declares): `file-type`
// reads the signatures of the formats it knows. Text formats (SVG, HTML) have none: they come back undefined,
// and the domain's rules refuse them. Shared by the logo and the charter's PDFs (decisions 131, 140).

export async function detectContentType(bytes: Uint8Array): Promise<string | undefined> {
  if (bytes.byteLength === 0) return undefined;
  return (await fileTypeFromBuffer(bytes))?.mime;
}
