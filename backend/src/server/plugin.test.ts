// routePlugin keeps Fastify's promise contract: routes registered synchronously, and a throw
// while registering reported by app.ready() rather than thrown out of Fastify's loader.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { routePlugin } from './plugin.js';

describe('routePlugin', () => {
  it('registers the routes with the options it is given', async () => {
    const app = Fastify();
    await app.register(
      routePlugin((a, options: { answer: string }) => {
        a.get('/x', () => options.answer);
      }),
      { answer: 'yes' },
    );
    expect((await app.inject({ url: '/x' })).body).toBe('yes');
    await app.close();
  });

  it('turns a throw while registering into a failed ready()', async () => {
    const app = Fastify();
    void app.register(
      routePlugin((a) => {
        a.get('/x', () => 1);
        a.get('/x', () => 2);
      }),
    );
    await expect(app.ready()).rejects.toMatchObject({ code: 'FST_ERR_DUPLICATED_ROUTE' });
  });
});
