import { methodNotAllowed, jsonResponse } from '~/api/responses.server';
import { openApiDocument } from '~/api/openapi';

// GET /api/v1/openapi.json: the OpenAPI 3.1 description of the public API.

export async function loader() {
  return jsonResponse(openApiDocument, { cache: 'reference' });
}

export async function action() {
  return methodNotAllowed();
}
