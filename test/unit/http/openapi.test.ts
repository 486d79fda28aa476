import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../functions/handlers/http/openapi.js';
import { routes } from '../../../functions/handlers/routes.js';

type Operation = {
  operationId: string; security?: unknown[]; parameters: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown>;
};

const doc = buildOpenApiDocument('https://api.example.net');
const operationOf = (method: string, path: string) => (doc.paths[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1.0 with the given server', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: 'https://api.example.net' }]);
  });

  it.each(routes.map((r) => [r.method, r.path, r.handler] as const))('has an operation for %s %s', (method, path, handler) => {
    expect(operationOf(method, path)?.operationId).toBe(handler);
  });

  it('has no operation that is not a route', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('declares every path parameter', () => {
    for (const route of routes.filter((r) => r.path.includes('{id}'))) {
      expect(operationOf(route.method, route.path)?.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path' }));
    }
  });

  it('marks the public and webhook routes as needing no token, and documents 401 and 403 on the others', () => {
    for (const route of routes) {
      const op = operationOf(route.method, route.path)!;
      if (route.access === 'public' || route.access === 'webhook') expect(op.security).toEqual([]);
      else expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
    }
  });

  it('publishes request bodies that refuse unknown fields, from the same schemas the handlers use', () => {
    const body = operationOf('POST', '/v1/admin/customers')?.requestBody?.content['application/json']?.schema;
    expect(body).toMatchObject({ type: 'object', additionalProperties: false });
    expect(body?.['required']).toEqual(expect.arrayContaining(['email', 'name', 'currency']));
  });

  it('serves the PDF route as application/pdf', () => {
    expect(operationOf('GET', '/v1/invoices/{id}/pdf')?.responses['200']).toMatchObject({ content: { 'application/pdf': {} } });
  });

  it('answers every JSON route with a named schema, and every reference resolves', () => {
    const named = doc.components.schemas;
    const downloads = new Set<string>(['get-openapi', 'get-invoice-pdf', 'admin-get-invoice-pdf', 'get-statement-csv']);
    for (const route of routes.filter((r) => !downloads.has(r.handler))) {
      const success = Object.entries(operationOf(route.method, route.path)!.responses).find(([status]) => status.startsWith('2'));
      const content = (success?.[1] as { content?: Record<string, { schema: { $ref?: string } }> }).content;
      if (route.method === 'DELETE') expect(content).toBeUndefined();
      else expect(content?.['application/json']?.schema.$ref).toMatch(/^#\/components\/schemas\/\w+$/);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(named, ref).toHaveProperty(ref);
  });

  it('publishes the payment answer as one shape per status', () => {
    const result = doc.components.schemas['PaymentResult'] as { oneOf: { properties: { status: object }; required: string[] }[] };
    expect(result.oneOf.map((shape) => shape.required)).toEqual([
      ['status', 'redirectUrl'], ['status', 'invoice'], ['status', 'invoice'], ['status', 'invoice'], ['status', 'message'], ['status'], ['status', 'invoice'],
    ]);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
