// What clients send: request bodies, path parameters and query strings, checked by Fastify
// before any handler runs. Unknown body fields are refused, not dropped.

import * as Type from 'typebox';
import {
  CMD_ARG_MAX_LENGTH,
  CMD_MAX_ARGS,
  ENV_MAX_ENTRIES,
  ENV_VALUE_MAX_LENGTH,
  MAX_COLS,
  MAX_ROWS,
  MIN_COLS,
  MIN_ROWS,
  SESSION_ID_MAX_LENGTH,
  TARGET_REF_MAX_LENGTH,
  USER_SPEC_MAX_LENGTH,
} from '../limits.js';
import { EngineName, ProfileName } from './common.js';
import { SHELL_CHOICES, type ShellChoice } from '../shells.js';
import { CAPABILITY_PATTERN, MAX_CAPABILITIES } from '../profiles.js';

const Capabilities = Type.Array(Type.String({ pattern: CAPABILITY_PATTERN }), { maxItems: MAX_CAPABILITIES });

/**
 * The environment as a map of strings. Written as `additionalProperties` rather than
 * Type.Record, whose `patternProperties: {"^.*$"}` would leave names with a line break unchecked.
 */
const Env = Type.Unsafe<Record<string, string>>(
  Type.Object({}, { maxProperties: ENV_MAX_ENTRIES, additionalProperties: Type.String({ maxLength: ENV_VALUE_MAX_LENGTH }) }),
);

/** `POST /api/sessions`. The deeper checks (image grammar, user, environment names, command bytes) follow in the engine. */
export const CreateSessionRequest = Type.Object(
  {
    target: Type.String({ minLength: 1, maxLength: TARGET_REF_MAX_LENGTH }),
    /** absent: the default engine */
    engine: Type.Optional(EngineName),
    // only the type here: the image parser refuses an empty or over-long reference itself,
    // with `invalid_image` as the CLI gets it (the body limit bounds the length anyway)
    image: Type.Optional(Type.String()),
    cmd: Type.Optional(Type.Array(Type.String({ maxLength: CMD_ARG_MAX_LENGTH }), { maxItems: CMD_MAX_ARGS })),
    user: Type.Optional(Type.String({ minLength: 1, maxLength: USER_SPEC_MAX_LENGTH })),
    privileged: Type.Optional(Type.Boolean()),
    /** with no `cmd`: the shell to start (`auto` picks one); absent: `sh`, as before */
    shell: Type.Optional(Type.Unsafe<ShellChoice>(Type.Union(SHELL_CHOICES.map((s) => Type.Literal(s))))),
    /** the sidecar's privileges, as kubectl debug's profiles; absent: general (`privileged`: sysadmin) */
    profile: Type.Optional(ProfileName),
    /** capabilities added to, or dropped from, the profile's */
    capAdd: Type.Optional(Capabilities),
    capDrop: Type.Optional(Capabilities),
    env: Type.Optional(Env),
    cols: Type.Optional(Type.Integer({ minimum: MIN_COLS, maximum: MAX_COLS })),
    rows: Type.Optional(Type.Integer({ minimum: MIN_ROWS, maximum: MAX_ROWS })),
    /** read `target` as an image reference even when a container has that name */
    asImage: Type.Optional(Type.Boolean()),
    /** a copy mounts the original's volumes and bind mounts writable (read-only by default) */
    rwVolumes: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** `/api/sessions/:id` */
export const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: SESSION_ID_MAX_LENGTH }) });

/** `?engine=` of the lists; other query parameters are ignored (a cache-buster must not fail a list). */
export const EngineQuery = Type.Object({ engine: Type.Optional(EngineName) });

/** `GET /api/containers?all=1`: every container, stopped ones too (default: running ones only). */
export const ContainersQuery = Type.Object({ engine: Type.Optional(EngineName), all: Type.Optional(Type.Enum(['0', '1', 'true', 'false'])) });

/** `/api/containers/{id}/logs`: a container's name or id (the router stops at SESSION_ID_MAX_LENGTH). */
export const ContainerParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: TARGET_REF_MAX_LENGTH }) });

/** `GET /api/containers/{id}/logs?tail=N[&engine=]`: N in 1..LOG_TAIL_MAX, checked by the route (a query string is text). */
export const LogsQuery = Type.Object({ engine: Type.Optional(EngineName), tail: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })) });
