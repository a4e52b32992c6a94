import { describe, expect, it } from 'vitest';
import { slugify } from '../../app/domain/supplier';
import { normaliseForSearch } from '../../app/domain/text';

describe('normaliseForSearch', () => {
  it('lower-cases, removes accents and turns hyphens and apostrophes into spaces', () => {
    expect(normaliseForSearch('Saint-Étienne')).toBe('saint etienne');
    expect(normaliseForSearch("L'Haÿ-les-Roses")).toBe('l hay les roses');
    expect(normaliseForSearch('Châlons-en-Champagne')).toBe('chalons en champagne');
    expect(normaliseForSearch('L’Île-d’Yeu')).toBe('l ile d yeu');
    expect(normaliseForSearch('Œuvre ÆSOP Straße')).toBe('oeuvre aesop strasse');
    expect(normaliseForSearch('  Marseille  13e   arrondissement ')).toBe('marseille 13e arrondissement');
    expect(normaliseForSearch('Ajaccio (2A)')).toBe('ajaccio 2a');
  });

  it('gives an empty string for empty or punctuation-only input', () => {
    expect(normaliseForSearch('')).toBe('');
    expect(normaliseForSearch(" - ' % _ ")).toBe('');
  });

  it('is idempotent', () => {
    for (const text of ['Saint-Étienne', "L'Haÿ-les-Roses", 'Œuvre'])
      expect(normaliseForSearch(normaliseForSearch(text))).toBe(normaliseForSearch(text));
  });
});

describe('slugify', () => {
  it('makes lower-case ASCII kebab slugs', () => {
    expect(slugify('Atelier du Val Propreté')).toBe('atelier-du-val-proprete');
    expect(slugify("Jardins de Cocagne du Pays d'Auge")).toBe('jardins-de-cocagne-du-pays-d-auge');
    expect(slugify('Scop Imprimerie Coopérative — Œuvres')).toBe('scop-imprimerie-cooperative-oeuvres');
    expect(slugify('ÆSOP Straße')).toBe('aesop-strasse');
  });

  it('falls back when nothing is left and caps the length without a trailing hyphen', () => {
    expect(slugify('—')).toBe('fournisseur');
    const long = slugify('Régie de quartier '.repeat(10));
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('-')).toBe(false);
  });
});
