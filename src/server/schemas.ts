/**
 * JSON Schema pieces the routes share (JSON Schema 2020-12, as OpenAPI 3.1 uses). Each route keeps
 * its own schema beside it and builds it from these; every object schema closes itself with
 * `additionalProperties: false` so that a misspelt field is reported, not silently dropped.
 */

export const I18N_TEXT = {
  type: 'object',
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
  required: ['zh', 'en'],
} as const;

export const ERROR_RESPONSE = {
  $id: 'Error',
  description: 'An error: a stable code, the message in zh and en, details (e.g. the field).',
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', examples: ['VALIDATION', 'CASE_NOT_FOUND', 'AUTH_REQUIRED'] },
        message: I18N_TEXT,
        details: { type: 'object', additionalProperties: true },
      },
      required: ['code', 'message', 'details'],
    },
    message: { type: 'string', description: 'The message in the language of Accept-Language.' },
  },
  required: ['error', 'message'],
} as const;

export const UUID = { type: 'string', format: 'uuid' } as const;
export const DATE = { type: 'string', format: 'date', examples: ['2025-03-03'] } as const;

/** Free text a person writes: trimmed by the use case, bounded here. */
export function text(maxLength: number, minLength = 0, description?: string) {
  return {
    type: 'string',
    minLength,
    maxLength,
    ...(description ? { description } : {}),
  } as const;
}

export const EXPECTED_VERSION = {
  type: 'integer',
  minimum: 1,
  description:
    'The case version the user acted on (from the case view); a stale version gets 409 CASE_VERSION_CONFLICT.',
} as const;

/** A fact set: fact ids to values (null = unknown). The pack's vocabulary is checked by the use case. */
export const FACTS = {
  type: 'object',
  maxProperties: 200,
  propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
  additionalProperties: { type: ['boolean', 'string', 'number', 'null'] },
  examples: [{ purpose: 'development_task', privateGain: false }],
} as const;

export const CASE_ID_PARAMS = {
  type: 'object',
  properties: { id: { ...UUID, description: 'The case id.' } },
  required: ['id'],
  additionalProperties: false,
} as const;

export const IDEMPOTENCY_HEADERS = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      pattern: '^[A-Za-z0-9_.:-]{8,128}$',
      description:
        'Makes a retried creating request return the first result (200, Idempotent-Replayed: true) instead of creating twice.',
    },
  },
} as const;

/** A closed object schema. */
export function object(
  properties: Record<string, unknown>,
  required: readonly string[] = [],
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'object',
    properties,
    required: [...required],
    additionalProperties: false,
    ...extra,
  } as const;
}

/** The body of a transition: the version seen plus the action's own fields. */
export function transitionBody(
  properties: Record<string, unknown> = {},
  required: readonly string[] = [],
) {
  return object({ expectedVersion: EXPECTED_VERSION, ...properties }, [
    'expectedVersion',
    ...required,
  ]);
}

/** A reference to a shared schema (registered with addSchema; a component in the description). */
/** The decision document as JSON: GET /api/cases/:id/decision-document and the preview. */
export const DECISION_DOCUMENT = {
  type: 'object',
  properties: {
    lang: { type: 'string' },
    issuingBody: { type: 'string' },
    title: { type: 'string' },
    documentNumber: { type: 'string' },
    addressee: { type: 'string' },
    sections: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          heading: { type: 'string' },
          paragraphs: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    signature: { type: 'string' },
    date: { type: 'string' },
    notice: { type: 'string' },
    text: { type: 'string' },
  },
} as const;

export const ref = (id: string) => ({ $ref: `${id}#` }) as const;

/** The responses every authenticated route may give besides its success. */
export function responses(ok: Record<number, unknown>) {
  return { ...ok, '4xx': ref('Error'), '5xx': ref('Error') };
}
