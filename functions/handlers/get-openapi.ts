import { httpHandler } from './http/http-handler.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { json } from './http/responses.js';

const document = buildOpenApiDocument();

/** GET /openapi.json: the API's OpenAPI 3.1 description, generated from the handlers' own schemas. */
export const handler = httpHandler('public', async () => json(200, document));
