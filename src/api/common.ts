/**
 * Building blocks of the API's shapes (JSON Schema 2020-12, as OpenAPI 3.1 uses), written with
 * TypeBox so that each schema is also a TypeScript type (`Static<typeof X>`, or the type of the
 * same name each module exports). Pure: TypeBox, src/shared (whose limits the schemas use) and the
 * pure domain only, so that the web app can import the types (src/api is for the server's routes
 * and the web app alike).
 *
 * Objects are closed (`additionalProperties: false`): a misspelt request field is reported, and
 * a response field the schema does not declare makes the server's tests fail (see
 * src/server/response-check.ts) instead of vanishing in the serializer.
 */
import { Type, type Static, type TSchema, type TProperties, type TUnsafe } from 'typebox';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/limits.js';

export { Type, type Static, type TSchema };

/** A closed object: every property declared, unknown ones refused (requests) or caught (tests). */
export function Obj<P extends TProperties>(properties: P, options: Record<string, unknown> = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** A string from a fixed list, as JSON Schema `enum` (validation messages list the values). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: Record<string, unknown> = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/**
 * The schema or null. Simple types become a type list (`type: ['string', 'null']`), which both
 * Ajv and the serializer read fast; anything else `anyOf: [schema, null]`.
 */
export function Nullable<T extends TSchema>(
  schema: T,
  options: Record<string, unknown> = {},
): TUnsafe<Static<T> | null> {
  const s = schema as Record<string, unknown>;
  if (typeof s['type'] === 'string') {
    const out: Record<string, unknown> = { ...s, type: [s['type'], 'null'], ...options };
    if (Array.isArray(s['enum'])) out['enum'] = [...(s['enum'] as unknown[]), null];
    return Type.Unsafe<Static<T> | null>(out);
  }
  return Type.Unsafe<Static<T> | null>({ anyOf: [schema, { type: 'null' }], ...options });
}

/** An array whose type is read-only (presenters hand out read-only lists). */
export function List<T extends TSchema>(
  items: T,
  options: Record<string, unknown> = {},
): TUnsafe<readonly Static<T>[]> {
  return Type.Unsafe<readonly Static<T>[]>(Type.Array(items, options));
}

/** A reference to a shared schema (registered with the server; a component of the description). */
export function Ref<T extends TSchema>(schema: T): TUnsafe<Static<T>> {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') throw new Error('Ref: the schema has no $id');
  return Type.Unsafe<Static<T>>({ $ref: `${id}#` });
}

/**
 * Free text a person writes: trimmed by the use case, bounded here. Its bounds are a TEXT_LIMITS
 * entry's, the same the use case checks (`Text(TEXT_LIMITS.note.max)`); a required text's minimum
 * may be left to the use case, which counts it after trimming.
 */
export function Text(maxLength: number, minLength = 0, description?: string) {
  return Type.String({ minLength, maxLength, ...(description ? { description } : {}) });
}

export const I18nText = Obj(
  { zh: Type.String(), en: Type.String() },
  { description: 'A text in Chinese and English.' },
);
export type I18nText = Static<typeof I18nText>;

export const Uuid = Type.String({ format: 'uuid' });
export const DateString = Type.String({ format: 'date', examples: ['2025-03-03'] });
export const DateTime = Type.String({ format: 'date-time' });
export const Count = Type.Integer({ minimum: 0 });
export const Locale = StringEnum(['zh', 'en'] as const);

export const PersonRef = Obj({ id: Uuid, name: Type.String() });
export type PersonRef = Static<typeof PersonRef>;

/** A page of a list: the items, the total and the page asked for. */
export function Page<T extends TSchema>(items: T) {
  return Obj({ items: List(items), total: Count, page: Type.Integer(), pageSize: Type.Integer() });
}

/** The page and page-size query parameters of a paged list. */
export const PAGING = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
  ),
};

/** Any JSON value: what an event's payload and an error's details hold beyond their named fields. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export const JSON_VALUE_SCHEMA = {
  $id: 'JsonValue',
  description:
    'Any JSON value: a string, number, boolean, null, an array of JSON values or an object whose values are JSON values.',
  anyOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'null' },
    { type: 'array', items: { $ref: 'JsonValue#' } },
    { type: 'object', additionalProperties: { $ref: 'JsonValue#' } },
  ],
} as const;
export const JsonValue = Type.Unsafe<JsonValue>({ $ref: 'JsonValue#' });

/** A value of a fact (null: explicitly unknown). */
export const FactValue = Type.Unsafe<boolean | string | number | null>({
  type: ['boolean', 'string', 'number', 'null'],
});
export type FactValue = boolean | string | number;

/** A fact set: fact ids to values (null = unknown). The pack's vocabulary is checked by the use case. */
export const Facts = Type.Unsafe<Record<string, FactValue | null>>({
  type: 'object',
  maxProperties: 200,
  propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
  additionalProperties: { type: ['boolean', 'string', 'number', 'null'] },
  examples: [{ purpose: 'development_task', privateGain: false }],
});

/** One problem of a request, as VALIDATION's details list them. */
export const FieldProblem = Obj({
  in: Type.String({ description: 'Where: body, querystring, params or headers.' }),
  field: Type.String({
    description: "The field as a dotted path ('facts.lossAmount'); '' for the whole part.",
  }),
  rule: Type.String({ description: 'The JSON Schema keyword that failed.' }),
  message: I18nText,
});

/**
 * What an error says beyond its code and message. The fields below are the ones errors carry
 * today; any other key an error adds is a JSON value (the catalogue, src/app/errors.ts, grows).
 */
export const ErrorDetails = Type.Object(
  {
    in: Type.Optional(Type.String({ description: 'VALIDATION: the part of the request.' })),
    field: Type.Optional(Type.String({ description: 'VALIDATION: the field that is wrong.' })),
    rule: Type.Optional(Type.String({ description: 'VALIDATION: the rule it breaks.' })),
    problems: Type.Optional(
      List(FieldProblem, { description: 'VALIDATION: every problem of the request part.' }),
    ),
    instrumentProblems: Type.Optional(
      List(
        Obj({
          code: Type.String(),
          field: Type.Union([Type.String(), Type.Null()], {
            description:
              "The instrument's field it is about ('dimensions[0].factors[1].items[2].text.zh'); null for none.",
          }),
          message: I18nText,
        }),
        { description: 'INSTRUMENT_INVALID: every problem of the instrument, by field.' },
      ),
    ),
    caseId: Type.Optional(Type.String()),
    retryAfterSeconds: Type.Optional(
      Type.Integer({ description: 'When to try again (also the Retry-After header).' }),
    ),
    lockedUntil: Type.Optional(DateTime),
    requestId: Type.Optional(
      Type.String({ description: 'INTERNAL: the id of the request in the server log.' }),
    ),
  },
  {
    description:
      'Facts about the error: for VALIDATION the field, rule and every problem; for others the ids concerned. Other keys hold JSON values.',
    additionalProperties: JsonValue,
  },
);

export const ApiError = Obj(
  {
    error: Obj({
      code: Type.String({ examples: ['VALIDATION', 'CASE_NOT_FOUND', 'AUTH_REQUIRED'] }),
      message: I18nText,
      details: ErrorDetails,
    }),
    message: Type.String({ description: 'The message in the language of Accept-Language.' }),
  },
  {
    $id: 'Error',
    description: 'An error: a stable code, the message in zh and en, details (e.g. the field).',
  },
);
export type ApiError = Static<typeof ApiError>;
