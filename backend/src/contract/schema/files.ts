// `GET /api/sessions/:id/files?path=ABS_PATH`: the path of the session's target to download.
// Its form (absolute, no NUL) is checked by the route, with an error that says what to give.

import * as Type from 'typebox';

/** PATH_MAX on Linux */
export const TARGET_PATH_MAX_LENGTH = 4096;

export const FileQuery = Type.Object({ path: Type.String({ minLength: 1, maxLength: TARGET_PATH_MAX_LENGTH }) });
