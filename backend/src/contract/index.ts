// The contract shared by the service, the CLI, the UI and the tests: types, limits, error codes,
// routes, the image parser and frame encoding. Pure, no Node imports, so that the browser bundle
// can use it as it is, and no schema library at run time (types only), so that `cdebug exec`
// starts without it. The schemas themselves, and what reads with them, are in ./schema/.
export * from './api.js';
export * from './errors.js';
export * from './frames.js';
export * from './image-ref.js';
export * from './limits.js';
export * from './forwards.js';
export * from './shells.js';
export * from './profiles.js';
