// The request schemas at each limit's edge, as the two checkers that use them see them: Fastify's
// Ajv (with the service's options, app.ts) for requests, and TypeBox's own check. Both must
// give the same verdict, or the contract would mean one thing to the service and another to a
// client that checks before sending.
import Fastify, { type FastifyInstance } from 'fastify';
import { Check } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { CreateSessionRequest, EngineQuery, SessionParams } from './requests.js';

type Sample = [label: string, value: unknown, valid: boolean];

let app: FastifyInstance;
beforeAll(async () => {
  // limits of its own above the contract's, so that the schemas are what refuses
  app = Fastify({
    bodyLimit: 4 * 1024 * 1024,
    routerOptions: { maxParamLength: 10 * SESSION_ID_MAX_LENGTH },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
  });
  app.post('/body', { schema: { body: CreateSessionRequest } }, async () => ({ ok: true }));
  app.get('/params/:id', { schema: { params: SessionParams } }, async () => ({ ok: true }));
  app.get('/query', { schema: { querystring: EngineQuery } }, async () => ({ ok: true }));
  await app.ready();
});
afterAll(async () => {
  await app?.close();
});

const fastifyTakes = async (value: unknown) =>
  (await app.inject({ method: 'POST', url: '/body', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(value) })).statusCode === 200;

const env = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`V${i}`, 'x']));
const T = { target: 'app' };

const bodies: Sample[] = [
  ['the smallest request', T, true],
  [
    'every field',
    { ...T, engine: 'default', image: 'busybox:latest', cmd: ['sh', '-c', 'id'], user: '0:0', privileged: false, env: { A: '1' }, cols: 80, rows: 24 },
    true,
  ],
  ['no target', {}, false],
  ['an empty target', { target: '' }, false],
  [`a target of ${TARGET_REF_MAX_LENGTH} characters`, { target: 'a'.repeat(TARGET_REF_MAX_LENGTH) }, true],
  [`a target of ${TARGET_REF_MAX_LENGTH + 1} characters`, { target: 'a'.repeat(TARGET_REF_MAX_LENGTH + 1) }, false],
  ['a target that is a number', { target: 1 }, false],
  ['an engine name of 63 characters', { ...T, engine: 'e'.repeat(63) }, true],
  ['an engine name of 64 characters', { ...T, engine: 'e'.repeat(64) }, false],
  ['an engine name starting with "-"', { ...T, engine: '-e' }, false],
  ['an empty engine name', { ...T, engine: '' }, false],
  ['an empty image (the image parser refuses it, with invalid_image)', { ...T, image: '' }, true],
  ['an image that is a number', { ...T, image: 5 }, false],
  ['an empty command (the sidecar checks give a shell)', { ...T, cmd: [] }, true],
  [`${CMD_MAX_ARGS} arguments`, { ...T, cmd: Array.from({ length: CMD_MAX_ARGS }, () => 'x') }, true],
  [`${CMD_MAX_ARGS + 1} arguments`, { ...T, cmd: Array.from({ length: CMD_MAX_ARGS + 1 }, () => 'x') }, false],
  [`an argument of ${CMD_ARG_MAX_LENGTH} characters`, { ...T, cmd: ['echo', 'x'.repeat(CMD_ARG_MAX_LENGTH)] }, true],
  [`an argument of ${CMD_ARG_MAX_LENGTH + 1} characters`, { ...T, cmd: ['echo', 'x'.repeat(CMD_ARG_MAX_LENGTH + 1)] }, false],
  [`an argument of ${CMD_ARG_MAX_LENGTH} astral characters (code points, not UTF-16 units)`, { ...T, cmd: ['echo', '🐳'.repeat(CMD_ARG_MAX_LENGTH)] }, true],
  ['a command that is a string', { ...T, cmd: 'sh -c id' }, false],
  ['an argument that is a number', { ...T, cmd: ['echo', 1] }, false],
  ['an empty user', { ...T, user: '' }, false],
  [`a user of ${USER_SPEC_MAX_LENGTH} characters`, { ...T, user: 'u'.repeat(USER_SPEC_MAX_LENGTH) }, true],
  [`a user of ${USER_SPEC_MAX_LENGTH + 1} characters`, { ...T, user: 'u'.repeat(USER_SPEC_MAX_LENGTH + 1) }, false],
  ['privileged as a string', { ...T, privileged: 'yes' }, false],
  ['shell auto', { ...T, shell: 'auto' }, true],
  ['shell fish', { ...T, shell: 'fish' }, true],
  ['a shell that is no choice', { ...T, shell: 'ksh' }, false],
  ['a shell as a path', { ...T, shell: '/bin/bash' }, false],
  ['a profile with capabilities on top', { ...T, profile: 'restricted', capAdd: ['NET_RAW', 'CAP_KILL'], capDrop: ['ALL'] }, true],
  ['a profile that is no choice', { ...T, profile: 'root' }, false],
  ['a capability with a space', { ...T, capAdd: ['NET ADMIN'] }, false],
  ['a capability in lower case', { ...T, capDrop: ['net_raw'] }, false],
  ['capabilities as a string', { ...T, capAdd: 'NET_RAW' }, false],
  [`${ENV_MAX_ENTRIES} variables`, { ...T, env: env(ENV_MAX_ENTRIES) }, true],
  [`${ENV_MAX_ENTRIES + 1} variables`, { ...T, env: env(ENV_MAX_ENTRIES + 1) }, false],
  [`a value of ${ENV_VALUE_MAX_LENGTH} characters`, { ...T, env: { A: 'x'.repeat(ENV_VALUE_MAX_LENGTH) } }, true],
  [`a value of ${ENV_VALUE_MAX_LENGTH + 1} characters`, { ...T, env: { A: 'x'.repeat(ENV_VALUE_MAX_LENGTH + 1) } }, false],
  ['a value that is a number', { ...T, env: { A: 1 } }, false],
  ['a value that is a number, under a name with a line break', { ...T, env: { 'A\nB': 1 } }, false],
  ['an environment that is a list', { ...T, env: ['A=1'] }, false],
  [`cols ${MIN_COLS} and rows ${MIN_ROWS}`, { ...T, cols: MIN_COLS, rows: MIN_ROWS }, true],
  [`cols ${MAX_COLS} and rows ${MAX_ROWS}`, { ...T, cols: MAX_COLS, rows: MAX_ROWS }, true],
  [`cols ${MIN_COLS - 1}`, { ...T, cols: MIN_COLS - 1 }, false],
  [`cols ${MAX_COLS + 1}`, { ...T, cols: MAX_COLS + 1 }, false],
  [`rows ${MIN_ROWS - 1}`, { ...T, rows: MIN_ROWS - 1 }, false],
  [`rows ${MAX_ROWS + 1}`, { ...T, rows: MAX_ROWS + 1 }, false],
  ['fractional cols', { ...T, cols: 80.5 }, false],
  ['cols as a string (not coerced)', { ...T, cols: '80' }, false],
  ['an unknown field (refused, not dropped)', { ...T, HostConfig: { Privileged: true } }, false],
  ['a list', [T], false],
  ['null', null, false],
];

describe('CreateSessionRequest', () => {
  it.each(bodies)('%s (valid: %s), by TypeBox and by Fastify alike', async (_label, value, valid) => {
    expect(Check(CreateSessionRequest, value)).toBe(valid);
    expect(await fastifyTakes(value)).toBe(valid);
  });
});

describe('SessionParams and EngineQuery', () => {
  it.each([
    ['a', true],
    ['x'.repeat(SESSION_ID_MAX_LENGTH), true],
    ['x'.repeat(SESSION_ID_MAX_LENGTH + 1), false],
  ] as const)('session id %#: valid %s', async (id, valid) => {
    expect(Check(SessionParams, { id })).toBe(valid);
    const res = await app.inject({ method: 'GET', url: `/params/${id}` });
    expect(res.statusCode).toBe(valid ? 200 : 400);
  });

  it('refuses an empty session id', () => {
    expect(Check(SessionParams, { id: '' })).toBe(false);
  });

  it.each([
    ['', true],
    ['?engine=default', true],
    ['?engine=ci&_=123', true],
    ['?engine=-x', false],
    [`?engine=${'e'.repeat(64)}`, false],
  ])('query %j: valid %s', async (query, valid) => {
    const res = await app.inject({ method: 'GET', url: `/query${query}` });
    expect(res.statusCode).toBe(valid ? 200 : 400);
    const value = Object.fromEntries(new URLSearchParams(query));
    expect(Check(EngineQuery, value)).toBe(valid);
  });
});
