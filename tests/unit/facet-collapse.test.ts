import { describe, expect, it } from 'vitest';
import {
  collapseFacetView,
  fromFacetViewData,
  readAllFilters,
  toFacetViewData,
  topValues,
  type FacetEntry,
  type FacetView,
} from '../../app/domain/search/view';

function entry(code: string, count: number, selected = false): FacetEntry {
  return { code, name: `Nom ${code}`, count, selected };
}

describe('topValues', () => {
  it('keeps the values with most suppliers, most first, ties in list order', () => {
    const list = [entry('a', 1), entry('b', 5), entry('c', 3), entry('d', 5), entry('e', 2)];
    expect(topValues(list, 3).map((e) => e.code)).toEqual(['b', 'd', 'c']);
  });

  it('always keeps a selected value, even with fewer suppliers than the top ones', () => {
    const list = [entry('a', 9), entry('b', 8), entry('c', 0, true), entry('d', 7)];
    expect(topValues(list, 2).map((e) => e.code)).toEqual(['a', 'b', 'c']);
  });

  it('keeps every value of a short list', () => {
    const list = [entry('a', 1), entry('b', 2)];
    expect(topValues(list, 10).map((e) => e.code)).toEqual(['b', 'a']);
  });
});

describe('collapseFacetView', () => {
  const sectors = Array.from({ length: 30 }, (_, i) => entry(`s${i}`, i));
  const view: FacetView = {
    kind: [entry('EI', 4)],
    sectorGroups: [
      { code: 'g1', name: 'Groupe 1', sectors: sectors.slice(0, 15) },
      { code: 'g2', name: 'Groupe 2', sectors: [...sectors.slice(15), entry('x', 0, true)] },
    ],
    region: [entry('84', 3)],
    departement: Array.from({ length: 25 }, (_, i) => entry(String(i + 1).padStart(2, '0'), 100 - i)),
    label: [entry('l1', 1)],
    charter: [{ code: 'verified', name: 'Vérifiée', count: null, selected: false }],
    collapsed: null,
  };

  it('cuts the long lists to their top values across sector groups and says how many are hidden', () => {
    const collapsed = collapseFacetView(view, 10);
    expect(collapsed.sectorGroups).toEqual([]);
    expect(collapsed.collapsed!.sectors.map((e) => e.code)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `s${29 - i}`),
      'x',
    ]);
    expect(collapsed.collapsed!.hidden).toEqual({ sector: 20, departement: 15, label: 0 });
    expect(collapsed.departement).toHaveLength(10);
    expect(collapsed.kind).toBe(view.kind);
    expect(collapsed.region).toBe(view.region);
  });

  it('travels to the browser and back in its compact form', () => {
    const collapsed = collapseFacetView(view, 10);
    const back = fromFacetViewData(toFacetViewData(collapsed), {
      kind: [],
      sector: ['x'],
      region: [],
      departement: [],
      label: [],
      charter: [],
    });
    expect(back).toEqual(collapsed);
  });
});

describe('readAllFilters', () => {
  it('reads the absence and « tous », and refuses anything else in French', () => {
    expect(readAllFilters(new URLSearchParams(''))).toEqual({ all: false, issue: null });
    expect(readAllFilters(new URLSearchParams('filtres=tous'))).toEqual({ all: true, issue: null });
    for (const bad of ['filtres=', 'filtres=TOUS', 'filtres=tous&filtres=tous', 'filtres=1'])
      expect(readAllFilters(new URLSearchParams(bad))).toEqual({
        all: false,
        issue: 'filtres ne peut valoir que « tous » (afficher toutes les valeurs des filtres)',
      });
  });
});
