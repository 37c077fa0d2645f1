// The engines sessions can run on, by name, as the session manager sees them: one of them is
// the default (requests that name none go there). A service with one engine wraps it with
// singleEngine(); the service's engine pool (pool.ts) implements this for several.

import { CdebugError, DEFAULT_ENGINE_NAME } from '../contract/index.js';
import type { SessionEngine } from './port.js';

export interface SessionEngines {
  readonly defaultName: string;
  /** in the configured order */
  names(): string[];
  /** throws `engine_not_found` for a name that is not configured */
  sessionEngine(name: string): SessionEngine;
}

export function engineNotFound(name: string, known: readonly string[]): CdebugError {
  return new CdebugError('engine_not_found', `This service has no engine named "${name.slice(0, 64)}": it knows ${known.map((n) => `"${n}"`).join(', ')}.`);
}

export function singleEngine(engine: SessionEngine, name: string = DEFAULT_ENGINE_NAME): SessionEngines {
  return {
    defaultName: name,
    names: () => [name],
    sessionEngine(asked) {
      if (asked !== name) throw engineNotFound(asked, [name]);
      return engine;
    },
  };
}
