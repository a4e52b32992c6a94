import { beforeAll, describe, expect, it } from 'vitest';
import { loader } from '../../app/routes/api.v1.reference.$list';
import { callJson, setUpApiFixture } from './fixture';

beforeAll(async () => {
  await setUpApiFixture();
});

function list(name: string, query = '') {
  return callJson(loader, `/api/v1/reference/${name}${query ? `?${query}` : ''}`, { list: name });
}

describe('GET /api/v1/reference/:list', () => {
  it('lists structure kinds with their French names', async () => {
    const { status, body, response } = await list('kinds');
    expect(status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const codes = body.items.map((k: { code: string }) => k.code);
    for (const code of ['EI', 'AI', 'ACI', 'ETTI', 'EITI', 'GEIQ', 'EA', 'EATT', 'ESAT', 'SEP', 'SCOP', 'SCIC'])
      expect(codes).toContain(code);
    expect(body.items.find((k: { code: string }) => k.code === 'EI')).toMatchObject({
      code: 'EI',
      name: "Entreprise d'insertion",
      family: 'insertion',
    });
  });

  it('lists sectors with their group and CPV divisions', async () => {
    const { body } = await list('sectors');
    expect(body.items.length).toBeGreaterThanOrEqual(80);
    expect(body.items.find((s: { code: string }) => s.code === 'nettoyage-bureaux')).toEqual({
      code: 'nettoyage-bureaux',
      name: 'Nettoyage de bureaux et locaux tertiaires',
      group: { code: 'proprete', name: 'Propreté et nettoyage' },
      cpvDivisions: ['90'],
    });
  });

  it('lists labels, régions and départements with their région', async () => {
    expect((await list('labels')).body.items.find((l: { code: string }) => l.code === 'esus')).toMatchObject({
      code: 'esus',
      name: 'Agrément ESUS',
    });
    const regions = (await list('regions')).body.items;
    expect(regions).toContainEqual({ code: '84', name: 'Auvergne-Rhône-Alpes' });
    expect(regions.length).toBeGreaterThanOrEqual(18);
    const departements = (await list('departements')).body.items;
    expect(departements).toContainEqual({
      code: '69',
      name: 'Rhône',
      region: { code: '84', name: 'Auvergne-Rhône-Alpes' },
    });
    expect(departements).toContainEqual({ code: '2A', name: 'Corse-du-Sud', region: { code: '94', name: 'Corse' } });
    expect(departements.length).toBeGreaterThanOrEqual(101);
  });

  it('answers 404 JSON for an unknown list', async () => {
    const { status, body } = await list('pays');
    expect(status).toBe(404);
    expect(body.error.message).toBe(
      'Liste de référence inconnue « pays » (listes disponibles : kinds, sectors, labels, regions, departements, communes)',
    );
  });

  it('refuses parameters on a list', async () => {
    const { status, body } = await list('kinds', 'lang=en');
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([
      { param: 'lang', message: "paramètre inconnu « lang » (cette adresse n'accepte aucun paramètre)" },
    ]);
  });
});

describe('GET /api/v1/reference/communes', () => {
  it('finds communes by name, postcode or INSEE code, largest first', async () => {
    const byName = await list('communes', 'q=lyo');
    expect(byName.status).toBe(200);
    expect(byName.body.items[0]).toEqual({
      code: '69123',
      name: 'Lyon',
      postcodes: expect.arrayContaining(['69001']),
      departement: { code: '69', name: 'Rhône' },
      region: { code: '84', name: 'Auvergne-Rhône-Alpes' },
      population: expect.any(Number),
    });
    expect((await list('communes', 'q=69100')).body.items[0].code).toBe('69266');
    expect((await list('communes', 'q=2A004')).body.items[0].name).toBe('Ajaccio');
    expect((await list('communes', 'q=saint&limit=3')).body.items).toHaveLength(3);
  });

  it.each([
    ['', 'q', 'q est obligatoire : le début du nom, du code postal ou du code INSEE de la commune'],
    ['q=', 'q', 'q est obligatoire : le début du nom, du code postal ou du code INSEE de la commune'],
    [`q=${'a'.repeat(101)}`, 'q', 'q ne doit pas dépasser 100 caractères'],
    ['q=lyon&limit=0', 'limit', 'limit doit être un entier entre 1 et 50'],
    ['q=lyon&limit=51', 'limit', 'limit doit être un entier entre 1 et 50'],
    ['q=lyon&limit=beaucoup', 'limit', 'limit doit être un entier entre 1 et 50'],
    ['q=lyon&commune=69123', 'commune', 'paramètre inconnu « commune » (paramètres acceptés : q, limit)'],
  ])('refuses %s', async (query, param, message) => {
    const { status, body } = await list('communes', query);
    expect(status).toBe(400);
    expect(body.error.issues).toEqual([{ param, message }]);
  });
});
