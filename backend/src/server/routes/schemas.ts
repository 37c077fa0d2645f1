// JSON schemas of request bodies and parameters, checked by Fastify before any handler runs.
// Limits match the contract's; unknown fields are refused, not dropped.

import { ENGINE_NAME_PATTERN, MAX_COLS, MAX_ROWS, MIN_COLS, MIN_ROWS } from '../../contract/index.js';

export const createSessionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['target'],
  properties: {
    target: { type: 'string', minLength: 1, maxLength: 256 },
    engine: { type: 'string', pattern: ENGINE_NAME_PATTERN },
    // only the type here: the image parser refuses an empty or over-long reference itself,
    // with `invalid_image` as the CLI gets it (the body limit bounds the length anyway)
    image: { type: 'string' },
    cmd: { type: 'array', maxItems: 1024, items: { type: 'string', maxLength: 16384 } },
    user: { type: 'string', minLength: 1, maxLength: 65 },
    privileged: { type: 'boolean' },
    env: { type: 'object', maxProperties: 256, additionalProperties: { type: 'string', maxLength: 16384 } },
    cols: { type: 'integer', minimum: MIN_COLS, maximum: MAX_COLS },
    rows: { type: 'integer', minimum: MIN_ROWS, maximum: MAX_ROWS },
  },
} as const;

export const sessionParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 128 } },
} as const;

export interface SessionParams {
  id: string;
}
