// The engines one service drives, by name: each a runtime (port.ts: its catalog and its session
// side) of any kind, Docker's or another's. One is the default: requests that name no engine go there,
// so a single-engine client never needs to know engines exist.

import { CdebugError, isEngineName } from '../contract/index.js';
import { engineNotFound, type SessionEngines } from './engine-set.js';
import type { Runtime, SessionEngine } from './port.js';

export interface EngineEntry extends Runtime {
  readonly name: string;
  /** where it is, for people: never credentials */
  readonly host: string;
}

export class EnginePool implements SessionEngines {
  private readonly byName = new Map<string, EngineEntry>();
  readonly defaultName: string;

  /** the first entry is the default unless `defaultName` says otherwise */
  constructor(entries: readonly EngineEntry[], defaultName?: string) {
    for (const entry of entries) {
      if (!isEngineName(entry.name))
        throw new CdebugError('bad_request', `"${entry.name.slice(0, 64)}" is not a usable engine name: letters, digits, ".", "_" and "-", 64 at most.`);
      if (this.byName.has(entry.name)) throw new CdebugError('bad_request', `The engine name "${entry.name}" is given twice.`);
      // One engine under two names would list its containers twice, and both names would take
      // its sidecars (they carry one owner label) for their own at a restart. Caught by the
      // address only: two different addresses of one engine (its socket and a tcp port) are not.
      const twin = [...this.byName.values()].find((other) => other.host === entry.host);
      if (twin) {
        throw new CdebugError('bad_request', `The engines "${twin.name}" and "${entry.name}" are one engine (${entry.host}): give it once.`);
      }
      this.byName.set(entry.name, entry);
    }
    const chosen = defaultName ?? entries[0]?.name;
    if (chosen === undefined) throw new CdebugError('bad_request', 'A service needs at least one engine.');
    if (!this.byName.has(chosen)) throw engineNotFound(chosen, this.names());
    this.defaultName = chosen;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  get size(): number {
    return this.byName.size;
  }

  /** the named engine, or the default one; throws `engine_not_found` */
  entry(name: string = this.defaultName): EngineEntry {
    const entry = this.byName.get(name);
    if (!entry) throw engineNotFound(name, this.names());
    return entry;
  }

  entries(): EngineEntry[] {
    return [...this.byName.values()];
  }

  sessionEngine(name: string): SessionEngine {
    return this.entry(name).sessions;
  }
}
