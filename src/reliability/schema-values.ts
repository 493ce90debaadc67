/**
 * Values from the JSON Schemas of /api/openapi.json: a valid-ish value for a schema (the fuzz's
 * plausible requests), drawn with a seeded random source and real ids where a uuid is asked for.
 */
import type { Random } from './random.js';

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly additionalProperties?: boolean | JsonSchema;
}

export interface ValueSource {
  readonly rng: Random;
  /** The document's components, for `$ref`. */
  readonly components: Readonly<Record<string, JsonSchema>>;
  /** A real id for a property or parameter named `name` (undefined: none known). */
  id(name: string): string | undefined;
}

const WORDS = ['招商项目', '提前开工', '说明', '情况属实', 'note', '改革', '试点', '2025'];

/** A value the schema accepts, as far as a simple reading of it goes. */
export function valueFor(schema: JsonSchema, src: ValueSource, name = '', depth = 0): unknown {
  const { rng } = src;
  if (schema.$ref) {
    const key = schema.$ref.split('/').at(-1)!;
    const target = src.components[key];
    return target && depth < 6 ? valueFor(target, src, name, depth + 1) : null;
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return rng.pick(schema.enum);
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts && alts.length > 0) return valueFor(rng.pick(alts), src, name, depth + 1);
  if (schema.allOf && schema.allOf.length > 0) {
    return Object.assign({}, ...schema.allOf.map((s) => valueFor(s, src, name, depth + 1)));
  }
  const types = schema.type === undefined ? [] : [schema.type].flat();
  const type =
    types.length > 0
      ? rng.pick(
          types.filter((t) => t !== 'null').length > 0 ? types.filter((t) => t !== 'null') : types,
        )
      : schema.properties
        ? 'object'
        : 'string';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [k, s] of Object.entries(schema.properties ?? {})) {
        if (required.has(k) || (depth < 4 && rng.chance(0.5)))
          out[k] = valueFor(s, src, k, depth + 1);
      }
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? 3, min + 3);
      const n = rng.int(min, Math.max(min, max));
      return Array.from({ length: n }, () => valueFor(schema.items ?? {}, src, name, depth + 1));
    }
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? 0;
      const hi = schema.maximum ?? lo + 100;
      const v = rng.int(Math.ceil(lo), Math.floor(Math.min(hi, lo + 1000)));
      return type === 'number' && rng.chance(0.3) ? (v + 0.5 <= hi ? v + 0.5 : v) : v;
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    default:
      return stringFor(schema, src, name);
  }
}

function stringFor(schema: JsonSchema, src: ValueSource, name: string): string {
  const { rng } = src;
  if (schema.format === 'uuid' || /(^id$|Id$|Ids$)/.test(name)) {
    return src.id(name) ?? '00000000-0000-4000-8000-000000000000';
  }
  if (schema.format === 'date' || /(Date|On|Day)$/.test(name)) {
    return `2025-0${rng.int(1, 9)}-1${rng.int(0, 9)}`;
  }
  if (schema.format === 'date-time')
    return new Date(Date.UTC(2025, 2, rng.int(1, 28))).toISOString();
  if (schema.pattern === '^[A-Za-z][A-Za-z0-9_]{0,63}$')
    return rng.pick(['purpose', 'privateGain', 'lossAmount', 'x']);
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 40;
  let s = rng.pick(WORDS);
  while (s.length < min) s += rng.pick(WORDS);
  return s.slice(0, Math.max(min, Math.min(max, s.length)));
}
