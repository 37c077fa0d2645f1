// The contract's schemas (TypeBox, i.e. JSON Schema) and the readers built on them. Imported by
// the service (Fastify's validation), the UI's guards and the tests; never by the CLI, whose start
// would pay for the schema library (../index.ts has the types and limits it needs).
export * from './common.js';
export * from './frame-codec.js';
export * from './frames.js';
export * from './requests.js';
export * from './responses.js';
export * from './forwards.js';
export * from './events.js';
export * from './files.js';
