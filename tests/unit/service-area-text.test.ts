import { describe, expect, it } from 'vitest';
import {
  departementWithDe,
  describeServiceArea,
  joinFrench,
  UNKNOWN_SERVICE_AREA_TEXT,
  withDe,
} from '../../app/domain/service-area-text';

describe('describeServiceArea', () => {
  it('describes a département and a radius (the example of the issue)', () => {
    expect(
      describeServiceArea(
        [
          { kind: 'departement', code: '69', name: 'Rhône', liaison: 2 },
          { kind: 'radius', radiusKm: 30 },
        ],
        'Lyon',
      ),
    ).toBe('Intervient dans tout le département du Rhône (69) et dans un rayon de 30 km autour de Lyon.');
  });

  it('says national coverage alone', () => {
    expect(
      describeServiceArea([{ kind: 'region', code: '84', name: 'Auvergne-Rhône-Alpes' }, { kind: 'national' }], 'Lyon'),
    ).toBe('Intervient dans toute la France.');
  });

  it('lists several régions, départements (with their articles) and communes', () => {
    expect(
      describeServiceArea(
        [
          { kind: 'region', code: '53', name: 'Bretagne' },
          { kind: 'region', code: '28', name: 'Normandie' },
          { kind: 'departement', code: '42', name: 'Loire', liaison: 3 },
          { kind: 'departement', code: '01', name: 'Ain', liaison: 5 },
          { kind: 'departement', code: '40', name: 'Landes', liaison: 4 },
          { kind: 'commune', code: '76351', name: 'Le Havre' },
          { kind: 'commune', code: '74010', name: 'Annecy' },
        ],
        'Rennes',
      ),
    ).toBe(
      "Intervient dans les régions Bretagne et Normandie, dans les départements de l'Ain (01), des Landes (40) et de la Loire (42) et dans les communes d'Annecy et du Havre.",
    );
  });

  it('describes one région and one commune', () => {
    expect(
      describeServiceArea(
        [
          { kind: 'region', code: '11', name: 'Île-de-France' },
          { kind: 'commune', code: '69266', name: 'Villeurbanne' },
        ],
        'Paris',
      ),
    ).toBe('Intervient dans toute la région Île-de-France et dans la commune de Villeurbanne.');
  });

  it('keeps the largest radius around the home commune, with elision', () => {
    expect(
      describeServiceArea(
        [
          { kind: 'radius', radiusKm: 20 },
          { kind: 'radius', radiusKm: 50 },
        ],
        'Annecy',
      ),
    ).toBe("Intervient dans un rayon de 50 km autour d'Annecy.");
  });

  it('says when nothing is known', () => {
    expect(describeServiceArea([], 'Lyon')).toBe(UNKNOWN_SERVICE_AREA_TEXT);
  });
});

describe('French helpers', () => {
  it('puts "de" before a place name', () => {
    expect(withDe('Lyon')).toBe('de Lyon');
    expect(withDe('Évry-Courcouronnes')).toBe("d'Évry-Courcouronnes");
    expect(withDe('Le Mans')).toBe('du Mans');
    expect(withDe('Les Ulis')).toBe('des Ulis');
    expect(withDe('La Rochelle')).toBe('de La Rochelle');
  });

  it('uses the INSEE article type of départements', () => {
    expect(departementWithDe('Paris', 0)).toBe('de Paris');
    expect(departementWithDe('Eure-et-Loir', 1)).toBe("d'Eure-et-Loir");
    expect(departementWithDe('Rhône', 2)).toBe('du Rhône');
    expect(departementWithDe('Gironde', 3)).toBe('de la Gironde');
    expect(departementWithDe('Yvelines', 4)).toBe('des Yvelines');
    expect(departementWithDe('Isère', 5)).toBe("de l'Isère");
    expect(departementWithDe('Isère')).toBe("d'Isère");
  });

  it('joins lists the French way', () => {
    expect(joinFrench([])).toBe('');
    expect(joinFrench(['a'])).toBe('a');
    expect(joinFrench(['a', 'b'])).toBe('a et b');
    expect(joinFrench(['a', 'b', 'c'])).toBe('a, b et c');
  });
});
