import { describe, expect, it } from 'vitest';
import { COMPLETION_ITEMS, DESCRIPTION_FULL, computeCompletion } from '../../app/domain/sheet/completion';
import type { SheetData } from '../../app/domain/sheet/sheet';
import { EMPTY_SHEET } from '../support/sheet-data';

// The completion score (docs/decisions/132-completion-score.md).

const empty = EMPTY_SHEET;

const full: SheetData = {
  ...empty,
  legalForm: 'Association',
  yearFounded: 2010,
  address: '1 rue de la Paix',
  postcode: '69001',
  description: 'x'.repeat(DESCRIPTION_FULL),
  offers: [{ name: 'Tonte', description: '' }],
  sectors: ['espaces-verts'],
  serviceAreas: [{ kind: 'departement', code: '69' }],
  headcount: 12,
  turnoverBand: '100k-500k',
  references: [{ clientName: 'Ville', year: 2024, description: '' }],
  labels: ['esus'],
  email: 'a@b.fr',
  phone: '04 72 00 00 00',
  website: 'https://a.fr',
};

describe('computeCompletion', () => {
  it('has weights that sum to 100, each item with a French hint and a section', () => {
    expect(COMPLETION_ITEMS.reduce((n, i) => n + i.weight, 0)).toBe(100);
    for (const item of COMPLETION_ITEMS) expect(item.missing).toMatch(/^[A-ZÉ]/);
  });

  it('scores an empty sheet 0 and lists everything', () => {
    const c = computeCompletion(empty, false);
    expect(c.percent).toBe(0);
    expect(c.missing).toHaveLength(COMPLETION_ITEMS.length);
  });

  it('scores a full sheet with a logo 100 with nothing missing', () => {
    expect(computeCompletion(full, true)).toEqual({ percent: 100, missing: [] });
  });

  it('counts the logo and partial items', () => {
    const noLogo = computeCompletion(full, false);
    expect(noLogo.percent).toBe(95);
    expect(noLogo.missing.map((m) => m.key)).toEqual(['logo']);
    const shortText = computeCompletion({ ...full, description: 'x'.repeat(60) }, true);
    expect(shortText.percent).toBe(92); // half of 15 lost, rounded down
    expect(shortText.missing[0]).toMatchObject({ key: 'description', section: 'presentation' });
    const halfCapacities = computeCompletion({ ...full, turnoverBand: null }, true);
    expect(halfCapacities.percent).toBe(97);
  });

  it('never says 100 while something is missing', () => {
    expect(computeCompletion({ ...full, website: null }, true).percent).toBeLessThan(100);
  });
});
