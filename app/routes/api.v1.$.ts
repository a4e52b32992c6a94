import { notFound } from '~/api/responses.server';

// Any other /api/v1/... address: a JSON 404 (not the HTML 404 page), pointing at the OpenAPI document.

function unknownEndpoint() {
  return notFound("Adresse d'API inconnue. La liste des adresses est dans /api/v1/openapi.json.");
}

export async function loader() {
  return unknownEndpoint();
}

export async function action() {
  return unknownEndpoint();
}
