/**
 * The API's shapes are complete and kept true: no open object anywhere in the API description,
 * an answer with a field its schema does not declare fails the server tests (response-check.ts),
 * and the constants src/api states for the web app equal the server's.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Obj, Type } from '../api/index.js';
import type { Schema } from '../app/tables.js';
import { describeStores } from '../store/testing/harness.js';
import { responseCheck } from './response-check.js';
import { SHARED_SCHEMAS } from './schemas.js';
import { compileAllValidators } from './validation.js';
import { buildHttpWorld, type HttpWorld } from './testing/http.js';

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every place in a schema where an object is left open, as JSON-pointer-like paths. */
function openObjects(schema: unknown, at: string, out: string[] = []): string[] {
  if (!isNode(schema) || typeof schema['$ref'] === 'string') return out;
  const types = ([] as unknown[]).concat(schema['type'] ?? []);
  const extra = schema['additionalProperties'];
  if (extra === true) out.push(`${at}: additionalProperties: true`);
  const described =
    isNode(schema['properties']) || isNode(schema['patternProperties']) || isNode(extra);
  if (types.includes('object') && !described) out.push(`${at}: an object with no shape`);
  const children: [string, unknown][] = [
    ['items', schema['items']],
    ['additionalProperties', extra],
  ];
  for (const key of ['properties', 'patternProperties', '$defs']) {
    if (isNode(schema[key])) {
      for (const [k, v] of Object.entries(schema[key])) children.push([`${key}.${k}`, v]);
    }
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((v, i) => children.push([`${key}[${i}]`, v]));
  }
  for (const [k, v] of children) openObjects(v, `${at}.${k}`, out);
  return out;
}

/** Every schema of an OpenAPI document: components, parameters, bodies, responses. */
function schemasOf(doc: Node): [string, unknown][] {
  const out: [string, unknown][] = [];
  const components = (doc['components'] as Node | undefined)?.['schemas'];
  if (isNode(components)) for (const [k, v] of Object.entries(components)) out.push([k, v]);
  const content = (where: string, c: unknown) => {
    if (isNode(c))
      for (const [type, m] of Object.entries(c))
        out.push([`${where} ${type}`, (m as Node)['schema']]);
  };
  for (const [path, ops] of Object.entries(doc['paths'] as Node)) {
    for (const [method, op] of Object.entries(ops as Record<string, Node>)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of (op['parameters'] as Node[] | undefined) ?? []) {
        out.push([`${at} ${String(p['in'])} ${String(p['name'])}`, p['schema']]);
      }
      content(`${at} body`, (op['requestBody'] as Node | undefined)?.['content']);
      for (const [status, r] of Object.entries((op['responses'] as Node | undefined) ?? {})) {
        content(`${at} ${status}`, (r as Node)['content']);
      }
    }
  }
  return out;
}

describe('openObjects', () => {
  it('finds a bare object, additionalProperties: true, and open objects deep inside', () => {
    expect(openObjects({ type: 'object' }, 'x')).toEqual(['x: an object with no shape']);
    expect(
      openObjects(
        {
          type: 'object',
          properties: {
            a: { type: 'array', items: { type: ['object', 'null'] } },
            b: { anyOf: [{ type: 'object', properties: {}, additionalProperties: true }] },
          },
        },
        'x',
      ),
    ).toEqual([
      'x.properties.a.items: an object with no shape',
      'x.properties.b.anyOf[0]: additionalProperties: true',
    ]);
    expect(openObjects(Obj({ a: Type.String() }), 'x')).toEqual([]);
    expect(openObjects({ type: 'object', additionalProperties: { type: 'boolean' } }, 'x')).toEqual(
      [],
    );
  });
});

describeStores<Schema>('the API description', (getStore) => {
  let w: HttpWorld;
  beforeAll(async () => {
    w = await buildHttpWorld(getStore());
  });
  afterAll(async () => {
    await w?.app.close();
  });

  it('has no open object: every request and answer is described field by field', async () => {
    const doc = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Node;
    const schemas = schemasOf(doc);
    expect(schemas.length).toBeGreaterThan(100);
    const open = schemas.flatMap(([at, s]) => openObjects(s, at));
    expect(open).toEqual([]);
  });

  it('has request schemas that all compile (the server compiles each on first use)', async () => {
    await w.app.ready();
    expect(compileAllValidators()).toBeGreaterThan(50);
  });
});

describe('the response check', () => {
  const build = async (checkResponses: boolean) => {
    const app = Fastify();
    for (const s of SHARED_SCHEMAS) app.addSchema(s);
    if (checkResponses) app.addHook('preSerialization', responseCheck(SHARED_SCHEMAS));
    const answer = Obj({ id: Type.String(), count: Type.Integer() });
    app.get('/extra', { schema: { response: { 200: answer } } }, async () => ({
      id: 'a',
      count: 1,
      secret: 'x',
    }));
    app.get('/missing', { schema: { response: { 200: answer } } }, async () => ({ id: 'a' }));
    app.get('/fits', { schema: { response: { 200: answer } } }, async () => ({
      id: 'a',
      count: 2,
    }));
    await app.ready();
    return app;
  };

  it('without it, the serializer silently drops a field the schema does not declare', async () => {
    const app = await build(false);
    const r = await app.inject('/extra');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ id: 'a', count: 1 });
    await app.close();
  });

  it('fails an answer with an undeclared or a missing field, and passes one that fits', async () => {
    const app = await build(true);
    const quiet = console.error;
    console.error = () => {};
    try {
      expect((await app.inject('/extra')).statusCode).toBe(500);
      expect((await app.inject('/missing')).statusCode).toBe(500);
    } finally {
      console.error = quiet;
    }
    const ok = await app.inject('/fits');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ id: 'a', count: 2 });
    await app.close();
  });
});
