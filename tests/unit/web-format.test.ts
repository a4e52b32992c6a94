import { describe, expect, it } from 'vitest';
import { countLabel, formatDate, formatPhone, formatSiret, safeWebsite, telHref } from '../../app/components/format';
import { pageWindow } from '../../app/components/pagination';
import { decodeEntities, parseSnippet } from '../../app/components/snippet';
import { communeFieldValue, parseCommuneInput } from '../../app/services/commune-lookup.server';
import { escapeHtml, formatSnippet, MATCH_END, MATCH_START } from '../../search/snippet';

describe('parseSnippet', () => {
  it('splits text and marked words', () => {
    expect(parseSnippet('Entretien des <mark>espaces</mark> verts')).toEqual([
      { text: 'Entretien des ', marked: false },
      { text: 'espaces', marked: true },
      { text: ' verts', marked: false },
    ]);
  });

  it('decodes the five HTML entities and nothing else', () => {
    expect(decodeEntities('a &amp; b &lt;c&gt; &quot;d&quot; l&#39;e &eacute;')).toBe('a & b <c> "d" l\'e &eacute;');
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
  });

  it('keeps an escaped <script> as text, never as a tag', () => {
    const snippet = formatSnippet(`avant ${MATCH_START}<script>alert(1)</script>${MATCH_END} après`);
    const parts = parseSnippet(snippet);
    expect(parts).toEqual([
      { text: 'avant ', marked: false },
      { text: '<script>alert(1)</script>', marked: true },
      { text: ' après', marked: false },
    ]);
  });

  it('round-trips any escaped text exactly', () => {
    const raw = `L'atelier "Tissage" & <co> </mark> <mark>`;
    expect(parseSnippet(escapeHtml(raw))).toEqual([{ text: raw, marked: false }]);
  });

  it('treats unbalanced tags as text and merges neighbours', () => {
    expect(parseSnippet('a <mark>b')).toEqual([{ text: 'a <mark>b', marked: false }]);
    expect(parseSnippet('<mark>a</mark><mark>b</mark>')).toEqual([{ text: 'ab', marked: true }]);
    expect(parseSnippet('')).toEqual([]);
  });
});

describe('French formatting', () => {
  it('formats counts with French plural rules and thousands separators', () => {
    expect(countLabel(0, 'fournisseur')).toBe('0 fournisseur');
    expect(countLabel(1, 'fournisseur')).toBe('1 fournisseur');
    expect(countLabel(2, 'fournisseur')).toBe('2 fournisseurs');
    expect(countLabel(1234, 'fournisseur').replace(/\s/g, ' ')).toBe('1 234 fournisseurs');
  });

  it('formats SIRET, phone and dates', () => {
    expect(formatSiret('81234567600017')).toBe('812 345 676 00017');
    expect(formatSiret('123')).toBe('123');
    expect(formatPhone('0472000001')).toBe('04 72 00 00 01');
    expect(formatPhone('+33 4 72 00 00 01')).toBe('+33 4 72 00 00 01');
    expect(telHref('04 72 00 00 01')).toBe('tel:0472000001');
    expect(formatDate('2026-11-21T10:00:00.000Z')).toBe('21 novembre 2026');
    expect(formatDate('pas une date')).toBe('pas une date');
  });

  it('only links http(s) websites', () => {
    expect(safeWebsite('https://exemple.example.fr/')).toEqual({
      href: 'https://exemple.example.fr/',
      text: 'exemple.example.fr',
    });
    expect(safeWebsite('javascript:alert(1)')).toBeNull();
    expect(safeWebsite('pas une url')).toBeNull();
  });
});

describe('pageWindow', () => {
  it('shows first, last and a window around the current page', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageWindow(1, 20)).toEqual([1, 2, 3, null, 20]);
    expect(pageWindow(20, 20)).toEqual([1, null, 18, 19, 20]);
  });
});

describe('parseCommuneInput', () => {
  it('accepts INSEE codes, suggestions and names', () => {
    expect(parseCommuneInput('  ')).toEqual({ kind: 'empty' });
    expect(parseCommuneInput('69123')).toEqual({ kind: 'code', code: '69123' });
    expect(parseCommuneInput('2a004')).toEqual({ kind: 'code', code: '2A004' });
    expect(parseCommuneInput(communeFieldValue({ name: 'Ajaccio', code: '2A004' }))).toEqual({
      kind: 'code',
      code: '2A004',
    });
    expect(parseCommuneInput('Lyon (69123)')).toEqual({ kind: 'code', code: '69123' });
    expect(parseCommuneInput('Saint-Étienne')).toEqual({ kind: 'name', name: 'Saint-Étienne' });
    expect(parseCommuneInput('6912')).toEqual({ kind: 'name', name: '6912' });
  });
});
