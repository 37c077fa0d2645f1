// `GET /api/sessions/:id/files?path=ABS_PATH`: the path of the session's target to download;
// `POST /api/sessions/:id/files/link {path}`: a one-time link to it, for a browser without the
// token (Docker Desktop hands it to the host's browser), and `GET /downloads/:ticket` its answer.
// Its form (absolute, no NUL) is checked by the route, with an error that says what to give.

import * as Type from 'typebox';

/** PATH_MAX on Linux */
export const TARGET_PATH_MAX_LENGTH = 4096;

export const FileQuery = Type.Object({ path: Type.String({ minLength: 1, maxLength: TARGET_PATH_MAX_LENGTH }) });

export const FileLinkRequest = Type.Object({ path: Type.String({ minLength: 1, maxLength: TARGET_PATH_MAX_LENGTH }) }, { additionalProperties: false });

export const FileLink = Type.Object({
  /** absolute: where the user's browser reaches the service (Desktop: the published port) */
  url: Type.String({ minLength: 1 }),
  /** ISO 8601; the link works once, until then */
  expiresAt: Type.String({ minLength: 1 }),
});

export const DownloadParams = Type.Object({ ticket: Type.String({ pattern: '^[0-9a-f]{32}$' }) });
