// The web UI: the built files of ui/ when they exist, else a minimal page saying the API is
// up. Static files need no token (it travels in the URL fragment, which browsers never send).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface StaticOptions {
  /** the built UI (ui/dist); null or missing: the minimal page */
  root: string | null;
  version: string;
}

export function hasBuiltUi(root: string | null): root is string {
  return root !== null && existsSync(join(root, 'index.html'));
}

export const PLACEHOLDER_PAGE = (version: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>cdebug</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>cdebug ${version}</h1>
<p>The API is up. The web UI is not built yet: run <code>npm run build -w ui</code> and reload.</p>
<p>Meanwhile, the API answers under <code>/api</code> with the token from the URL that
<code>cdebug serve</code> printed (<code>Authorization: Bearer &lt;token&gt;</code>), e.g.
<code>/api/health</code>, <code>/api/containers</code>, <code>/api/sessions</code>.</p>
</body>
</html>
`;

export async function staticUi(app: FastifyInstance, options: StaticOptions): Promise<void> {
  if (hasBuiltUi(options.root)) {
    await app.register(fastifyStatic, { root: options.root, index: 'index.html', wildcard: true, decorateReply: false });
    return;
  }
  const page = PLACEHOLDER_PAGE(options.version);
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
}
