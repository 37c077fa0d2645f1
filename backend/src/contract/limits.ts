// Every size, length and count the contract limits, each once. The request schemas
// (schema/requests.ts, which Fastify checks), the sidecar's checks (sidecar/validate.ts, which
// `cdebug exec` runs as well as the service), the frame codec, the image parser and the UI all
// read these. Plain values, no imports: the CLI loads this module at every start.
//
// Where two copies used to disagree, the one the service enforced is the one kept: the service
// refused 1025 command arguments, 257 environment variables, a 16 385-character argument or
// value and a 66-character user (backend/test/hostile/http-bodies.test.ts pins those), while
// `cdebug exec` took up to 4096 arguments and 1024 variables of any length; now both refuse them.

/** Terminal size, in `POST /api/sessions` and resize frames. */
export const MIN_COLS = 2;
export const MAX_COLS = 1000;
export const MIN_ROWS = 1;
export const MAX_ROWS = 500;
export const DEFAULT_COLS = 80;
export const DEFAULT_ROWS = 24;

/** A container name or id (with an optional leading "/"): the engine's own names stop well before. */
export const TARGET_REF_MAX_LENGTH = 256;
/**
 * Session ids in paths; the service makes 16-character ones. Fastify's router refused any path
 * parameter over 100 characters (its default maxParamLength) before the schema's old 128 could:
 * 100 is the limit the service enforced, and app.ts now gives it to the router by this name.
 */
export const SESSION_ID_MAX_LENGTH = 100;
/** `GET /api/containers/{id}/logs?tail=N`: the last N lines of a container's log (default 50, at most 500). */
export const LOG_TAIL_DEFAULT = 50;
export const LOG_TAIL_MAX = 500;
/** An image reference, as the engine's reference grammar allows it. */
export const MAX_IMAGE_REF = 512;
/** USER[:GROUP]: two 32-character names (useradd's limit) and the colon, with room to spare. */
export const USER_SPEC_MAX_LENGTH = 65;

/** The command run in the sidecar: arguments, each argument's length (in characters), and all of it in bytes. */
export const CMD_MAX_ARGS = 1024;
export const CMD_ARG_MAX_LENGTH = 16_384;
export const CMD_MAX_BYTES = 128 * 1024;
/** Its environment: variables, each value's length (in characters), and all of it in bytes. */
export const ENV_MAX_ENTRIES = 256;
export const ENV_VALUE_MAX_LENGTH = 16_384;
export const ENV_MAX_BYTES = 128 * 1024;

/** Engine names: safe in a URL, a label and a log line (63 characters at most). */
export const ENGINE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$';

/** An HTTP request body: larger ones are refused with 413 payload_too_large. */
export const MAX_REQUEST_BODY = 64 * 1024;
/** A WebSocket frame to the service: keystrokes and pastes (clients split larger pastes). */
export const MAX_WS_FRAME = 64 * 1024;
/** A text (control) frame from a client: they are tiny JSON objects. */
export const MAX_CLIENT_TEXT_FRAME = 4096;

/** A profile hint's message: the refused command's line, cut to this many characters. */
export const HINT_MESSAGE_MAX_LENGTH = 200;
