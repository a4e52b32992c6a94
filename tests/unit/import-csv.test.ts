import { describe, expect, it } from 'vitest';
import { decodeCsvInput, detectSeparator, parseCsv } from '../../app/domain/import/csv';
import { resolveHeader } from '../../app/domain/import/columns';
import { formatImportError, sortImportErrors } from '../../app/domain/import/errors';

describe('decodeCsvInput', () => {
  it('strips a UTF-8 BOM from bytes and from a string', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('siret,name\n', 'utf8')]);
    expect(decodeCsvInput(bytes)).toEqual({ ok: true, value: 'siret,name\n' });
    expect(decodeCsvInput('\uFEFFsiret')).toEqual({ ok: true, value: 'siret' });
  });

  it('keeps accented UTF-8 text as is', () => {
    expect(decodeCsvInput(Buffer.from('Économie, Île-de-France', 'utf8'))).toEqual({
      ok: true,
      value: 'Économie, Île-de-France',
    });
  });

  it('refuses Latin-1 bytes and names the line of the first bad byte', () => {
    const latin1 = Buffer.from('siret,name\n1,ok\n2,Soci\xe9t\xe9\n', 'latin1');
    const result = decodeCsvInput(latin1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(3);
    expect(result.error.message).toMatch(/n'est pas encodé en UTF-8/);
  });
});

describe('detectSeparator', () => {
  it('picks the separator of the header line, ignoring quoted ones', () => {
    expect(detectSeparator('siret;name;kind\n1,2,3,4,5\n')).toBe(';');
    expect(detectSeparator('siret,name,kind\n1;2;3;4;5\n')).toBe(',');
    expect(detectSeparator('"a;b;c",name\n')).toBe(',');
    expect(detectSeparator('siret\n')).toBe(',');
  });
});

describe('parseCsv', () => {
  it('gives each record the physical line where it starts, quoted line breaks included', () => {
    const text = 'a,b\n1,"x\ny\nz"\n\n2,3\r\n"4\r\n5",6\n7,8';
    const result = parseCsv(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.records.map((r) => r.line)).toEqual([1, 2, 6, 7, 9]);
    expect(result.value.records[1].cells).toEqual(['1', 'x\ny\nz']);
    expect(result.value.records[3].cells).toEqual(['4\n5', '6']);
  });

  it('handles CRLF, semicolons, embedded separators and doubled quotes', () => {
    const result = parseCsv('a;b\r\n"x;y";"il a dit ""bonjour"""\r\n');
    expect(result.ok && result.value.separator).toBe(';');
    expect(result.ok && result.value.records[1].cells).toEqual(['x;y', 'il a dit "bonjour"']);
  });

  it('skips lines whose cells are all empty (spreadsheet leftovers)', () => {
    const result = parseCsv('a;b\n1;2\n;\n ; \n3;4\n');
    expect(result.ok && result.value.records.map((r) => [r.line, r.cells[0]])).toEqual([
      [1, 'a'],
      [2, '1'],
      [5, '3'],
    ]);
  });

  it('reports an unclosed quote at the line where it opens', () => {
    const result = parseCsv('a,b\n1,2\n3,"oops\n4,5\n6,7\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(3);
    expect(result.error.message).toMatch(/guillemet ouvert/);
  });

  it('reports a misplaced quote', () => {
    const result = parseCsv('a,b\n"1"x,2\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toMatch(/guillemet mal placé/);
  });
});

describe('resolveHeader', () => {
  it('accepts any order and case, with spaces around names', () => {
    expect(resolveHeader([' SIRET ', 'Name', 'commune_insee', 'KIND', 'sectors'])).toEqual({
      ok: true,
      value: ['siret', 'name', 'commune_insee', 'kind', 'sectors'],
    });
  });

  it('names the separator problem of a tab-separated file', () => {
    expect(resolveHeader(['siret\tname\tkind'])).toEqual({
      ok: false,
      error: [
        {
          line: 1,
          column: null,
          message:
            'en-tête : séparateur non reconnu (tabulation ou |) : les colonnes doivent être séparées par « , » ou « ; »',
        },
      ],
    });
  });

  it('refuses unknown, repeated and unnamed columns, and lists missing required ones', () => {
    const result = resolveHeader(['siret', 'nom', 'kind', 'kind', '', 'sectors']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.error.map(formatImportError);
    expect(messages).toContain(
      'ligne 1 : en-tête : colonne inconnue « nom » (colonnes acceptées : siret, name, kind, sectors, commune_insee, description, email, phone, website, headcount, insertion_headcount, service_area, labels, charter_status)',
    );
    expect(messages).toContain('ligne 1, colonne kind : en-tête : la colonne « kind » apparaît plusieurs fois');
    expect(messages).toContain("ligne 1 : en-tête : la colonne n° 5 n'a pas de nom");
    expect(messages).toContain('ligne 1, colonne name : en-tête : colonne obligatoire « name » absente');
    expect(messages).toContain(
      'ligne 1, colonne commune_insee : en-tête : colonne obligatoire « commune_insee » absente',
    );
  });
});

describe('errors', () => {
  it('formats with line and column, and sorts by line then column order', () => {
    expect(formatImportError({ line: 7, column: 'siret', message: 'SIRET invalide' })).toBe(
      'ligne 7, colonne siret : SIRET invalide',
    );
    const sorted = sortImportErrors(
      [
        { line: 3, column: 'email', message: 'b' },
        { line: 2, column: 'kind', message: 'c' },
        { line: 3, column: 'siret', message: 'a' },
        { line: 3, column: null, message: 'z' },
      ],
      ['siret', 'kind', 'email'],
    );
    expect(sorted.map((e) => e.message)).toEqual(['c', 'z', 'a', 'b']);
  });
});
