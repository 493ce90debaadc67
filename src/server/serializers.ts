/**
 * Answers are serialized through their response schemas by fast-json-stringify (Fastify's own
 * serializer compiler), which writes only the declared fields. Building a serializer for a large
 * schema such as the case view takes tens of milliseconds, and some thirty routes answer with it:
 * built at start-up, they would add a second or more to every server start (the CLI's and each
 * test file's). Here each route's serializer is built on the first answer that needs it.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Factory = ReturnType<typeof SerializerSelector>;

const eager = SerializerSelector();

export const lazySerializers: Factory = (externalSchemas, options) => {
  const compile = eager(externalSchemas, options);
  return (route) => {
    let serialize: ((doc: unknown) => string) | undefined;
    return (doc) => (serialize ??= compile(route))(doc);
  };
};
