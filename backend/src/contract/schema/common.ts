// Shapes that several answers and frames share: error codes and bodies, session states, engine
// names. JSON Schema built with TypeBox; the TypeScript types are derived from these (Static<>).
//
// `default` marks what a reader may assume when a service older or newer than it leaves a field
// out or sends it in a form it does not know (the UI's guards read answers that way); Fastify
// never fills defaults in (app.ts turns Ajv's useDefaults off).

import * as Type from 'typebox';
import { ERROR_CODES } from '../catalogue.js';
import { ENGINE_NAME_PATTERN } from '../limits.js';
import { SESSION_STATES } from '../states.js';
import { PROFILES, type Profile } from '../profiles.js';

/** A catalogued code; one this reader does not know reads as `internal`. */
export const ErrorCode = Type.Enum(ERROR_CODES, { default: 'internal' });

export const ErrorInfo = Type.Object({ code: ErrorCode, message: Type.String() });

export const ErrorBody = Type.Object({ error: ErrorInfo });

export const SessionState = Type.Enum([...SESSION_STATES]);

export const EngineName = Type.String({ pattern: ENGINE_NAME_PATTERN });

/** What an engine says it is. */
export const EngineInfo = Type.Object({
  name: Type.String({ default: '' }),
  version: Type.String({ default: '' }),
  apiVersion: Type.String({ default: '' }),
});

/** a privilege profile's name (contract/profiles.ts) */
export const ProfileName = Type.Unsafe<Profile>(Type.Union(PROFILES.map((p) => Type.Literal(p))));
