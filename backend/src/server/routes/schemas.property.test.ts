// POST /api/sessions against a model of the contract, with fast-check: for any JSON body, the
// service answers either 201 (exactly when the model says the request is valid) or the error
// the model predicts, in the contract's shape; never a 5xx. The app runs on fake engines
// (inject: no port, no Docker), behind the same checks the Docker engine makes before any call.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, unitApp } from '../../../test/server/unit-app.js';
import {
  CMD_ARG_MAX_LENGTH,
  CMD_MAX_ARGS,
  type CreateSessionRequest,
  ENV_MAX_ENTRIES,
  ENV_VALUE_MAX_LENGTH,
  isErrorCode,
  MAX_COLS,
  MAX_ROWS,
  MIN_COLS,
  MIN_ROWS,
  parseImageRef,
  routes,
  statusOf,
  TARGET_REF_MAX_LENGTH,
  USER_SPEC_MAX_LENGTH,
} from '../../contract/index.js';
import { checkRequest } from '../../runtimes/docker/api/debug.js';
import { checkTargetRef } from '../../runtimes/docker/api/target.js';
import { checkCommand, checkEnv, parseUserSpec } from '../../sidecar/validate.js';
import { BODY_LIMIT } from '../app.js';

const KEYS = ['target', 'engine', 'image', 'cmd', 'user', 'privileged', 'env', 'cols', 'rows'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown, min: number, max: number) => typeof v === 'string' && [...v].length >= min && [...v].length <= max;
const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** what the contract answers: the size, the schema, then the engine name, image, command, user, env, target */
function model(body: unknown): string {
  if (Buffer.byteLength(JSON.stringify(body)) > BODY_LIMIT) return 'payload_too_large';
  if (!isObject(body) || Object.keys(body).some((k) => !KEYS.includes(k))) return 'bad_request';
  const b = body;
  const schemaOk =
    isStr(b.target, 1, TARGET_REF_MAX_LENGTH) &&
    (b.engine === undefined || (typeof b.engine === 'string' && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(b.engine))) &&
    (b.image === undefined || typeof b.image === 'string') &&
    (b.cmd === undefined || (Array.isArray(b.cmd) && b.cmd.length <= CMD_MAX_ARGS && b.cmd.every((a) => isStr(a, 0, CMD_ARG_MAX_LENGTH)))) &&
    (b.user === undefined || isStr(b.user, 1, USER_SPEC_MAX_LENGTH)) &&
    (b.privileged === undefined || typeof b.privileged === 'boolean') &&
    (b.env === undefined ||
      (isObject(b.env) && Object.keys(b.env).length <= ENV_MAX_ENTRIES && Object.values(b.env).every((v) => isStr(v, 0, ENV_VALUE_MAX_LENGTH)))) &&
    (b.cols === undefined || isInt(b.cols, MIN_COLS, MAX_COLS)) &&
    (b.rows === undefined || isInt(b.rows, MIN_ROWS, MAX_ROWS));
  if (!schemaOk) return 'bad_request';
  if (b.engine !== undefined && b.engine !== 'default') return 'engine_not_found';
  const image = parseImageRef((b.image as string | undefined) ?? 'busybox:latest');
  if (!image.ok) return image.error.code;
  const cmd = b.cmd as string[] | undefined;
  if (cmd && cmd.length > 0 && !checkCommand(cmd).ok) return 'bad_request';
  if (b.user !== undefined && !parseUserSpec(b.user as string).ok) return 'bad_request';
  if (b.env !== undefined && !checkEnv(b.env as Record<string, string>).ok) return 'bad_request';
  if (checkTargetRef(b.target as string) || b.target !== 'app') return 'target_not_found';
  return 'created';
}

const nasty = fc.constantFrom('', ' ', '\u0000', '$(id)', '`id`', ';', '|', '../', '\n', '🐳', 'é', '\uD800', 'A=B', '-', '0', 'x'.repeat(300));
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), nasty);
const anyJson = fc.jsonValue({ maxDepth: 2 });

/** each field: usually absent, else a good value, a nasty string or any JSON at all */
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: anyJson }), { nil: undefined, freq: 2 });

const request = fc
  .record({
    target: fc.option(
      fc.oneof(
        { weight: 4, arbitrary: fc.constant('app') },
        { weight: 1, arbitrary: fc.constantFrom('nope', 'a'.repeat(TARGET_REF_MAX_LENGTH), 'a'.repeat(TARGET_REF_MAX_LENGTH + 1)) },
        { weight: 2, arbitrary: text },
        { weight: 1, arbitrary: anyJson },
      ),
      { nil: undefined, freq: 10 },
    ),
    engine: field(fc.constantFrom('default', 'other', '-x')),
    image: field(fc.constantFrom('busybox:latest', 'busybox', 'ghcr.io/x/y:1', 'Busybox', 'a'.repeat(600), `busybox@sha256:${'a'.repeat(64)}`)),
    cmd: field(
      fc.array(fc.oneof(fc.constantFrom('sh', '-c', 'echo hi', 'x'.repeat(CMD_ARG_MAX_LENGTH), 'x'.repeat(CMD_ARG_MAX_LENGTH + 1), ''), text), {
        maxLength: 5,
      }),
    ),
    user: field(fc.constantFrom('0', '0:0', 'nobody', 'root:root', '1:2:3', 'x'.repeat(USER_SPEC_MAX_LENGTH), 'x'.repeat(USER_SPEC_MAX_LENGTH + 1))),
    privileged: field(fc.boolean()),
    env: field(
      fc.dictionary(
        fc.oneof(fc.constantFrom('A', 'PATH', '_x', '1A', 'A B'), text),
        fc.oneof(fc.constantFrom('1', 'x'.repeat(ENV_VALUE_MAX_LENGTH + 1)), text),
        { maxKeys: 4 },
      ),
    ),
    cols: field(fc.oneof(fc.integer({ min: -5, max: 1010 }), fc.constantFrom(80.5, 1e9, -0, 2, 1000))),
    rows: field(fc.oneof(fc.integer({ min: -5, max: 510 }), fc.constantFrom(24.5, 1e9, 1, 500))),
    extra: fc.option(fc.record({ key: fc.constantFrom('HostConfig', 'binds', 'mounts', '__proto__x', 'Target'), value: anyJson }), { nil: undefined, freq: 6 }),
  })
  .map(({ extra, ...fields }) => {
    const body: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) body[k] = v;
    if (extra) body[extra.key] = extra.value;
    return body;
  });

let app: FastifyInstance;
beforeAll(async () => {
  const made = unitApp();
  const { engine } = made;
  // the Docker engine's checks before any engine call, in its order
  const prepare = engine.prepare.bind(engine);
  engine.prepare = async (req: CreateSessionRequest, id: string) => {
    checkRequest({ ...req, tty: true, stdin: true, stdinOnce: false, term: null, owner: 'property-test' });
    const invalid = checkTargetRef(req.target);
    if (invalid) throw invalid;
    return prepare(req, id);
  };
  app = made.app;
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

async function answer(payload: string) {
  const res = await app.inject({ method: 'POST', url: routes.sessions, headers: { ...AUTH, 'content-type': 'application/json' }, payload });
  const body = JSON.parse(res.body) as { id?: string; error?: { code?: unknown; message?: unknown } };
  if (res.statusCode === 201) {
    expect(typeof body.id).toBe('string');
    await app.inject({ method: 'DELETE', url: routes.session(body.id as string), headers: AUTH });
    return 'created';
  }
  // every refusal is the contract's error, with the catalogue's status for its code
  expect(Object.keys(body)).toEqual(['error']);
  expect(isErrorCode(body.error?.code), JSON.stringify(body)).toBe(true);
  expect(typeof body.error?.message).toBe('string');
  expect(res.statusCode).toBe(statusOf(body.error?.code as never));
  return body.error?.code as string;
}

describe('POST /api/sessions, property-based', () => {
  it('answers what the model of the contract says for near-valid and hostile bodies', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (body) => {
        expect(await answer(JSON.stringify(body))).toBe(model(JSON.parse(JSON.stringify(body)) as unknown));
      }),
      { numRuns: 400 },
    );
  });

  it("refuses any JSON value that is not such a request with a 4xx error in the contract's shape", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
        const code = await answer(JSON.stringify(value));
        expect(code).toBe(model(value));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses any text that is not JSON with 400 bad_request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (payload) => {
        let isJson = true;
        try {
          JSON.parse(payload);
        } catch {
          isJson = false;
        }
        fc.pre(!isJson);
        expect(await answer(payload)).toBe('bad_request');
      }),
      { numRuns: 200 },
    );
  });
});
