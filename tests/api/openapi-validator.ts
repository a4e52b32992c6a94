import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

// Checks real API answers against the OpenAPI 3.1 document with Ajv (JSON Schema 2020-12, the dialect of
// OpenAPI 3.1). Strict mode: a keyword or format Ajv does not know is an error, so the document cannot use
// a constraint these tests would silently skip.

/** The top-level fields of an OpenAPI document: not JSON Schema keywords, never validated as such. */
const OPENAPI_FIELDS = ['openapi', 'info', 'servers', 'paths', 'components', 'tags', 'security', 'externalDocs'];
const DOCUMENT_ID = 'openapi.json';

export interface OpenApiValidator {
  /** Compiles the schema at a JSON pointer of the document ("/components/schemas/SearchHit"). */
  schemaAt(pointer: string): ValidateFunction;
  /** Validation errors of `value` against the schema at `pointer`, one readable line each ([] when valid). */
  errors(pointer: string, value: unknown): string[];
}

function describe(error: ErrorObject): string {
  const at = `$${error.instancePath.replace(/\//g, '.')}`;
  if (error.keyword === 'additionalProperties') {
    return `${at}: property "${String(error.params.additionalProperty)}" is not documented`;
  }
  return `${at}: ${error.message ?? error.keyword}`;
}

export function createOpenApiValidator(doc: object): OpenApiValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  ajv.addVocabulary(OPENAPI_FIELDS);
  ajv.addSchema(doc, DOCUMENT_ID);
  const compiled = new Map<string, ValidateFunction>();
  const schemaAt = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.getSchema(`${DOCUMENT_ID}#${pointer}`);
      if (!validate) throw new Error(`No schema at ${pointer}`);
      compiled.set(pointer, validate);
    }
    return validate;
  };
  return {
    schemaAt,
    errors(pointer, value) {
      const validate = schemaAt(pointer);
      return validate(value) ? [] : (validate.errors ?? []).map(describe);
    },
  };
}

/** The JSON pointer of a path item's response schema: ("/suppliers", 200) → "/paths/~1suppliers/get/…". */
export function responsePointer(pathName: string, status: number): string {
  const escaped = pathName.replace(/~/g, '~0').replace(/\//g, '~1');
  return `/paths/${escaped}/get/responses/${status}/content/application~1json/schema`;
}
