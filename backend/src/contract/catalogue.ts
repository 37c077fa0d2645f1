// The one catalogue of errors cdebug reports. Every error the engine, the service or the CLI
// returns carries one of these stable codes; tests assert on the code, never on the wording.
// Plain values: the schemas (schema/common.ts) and errors.ts both read it.

export const ERROR_CATALOGUE = {
  bad_request: { status: 400, message: 'The request is not valid.' },
  invalid_image: { status: 400, message: 'The image reference is not valid.' },
  unauthorized: { status: 401, message: 'A valid access token is required.' },
  forbidden: { status: 403, message: 'This origin or host may not use the service.' },
  target_not_found: { status: 404, message: 'No container matches that name or id.' },
  session_not_found: { status: 404, message: 'No session has that id.' },
  engine_not_found: { status: 404, message: 'No engine of this service has that name.' },
  not_found: { status: 404, message: 'No such route.' },
  target_not_running: { status: 409, message: 'The target container is not running.' },
  image_not_found: { status: 404, message: 'No local image has that name, and it could not be pulled.' },
  target_unsupported: { status: 422, message: 'This container or image cannot be debugged by cdebug (e.g. a Windows image, or one with no files).' },
  copy_failed: { status: 500, message: 'The copy of the stopped container could not be made.' },
  unsupported_toolkit: { status: 422, message: 'The toolkit image cannot do what was asked.' },
  // printed by the sidecar's entry script (--shell), which exits 125: the code leads its line
  shell_not_found: { status: 422, message: 'Neither the target nor the toolkit has the shell asked for.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  too_many_requests: { status: 429, message: 'Too many failed attempts: wait a moment.' },
  internal: { status: 500, message: 'Something went wrong inside cdebug.' },
  image_pull_failed: { status: 502, message: 'The toolkit image could not be pulled.' },
  engine_unreachable: { status: 503, message: 'The container engine does not answer.' },
  // `cdebug ps`, `attach`, `kill`: the service they were pointed at (--server) does not answer
  service_unreachable: { status: 503, message: 'The cdebug service does not answer.' },
  sidecar_failed: { status: 500, message: 'The debugging sidecar could not be started.' },
  target_stopped: { status: 410, message: 'The target container stopped.' },
  session_ended: { status: 410, message: 'The session has ended.' },
  audit_unavailable: { status: 503, message: 'The audit log cannot be read.' },
  forward_not_found: { status: 404, message: 'No port-forward has that id.' },
  port_in_use: { status: 409, message: 'The local port is in use.' },
  forward_failed: { status: 500, message: 'The port-forward could not be started.' },
  // a request naming a forward's host on a connection that is not that forward's
  misdirected_request: { status: 421, message: 'This connection does not serve that host: open a new connection.' },
  download_not_found: { status: 404, message: 'This download link is unknown, used or expired: ask for a new one.' },
  file_not_found: { status: 404, message: 'No file or directory has that path in the target.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Every code, in the catalogue's order. */
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CATALOGUE, value);
}

export function statusOf(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}
