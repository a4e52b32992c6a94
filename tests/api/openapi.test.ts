import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_PARAM_NAMES } from '../../app/domain/search/params';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi[.]json';
import { loader as referenceLoader } from '../../app/routes/api.v1.reference.$list';
import { loader as sheetLoader } from '../../app/routes/api.v1.suppliers.$id';
import { loader as searchLoader } from '../../app/routes/api.v1.suppliers';
import { setAppContext } from '../../app/services/context.server';
import { callJson, PUBLISHED_KEYS, setUpApiFixture, unreachableEngine, type ApiFixture } from './fixture';
import { createOpenApiValidator, responsePointer, type OpenApiValidator } from './openapi-validator';
import { ROOT } from '../support/paths';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is walked freely by the tests
type Doc = Record<string, any>;

let fx: ApiFixture;
let doc: Doc;
let validator: OpenApiValidator;
beforeAll(async () => {
  fx = await setUpApiFixture();
  const { status, body, response } = await callJson(openApiLoader, '/api/v1/openapi.json');
  expect(status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
  doc = body;
  validator = createOpenApiValidator(doc);
});

function operation(pathName: string): Doc {
  const op = doc.paths[pathName]?.get;
  if (!op) throw new Error(`No GET ${pathName} in the document`);
  return op;
}

/** Checks a real answer against the schema the document gives for its path and status. */
function expectDocumented(pathName: string, answer: { status: number; body: unknown }) {
  if (!operation(pathName).responses[String(answer.status)]) {
    throw new Error(`GET ${pathName} does not document status ${answer.status}`);
  }
  const errors = validator.errors(responsePointer(pathName, answer.status), answer.body);
  expect(errors, `GET ${pathName} ${answer.status}`).toEqual([]);
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

describe('the OpenAPI document: structure', () => {
  it('is an OpenAPI 3.1 document with info and paths', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
  });

  it('resolves every $ref, and every schema compiles in strict mode', () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(() => validator.schemaAt(ref.replace(/^#/, '')), ref).not.toThrow();
    for (const [pathName, item] of Object.entries<Doc>(doc.paths)) {
      for (const status of Object.keys(item.get.responses)) {
        expect(
          () => validator.schemaAt(responsePointer(pathName, Number(status))),
          `${pathName} ${status}`,
        ).not.toThrow();
      }
    }
  });

  it('refuses a schema keyword the validator does not know', () => {
    const withUnknownKeyword = {
      ...doc,
      components: {
        ...doc.components,
        schemas: { ...doc.components.schemas, Odd: { type: 'string', maxGraphemes: 3 } },
      },
    };
    expect(() => createOpenApiValidator(withUnknownKeyword).schemaAt('/components/schemas/Odd')).toThrow(
      /maxGraphemes/,
    );
  });

  it('describes each operation completely', () => {
    const ids = new Set<string>();
    for (const [pathName, item] of Object.entries<Doc>(doc.paths)) {
      expect(Object.keys(item), pathName).toEqual(['get']);
      const op = item.get;
      expect(op.operationId, pathName).toMatch(/^[a-zA-Z]+$/);
      expect(ids.has(op.operationId), `duplicate operationId ${op.operationId}`).toBe(false);
      ids.add(op.operationId);
      expect(op.summary, pathName).toBeTruthy();
      expect(op.responses['200'], pathName).toBeDefined();
      for (const [status, response] of Object.entries<Doc>(op.responses)) {
        expect(status, pathName).toMatch(/^[1-5]\d\d$/);
        expect(response.description, `${pathName} ${status}`).toBeTruthy();
        expect(response.content['application/json'].schema, `${pathName} ${status}`).toBeTruthy();
      }
      const templated = [...pathName.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = (op.parameters ?? []).filter((p: Doc) => p.in === 'path').map((p: Doc) => p.name);
      expect(pathParams.sort(), pathName).toEqual(templated.sort());
      for (const p of op.parameters ?? []) {
        expect(['query', 'path'], `${pathName} ${p.name}`).toContain(p.in);
        expect(p.schema, `${pathName} ${p.name}`).toBeTruthy();
        if (p.in === 'path') expect(p.required).toBe(true);
      }
    }
  });

  it('documents every API route of the application and no other', () => {
    const routeFiles = fs
      .readdirSync(path.join(ROOT, 'app/routes'))
      .filter((f) => f.startsWith('api.v1.') && f !== 'api.v1.$.ts');
    const routePatterns = routeFiles.map((f) =>
      f
        .replace(/^api\.v1\./, '/')
        .replace(/\.tsx?$/, '')
        .replace(/\[\.\]/g, '§')
        .replace(/\./g, '/')
        .replace(/§/g, '.')
        .replace(/\$(\w+)/g, '{$1}'),
    );
    const documented = Object.keys(doc.paths);
    // Each route file serves at least one documented path ({list} serves the reference lists).
    for (const pattern of routePatterns) {
      const regex = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
      expect(
        documented.some((p) => regex.test(p) || p === pattern),
        `route ${pattern}`,
      ).toBe(true);
    }
    // Each documented path is served by a route file.
    for (const p of documented) {
      const served = routePatterns.some((pattern) =>
        new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`).test(p),
      );
      expect(served, `documented path ${p}`).toBe(true);
    }
  });

  it('the test validator catches undocumented fields, missing fields and wrong types', () => {
    const hitSchema = '/components/schemas/SearchHit';
    const hit = {
      id: 1,
      slug: 'a',
      name: 'A',
      structureKind: 'EI',
      sectors: [],
      commune: { code: '69123', name: 'Lyon' },
      departement: '69',
      region: '84',
      charterStatus: 'none',
    };
    expect(validator.errors(hitSchema, hit)).toEqual([]);
    expect(validator.errors(hitSchema, { ...hit, extra: true })).toEqual(['$: property "extra" is not documented']);
    const { name: _name, ...withoutName } = hit;
    expect(validator.errors(hitSchema, withoutName)).toEqual(["$: must have required property 'name'"]);
    expect(validator.errors(hitSchema, { ...hit, charterStatus: 'signed' })).toEqual([
      '$.charterStatus: must be equal to one of the allowed values',
    ]);
    expect(validator.errors(hitSchema, { ...hit, id: '1' })).toEqual(['$.id: must be integer']);
  });
});

describe('the OpenAPI document matches the real answers', () => {
  it('GET /suppliers: plain, geographic, with snippets, paged, sorted', async () => {
    const queries = [
      '',
      'q=haies',
      `q=${encodeURIComponent('<script>')}`,
      'commune=69123&radius_km=150&sort=distance',
      'commune=69123',
      'kind=EI&kind=ESAT&label=esus&charter=verified&charter=pending',
      'per_page=2&page=3&sort=name',
      'kind=EA&region=84',
    ];
    let sawDistance = false;
    let sawSnippet = false;
    for (const query of queries) {
      const answer = await callJson(searchLoader, `/api/v1/suppliers?${query}`);
      expect(answer.status, query).toBe(200);
      expectDocumented('/suppliers', answer);
      sawDistance ||= answer.body.hits.some((h: Doc) => 'distanceKm' in h);
      sawSnippet ||= answer.body.hits.some((h: Doc) => 'snippet' in h);
    }
    expect(sawDistance && sawSnippet, 'the optional fields were exercised').toBe(true);
  });

  it('GET /suppliers: 400 and 503 answers', async () => {
    expectDocumented('/suppliers', await callJson(searchLoader, '/api/v1/suppliers?per_page=0&kind=XYZ'));
    setAppContext({ ...fx.context, search: await unreachableEngine() });
    try {
      const answer = await callJson(searchLoader, '/api/v1/suppliers');
      expect(answer.status).toBe(503);
      expectDocumented('/suppliers', answer);
    } finally {
      setAppContext(fx.context);
    }
  });

  it('GET /suppliers/{id}: every published sheet, and the 400 and 404 answers', async () => {
    for (const key of PUBLISHED_KEYS) {
      const id = String(fx.ids[key]);
      const answer = await callJson(sheetLoader, `/api/v1/suppliers/${id}`, { id });
      expect(answer.status).toBe(200);
      expectDocumented('/suppliers/{id}', answer);
    }
    expectDocumented('/suppliers/{id}', await callJson(sheetLoader, '/api/v1/suppliers/999999', { id: '999999' }));
    expectDocumented('/suppliers/{id}', await callJson(sheetLoader, '/api/v1/suppliers/0', { id: '0' }));
  });

  it('GET /reference/*: every list and the commune lookup', async () => {
    for (const list of ['kinds', 'sectors', 'labels', 'regions', 'departements']) {
      const answer = await callJson(referenceLoader, `/api/v1/reference/${list}`, { list });
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeGreaterThan(0);
      expectDocumented(`/reference/${list}`, answer);
      expectDocumented(
        `/reference/${list}`,
        await callJson(referenceLoader, `/api/v1/reference/${list}?x=1`, { list }),
      );
    }
    const communes = await callJson(referenceLoader, '/api/v1/reference/communes?q=saint&limit=20', {
      list: 'communes',
    });
    expect(communes.body.items).toHaveLength(20);
    expectDocumented('/reference/communes', communes);
    expectDocumented(
      '/reference/communes',
      await callJson(referenceLoader, '/api/v1/reference/communes', { list: 'communes' }),
    );
  });

  it('GET /suppliers documents exactly the parameters the code reads', () => {
    const documented = operation('/suppliers').parameters.map((p: Doc) => p.name);
    expect([...documented].sort()).toEqual([...SEARCH_PARAM_NAMES].sort());
  });

  it('GET /suppliers: the documented bounds and enums are the ones enforced', async () => {
    const params: Doc[] = operation('/suppliers').parameters;
    const base = 'commune=69123';
    const status = async (query: string) => (await callJson(searchLoader, `/api/v1/suppliers?${base}&${query}`)).status;
    for (const p of params) {
      const schema = p.schema.type === 'array' ? p.schema.items : p.schema;
      if (schema.type === 'integer' && p.name !== 'page') {
        // (page's upper bound is syntactic; a page beyond the results is refused by its own rule)
        expect(await status(`${p.name}=${schema.minimum}`), `${p.name}=${schema.minimum}`).toBe(200);
        expect(await status(`${p.name}=${schema.maximum}`), `${p.name}=${schema.maximum}`).toBe(200);
        expect(await status(`${p.name}=${schema.minimum - 1}`), `${p.name}=${schema.minimum - 1}`).toBe(400);
        expect(await status(`${p.name}=${schema.maximum + 1}`), `${p.name}=${schema.maximum + 1}`).toBe(400);
      }
      if (Array.isArray(schema.enum)) {
        for (const value of schema.enum) expect(await status(`${p.name}=${value}`), `${p.name}=${value}`).toBe(200);
        expect(await status(`${p.name}=not-a-value`), `${p.name}=not-a-value`).toBe(400);
      }
      if (schema.type === 'string' && typeof schema.maxLength === 'number' && p.name === 'q') {
        expect(await status(`q=${'a'.repeat(schema.maxLength)}`)).toBe(200);
        expect(await status(`q=${'a'.repeat(schema.maxLength + 1)}`)).toBe(400);
      }
      if (typeof schema.pattern === 'string') {
        expect(new RegExp(schema.pattern).test('not a code'), `${p.name} pattern`).toBe(false);
      }
    }
    expect(await status('page=1')).toBe(200);
    expect(await status('page=0')).toBe(400);
  });
});
