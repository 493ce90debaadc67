/**
 * What the routes share around the API's shapes (src/api): the schemas registered once with the
 * server (components of the API description, targets of `$ref`), the error answers every route
 * may give, and the TypeBox-typed Fastify instance the route files register on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import {
  ApiError,
  CaseSummary,
  CaseView,
  CONDITION_SCHEMA,
  EVALUATION_FAILURE_SCHEMA,
  FAILURE_SCHEMA,
  JSON_VALUE_SCHEMA,
  Ref,
  type TSchema,
} from '../api/index.js';

/** Shapes many routes answer with, registered by $id (`Error`, `Case`, …). */
export const SHARED_SCHEMAS: readonly object[] = [
  JSON_VALUE_SCHEMA,
  ApiError,
  CaseView,
  CaseSummary,
  CONDITION_SCHEMA,
  FAILURE_SCHEMA,
  EVALUATION_FAILURE_SCHEMA,
];

const ERROR = Ref(ApiError);

/** The responses every route may give besides its success: errors through the one Error shape. */
export function responses<R extends Record<number, TSchema>>(ok: R) {
  return { ...ok, '4xx': ERROR, '5xx': ERROR };
}

/** A Fastify instance whose handlers take their types from the TypeBox schemas of their routes. */
export type Api = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export const typed = (app: FastifyInstance): Api => app.withTypeProvider<TypeBoxTypeProvider>();
