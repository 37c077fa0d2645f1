// The only door to the service: a typed API, the context that hands it to components, and the
// host detection that builds the real one.
export { ApiProvider, useApi } from './context';
export { createHostApi } from './detect';
export type { AttachClose, AttachHandle, AttachHandlers, CdebugApi, ToastLevel } from './client';
