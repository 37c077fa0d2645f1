// A session's id, 16 hex digits: it is in the service's URLs, so it comes from node:crypto.
// The service makes it, not the runtime: every runtime's sidecars carry it in their labels.

export function newSessionId(): string {
  return process.getBuiltinModule('node:crypto').randomBytes(8).toString('hex');
}
