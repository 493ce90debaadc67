/**
 * Request validation: JSON Schema beside each route, compiled by Ajv. Bodies are checked strictly
 * (no type coercion, unknown properties refused); the query string and path parameters, which are
 * always text, are coerced to the declared types. A failure becomes a VALIDATION error that names
 * the field and says in zh and en what is wrong with it. Schemas are JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1, so the same schema validates and documents.
 */
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { AppError } from '../app/errors.js';
import type { I18nText } from '../policy/model.js';

// ajv-formats is CommonJS: its default export is the plugin function itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function makeAjv(coerceTypes: Options['coerceTypes'], allErrors: boolean): Ajv2020 {
  // JSON Schema 2020-12, the dialect of OpenAPI 3.1.
  const ajv = new Ajv2020({
    coerceTypes,
    removeAdditional: false,
    useDefaults: true,
    allErrors,
    // OpenAPI annotations (example, …) are not validation keywords.
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

// Every problem of a body at once, so that a form can mark all its wrong fields (bodies are
// bounded by the body limit and every string and list schema by maxLength / maxItems).
const strict = makeAjv(false, true);
const coercing = makeAjv('array', false);

/** A validator compiled on its first use, and the means to compile it now (for the tests). */
interface LazyValidator {
  (data: unknown): boolean;
  errors?: ValidateFunction['errors'];
  compile(): ValidateFunction;
}

/** Every validator the server has made, to compile them all at once in a test. */
const made: LazyValidator[] = [];

/**
 * Bodies strictly, everything else (query string, params, headers) with coercion. Each validator
 * is compiled when its route is first called, not when the server starts: compiling the routes'
 * validators took about 300 ms of the server's 3.2 s cold start. `compileAllValidators` compiles
 * them at once, so that a schema Ajv cannot compile still fails the tests.
 */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strict : coercing;
  let compiled: ValidateFunction | undefined;
  const compile = () => (compiled ??= ajv.compile(schema));
  const validate: LazyValidator = Object.assign(
    (data: unknown) => {
      const check = compile();
      const ok = check(data);
      validate.errors = check.errors;
      return ok;
    },
    { compile },
  );
  made.push(validate);
  return validate as ReturnType<FastifySchemaCompiler<object>>;
};

/** Compiles every validator made so far; throws on a schema Ajv cannot compile. */
export function compileAllValidators(): number {
  for (const v of made) v.compile();
  return made.length;
}

const PART: Record<string, I18nText> = {
  body: { zh: '请求体', en: 'request body' },
  querystring: { zh: '查询参数', en: 'query parameter' },
  params: { zh: '路径参数', en: 'path parameter' },
  headers: { zh: '请求头', en: 'header' },
};

export interface FieldProblem {
  /** Where: body, querystring, params or headers. */
  readonly in: string;
  /** The field, as a dotted path ('facts.lossAmount'); '' for the whole part. */
  readonly field: string;
  /** The JSON Schema keyword that failed. */
  readonly rule: string;
  readonly message: I18nText;
}

function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

const join = (a: string, b: string) => (a === '' ? b : `${a}.${b}`);

/**
 * One Ajv error in words, with the field it concerns. Longer than most functions on purpose: one
 * case per JSON Schema keyword with its zh/en words, read top to bottom like a table.
 */
export function describeProblem(e: FastifySchemaValidationError | ErrorObject, part: string) {
  const params = (e.params ?? {}) as Record<string, unknown>;
  let field = pathOf(e.instancePath ?? '');
  let zh: string;
  let en: string;
  switch (e.keyword) {
    case 'required':
      field = join(field, String(params['missingProperty']));
      zh = '必须填写。';
      en = 'is required.';
      break;
    case 'additionalProperties':
      field = join(field, String(params['additionalProperty']));
      zh = '不是可接受的字段，请删除。';
      en = 'is not an accepted field; remove it.';
      break;
    case 'type': {
      const t = String(params['type']);
      const zhType: Record<string, string> = {
        string: '文本',
        integer: '整数',
        number: '数字',
        boolean: '布尔值（true 或 false）',
        object: '对象',
        array: '数组',
        null: 'null',
      };
      const names = t.split(',');
      zh = `应为${names.map((n) => zhType[n] ?? n).join('或')}。`;
      const enNames = names.map((n) =>
        n === 'null' ? 'null' : /^[aeiou]/.test(n) ? `an ${n}` : `a ${n}`,
      );
      en = `must be ${enNames.length > 1 ? `${enNames.slice(0, -1).join(', ')} or ${enNames.at(-1)}` : enNames[0]}.`;
      break;
    }
    case 'minLength':
      zh = `至少需要 ${String(params['limit'])} 个字符。`;
      en = `needs at least ${String(params['limit'])} characters.`;
      break;
    case 'maxLength':
      zh = `不能超过 ${String(params['limit'])} 个字符。`;
      en = `must not be longer than ${String(params['limit'])} characters.`;
      break;
    case 'minimum':
      zh = `不能小于 ${String(params['limit'])}。`;
      en = `must be at least ${String(params['limit'])}.`;
      break;
    case 'maximum':
      zh = `不能大于 ${String(params['limit'])}。`;
      en = `must be at most ${String(params['limit'])}.`;
      break;
    case 'exclusiveMinimum':
      zh = `必须大于 ${String(params['limit'])}。`;
      en = `must be greater than ${String(params['limit'])}.`;
      break;
    case 'minItems':
      zh = `至少需要 ${String(params['limit'])} 项。`;
      en = `needs at least ${String(params['limit'])} items.`;
      break;
    case 'maxItems':
      zh = `不能超过 ${String(params['limit'])} 项。`;
      en = `must not have more than ${String(params['limit'])} items.`;
      break;
    case 'minProperties':
      zh = `至少需要 ${String(params['limit'])} 项。`;
      en = `needs at least ${String(params['limit'])} entries.`;
      break;
    case 'maxProperties':
      zh = `不能超过 ${String(params['limit'])} 项。`;
      en = `must not have more than ${String(params['limit'])} entries.`;
      break;
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[] | undefined)?.map(String).join(', ');
      zh = `应为以下之一：${allowed ?? ''}。`;
      en = `must be one of: ${allowed ?? ''}.`;
      break;
    }
    case 'const':
      zh = `应为 ${JSON.stringify(params['allowedValue'])}。`;
      en = `must be ${JSON.stringify(params['allowedValue'])}.`;
      break;
    case 'format': {
      const f = String(params['format']);
      const FORMAT: Record<string, I18nText> = {
        date: { zh: '应为日期，格式 YYYY-MM-DD。', en: 'must be a date as YYYY-MM-DD.' },
        'date-time': {
          zh: '应为带时区的时间，如 2025-03-03T10:00:00+08:00。',
          en: 'must be a date and time with a zone, e.g. 2025-03-03T10:00:00+08:00.',
        },
        uuid: {
          zh: '应为 UUID，如 123e4567-e89b-12d3-a456-426614174000。',
          en: 'must be a UUID, e.g. 123e4567-e89b-12d3-a456-426614174000.',
        },
        byte: { zh: '应为 Base64 编码的内容。', en: 'must be Base64-encoded content.' },
      };
      const m = FORMAT[f] ?? { zh: `格式应为 ${f}。`, en: `must be in the ${f} format.` };
      zh = m.zh;
      en = m.en;
      break;
    }
    case 'pattern':
      zh = '格式不正确。';
      en = 'is not in the expected format.';
      break;
    case 'propertyNames':
      zh = '含有不可接受的名称。';
      en = 'contains a name that is not accepted.';
      break;
    default:
      zh = '不符合要求。';
      en = 'is not valid.';
  }
  const where = PART[part] ?? { zh: part, en: part };
  const name = field === '' ? where : { zh: field, en: field };
  return {
    in: part,
    field,
    rule: e.keyword,
    message: { zh: `${name.zh}：${zh}`, en: `${name.en}: ${en}` },
  } satisfies FieldProblem;
}

/** Fastify's validation failure as the catalogue's VALIDATION error. */
export function validationError(
  errors: readonly FastifySchemaValidationError[],
  part: string,
): AppError {
  const problems = errors.map((e) => describeProblem(e, part));
  const first = problems[0];
  if (!first) return new AppError('VALIDATION', { in: part });
  return new AppError(
    'VALIDATION',
    { in: part, field: first.field, rule: first.rule, problems },
    first.message,
  );
}
