// The contract shared by the service, the CLI, the UI and the tests. Pure: no Node imports,
// so that the browser bundle can use it as it is.
export * from './api.js';
export * from './errors.js';
export * from './frames.js';
export * from './image-ref.js';
