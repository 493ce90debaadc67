/**
 * Checks every JSON answer against its route's response schema before it is sent. Fastify
 * serializes answers through those schemas, which silently drops a field the schema does not
 * declare; with this check on (the tests turn it on: ServerOptions.checkResponses), a presenter
 * field missing from the schema, a missing required field or a wrong type fails the request with
 * 500 and says why on stderr, so that the schema and the presenter cannot drift apart unnoticed.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyReply, FastifyRequest } from 'fastify';

// ajv-formats is CommonJS: its default export is the plugin function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export class ResponseShapeError extends Error {
  override readonly name = 'ResponseShapeError';
}

/** The response schema Fastify would serialize this status with (exact status, then 4xx/5xx). */
function schemaFor(req: FastifyRequest, status: number): object | undefined {
  const all = req.routeOptions.schema?.response as Record<string, object> | undefined;
  if (!all) return undefined;
  const s = all[String(status)] ?? all[`${Math.floor(status / 100)}xx`];
  if (!s || !('content' in s)) return s;
  // Answers by media type (JSON, or a file): the JSON one is checked; files are not objects.
  const content = s.content as Record<string, { schema?: object } | undefined>;
  return content['application/json']?.schema;
}

export function responseCheck(shared: readonly object[]) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false });
  addFormats(ajv);
  for (const s of shared) ajv.addSchema(s);
  const compiled = new WeakMap<object, ValidateFunction>();
  const validatorOf = (schema: object) => {
    let v = compiled.get(schema);
    if (!v) compiled.set(schema, (v = ajv.compile(schema)));
    return v;
  };

  return async function checkResponse(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const schema = schemaFor(req, reply.statusCode);
    if (!schema) return payload;
    const validate = validatorOf(schema);
    if (validate(payload)) return payload;
    const problems = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
      .join('; ');
    const message = `${req.method} ${req.routeOptions.url} ${reply.statusCode}: the answer does not fit its schema: ${problems}`;
    console.error(message);
    throw new ResponseShapeError(message);
  };
}
