// Engine endpoints: where an engine is, as the docker CLI works it out (flags, environment,
// contexts). connect.ts dials them.
export { contextId, parseContextMeta, readContext, readContexts, readCurrentContext, type StoredContext } from './contexts.js';
export { dialOptions } from './dial.js';
export { classifyFailure, describeEndpoint } from './failures.js';
export { envTls, listContexts, normalizeHost, resolveEndpoint, resolveEndpoints, type EndpointSelection } from './resolve.js';
export { configDir, memoryFiles, nodeFiles, type StoreFiles } from './store.js';
export * from './types.js';
