/**
 * The JSON Schema (2020-12) of a policy pack file. Published as schema/policy-pack.schema.json
 * (kept identical by a test) so that editors validate packs as they are written.
 */

const i18n = {
  type: 'object',
  description: 'A text in Chinese (first) and English.',
  required: ['zh', 'en'],
  additionalProperties: false,
  properties: {
    zh: { type: 'string', minLength: 1 },
    en: { type: 'string', minLength: 1 },
  },
} as const;

const id = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]*$' } as const;
const isoDate = {
  type: 'string',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'A date, YYYY-MM-DD.',
} as const;
const scalar = { type: ['boolean', 'string', 'number'] } as const;

const timeLimit = {
  type: 'object',
  required: ['days', 'unit'],
  additionalProperties: false,
  properties: {
    days: { type: 'integer', minimum: 0 },
    unit: { enum: ['working', 'calendar'] },
    basis: { type: 'string', description: 'The clause id or reference the figure comes from.' },
    note: { $ref: '#/$defs/i18n' },
  },
} as const;

const compareOps = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'within'] as const;

const dateSpan = {
  type: 'object',
  description:
    'A span counted back from the conduct date: {years: 2} is the two years before it, the conduct date included.',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    years: { type: 'integer', minimum: 0 },
    months: { type: 'integer', minimum: 0 },
    days: { type: 'integer', minimum: 0 },
  },
} as const;

export const POLICY_PACK_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://rongcuo.org/schema/policy-pack.schema.json',
  title: 'rongcuo policy pack',
  description:
    'One measure (实施办法) as code: its facts, clauses, rules, decision and procedure parameters, in dated versions.',
  type: 'object',
  required: ['id', 'title', 'authority', 'documentNumber', 'jurisdiction', 'status', 'versions'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    id: { ...id, description: 'The pack id, e.g. cn-national.' },
    title: { $ref: '#/$defs/i18n' },
    authority: { $ref: '#/$defs/i18n', description: 'The issuing authority.' },
    documentNumber: { type: 'string', description: 'The document number, empty if none.' },
    jurisdiction: { type: 'string', minLength: 1 },
    extends: { ...id, description: 'The pack this one implements, e.g. cn-national.' },
    status: { enum: ['draft', 'published'] },
    notice: { $ref: '#/$defs/i18n' },
    standardVocabulary: {
      type: 'boolean',
      description: 'Whether the standard fact vocabulary is available (default true).',
    },
    outcomes: {
      type: 'array',
      minItems: 2,
      description: 'The outcome ladder, most favourable to the official first (root packs only).',
      items: {
        type: 'object',
        required: ['id', 'label'],
        additionalProperties: false,
        properties: {
          id,
          label: { $ref: '#/$defs/i18n' },
          description: { $ref: '#/$defs/i18n' },
        },
      },
    },
    otherResults: {
      type: 'array',
      description:
        "Results off the outcome ladder that decision entries may give: notApplicable (outside the measure's scope, 不适用本办法) or referred (参照办理、移送). Not ranked against the ladder.",
      items: {
        type: 'object',
        required: ['id', 'kind', 'label'],
        additionalProperties: false,
        properties: {
          id,
          kind: { enum: ['notApplicable', 'referred'] },
          label: { $ref: '#/$defs/i18n' },
          description: { $ref: '#/$defs/i18n' },
          to: {
            $ref: '#/$defs/i18n',
            description: 'For referred: the body the matter is referred to.',
          },
        },
      },
    },
    sources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'number', 'issuer'],
        additionalProperties: false,
        properties: {
          id,
          title: { $ref: '#/$defs/i18n' },
          number: { type: 'string' },
          issuer: { $ref: '#/$defs/i18n' },
          date: isoDate,
        },
      },
    },
    facts: {
      type: 'object',
      description: 'Facts this pack adds to the standard vocabulary.',
      propertyNames: id,
      additionalProperties: {
        type: 'object',
        required: ['type', 'label', 'help'],
        additionalProperties: false,
        properties: {
          type: { enum: ['boolean', 'enum', 'number', 'date'] },
          label: { $ref: '#/$defs/i18n' },
          help: { $ref: '#/$defs/i18n' },
          values: {
            type: 'array',
            minItems: 2,
            items: {
              type: 'object',
              required: ['value', 'label'],
              additionalProperties: false,
              properties: { value: id, label: { $ref: '#/$defs/i18n' } },
            },
          },
          unit: { $ref: '#/$defs/i18n' },
          min: { type: 'number' },
          max: { type: 'number' },
          integer: { type: 'boolean' },
          derived: {
            $ref: '#/$defs/expr',
            description:
              'A number computed from other number facts, e.g. {div: [lossAmount, projectInvestment]}; never asked of users.',
          },
          none: {
            $ref: '#/$defs/i18n',
            description:
              'For an optional date or number fact: the words for the answer “none” (the value none), e.g. {zh: 无同类错误, en: no earlier mistake}.',
          },
        },
      },
    },
    matters: {
      type: 'object',
      description:
        'Matters of an official’s career this pack adds to the standard list a determination may leave unaffected (annualAssessment, promotion, awards, …).',
      propertyNames: id,
      additionalProperties: {
        type: 'object',
        required: ['label'],
        additionalProperties: false,
        properties: {
          label: { $ref: '#/$defs/i18n' },
          description: { $ref: '#/$defs/i18n' },
        },
      },
    },
    followUp: { $ref: '#/$defs/followUp' },
    versions: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'from'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', minLength: 1 },
          status: { enum: ['draft', 'published'] },
          title: { $ref: '#/$defs/i18n' },
          from: isoDate,
          to: isoDate,
          amends: { type: 'string' },
          clauses: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'source', 'article', 'text'],
              additionalProperties: false,
              properties: {
                id,
                source: id,
                article: { $ref: '#/$defs/i18n' },
                text: { $ref: '#/$defs/i18n' },
              },
            },
          },
          predicates: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'title', 'when'],
              additionalProperties: false,
              properties: {
                id,
                title: { $ref: '#/$defs/i18n' },
                when: { $ref: '#/$defs/condition' },
              },
            },
          },
          rules: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'kind', 'title', 'clauses', 'when'],
              additionalProperties: false,
              properties: {
                id,
                kind: {
                  enum: [
                    'exclusion',
                    'condition',
                    'situation',
                    'mitigation',
                    'aggravation',
                    'immunity',
                    'other',
                  ],
                },
                title: { $ref: '#/$defs/i18n' },
                clauses: { type: 'array', items: id },
                when: { $ref: '#/$defs/condition' },
              },
            },
          },
          removes: { type: 'array', items: id },
          decision: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['id', 'outcome'],
              additionalProperties: false,
              properties: {
                id,
                outcome: {
                  description:
                    'One outcome id, or a discretion band (可以……或者……): the outcomes the collective body may choose between.',
                  oneOf: [id, { type: 'array', minItems: 1, items: id }],
                },
                when: { $ref: '#/$defs/condition' },
                otherwise: { const: true },
                binding: { type: 'boolean' },
                note: { $ref: '#/$defs/i18n' },
              },
              oneOf: [{ required: ['when'] }, { required: ['otherwise'] }],
            },
          },
          procedure: { $ref: '#/$defs/procedure' },
          results: {
            type: 'object',
            description:
              'Result application (结果运用) per outcome id: the matters left unaffected, the impact period, the default correction.',
            propertyNames: id,
            additionalProperties: { $ref: '#/$defs/resultApplication' },
          },
          followUp: { $ref: '#/$defs/followUp' },
        },
      },
    },
  },
  $defs: {
    i18n,
    timeLimit,
    followUp: {
      type: 'object',
      description:
        'Follow-up visits (回访) of officials in an impact period: the visit is due `before` the period ends; at least `sampleShare` of them are drawn. Merged field by field: parent pack, this pack, then each amended version.',
      additionalProperties: false,
      properties: {
        before: {
          type: 'object',
          description:
            'How long before the impact period ends the visit is due, e.g. { months: 1 }.',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            months: { type: 'integer', minimum: 0, maximum: 120 },
            days: { type: 'integer', minimum: 0, maximum: 366 },
          },
        },
        sampleShare: {
          type: 'number',
          description:
            'The least share (0–1, e.g. 0.3) of the officials in the window drawn for a visit; the sample is rounded up.',
        },
        basis: { ...id, description: 'The clause the rule comes from.' },
        note: { $ref: '#/$defs/i18n' },
      },
    },
    resultApplication: {
      type: 'object',
      additionalProperties: false,
      properties: {
        unaffected: {
          type: 'array',
          description:
            'Matters that stay unaffected: standard ones (annualAssessment, routineAssessment, termAssessment, probationAssessment, promotion, rankPromotion, titles, awards, reserveCadre, integrityVetting) or the pack’s own.',
          items: id,
        },
        impactPeriod: {
          description:
            'The impact period (影响期) in months from the determination; null removes an inherited one.',
          oneOf: [
            { type: 'null' },
            {
              type: 'object',
              required: ['months'],
              additionalProperties: false,
              properties: {
                months: { type: 'integer', minimum: 1, maximum: 120 },
                basis: id,
                note: { $ref: '#/$defs/i18n' },
              },
            },
          ],
        },
        correction: {
          type: 'object',
          description: 'The correction this outcome asks for by default.',
          required: ['kinds'],
          additionalProperties: false,
          properties: {
            kinds: {
              type: 'array',
              minItems: 1,
              description:
                'Kinds of correction: rectify, recoverLosses, improveRules, writtenReview, talk.',
              items: id,
            },
            within: { $ref: '#/$defs/timeLimit' },
            reviewAfter: {
              type: 'object',
              description:
                'How long after the correction is closed its effectiveness is reviewed (default 3 months).',
              required: ['months'],
              additionalProperties: false,
              properties: { months: { type: 'integer', minimum: 1, maximum: 36 }, basis: id },
            },
            note: { $ref: '#/$defs/i18n' },
          },
        },
        basis: { type: 'array', items: id, description: 'The clauses that say so.' },
        note: { $ref: '#/$defs/i18n' },
      },
    },
    expr: {
      description:
        'Arithmetic for a derived fact: a number, a fact id, or {add|sub|mul|div|min|max: [operands]} (sub and div take two).',
      oneOf: [
        { type: 'number' },
        id,
        ...(['add', 'mul', 'min', 'max'] as const).map((op) => ({
          type: 'object',
          required: [op],
          additionalProperties: false,
          properties: { [op]: { type: 'array', minItems: 2, items: { $ref: '#/$defs/expr' } } },
        })),
        ...(['sub', 'div'] as const).map((op) => ({
          type: 'object',
          required: [op],
          additionalProperties: false,
          properties: {
            [op]: { type: 'array', minItems: 2, maxItems: 2, items: { $ref: '#/$defs/expr' } },
          },
        })),
      ],
    },
    condition: {
      description:
        'A condition: {all: [...]}, {any: [...]}, {not: ...}, {fact: F, eq|ne|lt|lte|gt|gte|in|notIn: V}, {fact: F, within: {years|months|days: N}}, {rule: id} or {predicate: id}; each may carry a note.',
      oneOf: [
        {
          type: 'object',
          required: ['all'],
          additionalProperties: false,
          properties: {
            all: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' } },
            note: { $ref: '#/$defs/i18n' },
          },
        },
        {
          type: 'object',
          required: ['any'],
          additionalProperties: false,
          properties: {
            any: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' } },
            note: { $ref: '#/$defs/i18n' },
          },
        },
        {
          type: 'object',
          required: ['not'],
          additionalProperties: false,
          properties: { not: { $ref: '#/$defs/condition' }, note: { $ref: '#/$defs/i18n' } },
        },
        {
          type: 'object',
          required: ['rule'],
          additionalProperties: false,
          properties: { rule: id, note: { $ref: '#/$defs/i18n' } },
        },
        {
          type: 'object',
          required: ['predicate'],
          additionalProperties: false,
          properties: { predicate: id, note: { $ref: '#/$defs/i18n' } },
        },
        {
          type: 'object',
          required: ['fact'],
          additionalProperties: false,
          minProperties: 2,
          maxProperties: 3,
          properties: {
            fact: id,
            note: { $ref: '#/$defs/i18n' },
            eq: scalar,
            ne: scalar,
            lt: { type: ['number', 'string'] },
            lte: { type: ['number', 'string'] },
            gt: { type: ['number', 'string'] },
            gte: { type: ['number', 'string'] },
            in: { type: 'array', minItems: 1, items: scalar },
            notIn: { type: 'array', minItems: 1, items: scalar },
            within: dateSpan,
          },
          oneOf: compareOps.map((op) => ({ required: [op] })),
        },
      ],
    },
    procedure: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timeLimits: {
          type: 'object',
          description:
            'Time limit per step of the case procedure that reads one: acceptance, verification, consultation, deliberation, notification (the linter refuses a misspelt step and warns of any other name: no step reads it; the application window is `application.within`).',
          propertyNames: id,
          additionalProperties: { $ref: '#/$defs/timeLimit' },
        },
        publicity: {
          type: 'object',
          additionalProperties: false,
          properties: { required: { type: 'boolean' }, period: { $ref: '#/$defs/timeLimit' } },
        },
        consultation: {
          type: 'object',
          additionalProperties: false,
          properties: {
            required: { type: 'boolean' },
            departments: { type: 'array', items: { type: 'string' } },
          },
        },
        review: {
          type: 'object',
          additionalProperties: false,
          properties: {
            applyWithin: { $ref: '#/$defs/timeLimit' },
            decideWithin: { $ref: '#/$defs/timeLimit' },
            collective: {
              type: 'boolean',
              description:
                'The review is decided collectively: the panel votes and the chair decides with a majority, as for the determination (default false).',
            },
          },
        },
        appeal: {
          type: 'object',
          additionalProperties: false,
          properties: {
            applyWithin: { $ref: '#/$defs/timeLimit' },
            decideWithin: { $ref: '#/$defs/timeLimit' },
          },
        },
        followUp: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enabled: { type: 'boolean' },
            impactPeriodMonths: { type: 'integer', minimum: 0 },
            prepareBefore: { $ref: '#/$defs/timeLimit' },
            samplingRate: { type: 'number', minimum: 0, maximum: 1 },
          },
        },
        filingUpward: {
          type: 'object',
          additionalProperties: false,
          properties: { required: { type: 'boolean' }, within: { $ref: '#/$defs/timeLimit' } },
        },
        application: {
          type: 'object',
          description:
            'When an official may apply (申请时限), e.g. during the accountability investigation or within 15 working days of being notified of the accountability decision: { duringInvestigation: true, within: { days: 15, unit: working, basis: … }, from: notifiedOfAccountability }. No `within`: at any time. An application outside the window is refused.',
          additionalProperties: false,
          properties: {
            within: { $ref: '#/$defs/timeLimit' },
            from: {
              enum: ['notifiedOfAccountability', 'conduct'],
              description:
                'The day `within` counts from: the day the official was notified of the accountability decision (default), or the day of the conduct.',
            },
            duringInvestigation: {
              type: 'boolean',
              description:
                'With `from: notifiedOfAccountability`: an official not yet notified of a decision may apply (default true).',
            },
          },
        },
        exOfficio: {
          type: 'object',
          description:
            'The accountability body must itself consider tolerance before deciding accountability (主动容错审查): the check opened on an accountability matter cannot be withdrawn.',
          additionalProperties: false,
          properties: {
            required: { type: 'boolean' },
            basis: { type: 'string', description: 'The clause that says so.' },
          },
        },
      },
    },
  },
} as const;
