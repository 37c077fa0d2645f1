// The door to the service for components and hooks: the typed API and the context that hands it
// to them. main.tsx builds the real API with createHostApi (./detect); tests hand in a fake.
export { ApiProvider, useApi } from './context';
export type { AttachClose, AttachHandle, AttachHandlers, CdebugApi, ToastLevel } from './client';
