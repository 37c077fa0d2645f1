// The wrappers that name an unreachable engine pass every member of the engine on: a member
// left out looks, to the session manager, like an engine that cannot do it (a Download in the
// standalone service answered "This engine cannot read files" because readFile was dropped here).
import { describe, expect, it, vi } from 'vitest';
import { CdebugError } from '../../contract/index.js';
import type { CatalogEngine, ForwardEngine, SessionEngine } from '../port.js';
import { namedCatalog, namedForwardEngine, namedSessionEngine, type Rename } from './named.js';

const unreachable = () => Promise.reject(new CdebugError('engine_unreachable', 'The engine does not answer.'));
const rename: Rename = (err) =>
  err instanceof CdebugError && err.code === 'engine_unreachable'
    ? new CdebugError('engine_unreachable', 'The engine "lab" at tcp://lab:2376: it does not answer.')
    : err;

function fullSessionEngine(): SessionEngine {
  return {
    prepare: vi.fn(unreachable),
    listOwned: vi.fn(unreachable),
    adopt: vi.fn(unreachable),
    history: vi.fn(unreachable),
    remove: vi.fn(unreachable),
    targetState: vi.fn(unreachable),
    answers: vi.fn(async () => true),
    watchDeaths: vi.fn(() => () => undefined),
    readFile: vi.fn(unreachable),
  };
}

function fullCatalog(): CatalogEngine {
  return {
    describe: vi.fn(unreachable),
    containers: vi.fn(unreachable),
    images: vi.fn(unreachable),
    debuggableImages: vi.fn(unreachable),
    logs: vi.fn(unreachable),
    live: { listAll: vi.fn(unreachable), inspect: vi.fn(unreachable), watchContainers: vi.fn(() => () => undefined) },
  };
}

function fullForwards(): ForwardEngine {
  return { open: vi.fn(unreachable), ports: vi.fn(unreachable), removeLeftovers: vi.fn(unreachable) };
}

const keys = (o: object) => Object.keys(o).sort();

describe('named engines', () => {
  it('keep every member of a session engine, optional ones included', () => {
    const inner = fullSessionEngine();
    expect(keys(namedSessionEngine(inner, rename))).toEqual(keys(inner));
  });

  it('leave an optional member out only when the engine has none', () => {
    const inner: SessionEngine = fullSessionEngine();
    delete inner.readFile;
    expect(keys(namedSessionEngine(inner, rename))).toEqual(keys(inner));
    expect('readFile' in namedSessionEngine(inner, rename)).toBe(false);
  });

  it('keep every member of a catalog and of a forward engine', () => {
    const catalog = fullCatalog();
    expect(keys(namedCatalog(catalog, rename))).toEqual(keys(catalog));
    const forwards = fullForwards();
    expect(keys(namedForwardEngine(forwards, rename))).toEqual(keys(forwards));
  });

  it("say an unreachable engine's name when reading a file, and pass the arguments on", async () => {
    const readFile = vi.fn(unreachable);
    const named = namedSessionEngine({ ...fullSessionEngine(), readFile }, rename);
    await expect(named.readFile?.('sidecar-1', '/etc/hosts')).rejects.toThrow('The engine "lab" at tcp://lab:2376');
    expect(readFile).toHaveBeenCalledWith('sidecar-1', '/etc/hosts');
  });
});
