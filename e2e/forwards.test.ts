// Port-forward from the UI in Chromium: "Forward a port" on a container row suggests the port
// that listens inside a `--network none` target, the forward opens in a new tab, and its link
// answers with the target's page; Stop removes it and its helper.

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Forward } from '../backend/src/contract/index.js';
import { docker, uniqueName } from './helpers/docker.js';
import { useE2E } from './helpers/harness.js';
import { containerRow, openApp } from './helpers/ui.js';

const TARGET_SCRIPT = 'mkdir -p /www; echo forwarded-from-the-ui > /www/index.html; httpd -p 127.0.0.1:8080 -h /www; echo ready; exec sleep 100000';

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

describe('port-forward from the UI', () => {
  const e2e = useE2E();
  const name = uniqueName('fwd-ui');
  let id = '';

  beforeAll(async () => {
    id = await docker('run', '-d', '--network', 'none', '--label', 'io.cdebug.fixture=1', '--name', name, 'busybox:latest', 'sh', '-c', TARGET_SCRIPT);
    for (let i = 0; i < 100 && !(await docker('logs', id)).includes('ready'); i++) await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(async () => {
    await docker('rm', '-f', id).catch(() => undefined);
  });

  it('forwards a listening port, opens it in a new tab, and stops it', async () => {
    const page = await e2e.page();
    try {
      await openApp(page, e2e.service);
      const row = containerRow(page, name);
      await row.getByRole('button', { name: `Forward a port of ${name}` }).click();
      const dialog = page.getByRole('dialog', { name: `Forward a port of ${name}` });
      await dialog.getByRole('button', { name: 'Port 8080' }).waitFor({ timeout: 30_000 });
      const opened = page.context().waitForEvent('page', { timeout: 30_000 });
      await dialog.getByRole('button', { name: 'Forward', exact: true }).click();
      const tab = await opened;
      await tab.waitForLoadState();
      expect(await tab.textContent('body')).toContain('forwarded-from-the-ui');

      const link = page.getByRole('link', { name: /^http:\/\/127\.0\.0\.1:\d+\/$/ });
      await link.waitFor();
      const url = (await link.textContent()) ?? '';
      expect(await get(url)).toBe('forwarded-from-the-ui\n');
      await page.getByLabel(`Bytes of ${name}:8080`).filter({ hasNotText: '↓ 0 B' }).waitFor({ timeout: 15_000 });

      await page.getByRole('button', { name: `Stop forwarding ${name}:8080` }).click();
      await link.waitFor({ state: 'detached', timeout: 15_000 });
      expect((await e2e.service.api<Forward[]>('/api/forwards')).body).toEqual([]);
    } finally {
      // nothing of this test may outlive it, whatever failed
      for (const f of (await e2e.service.api<Forward[]>('/api/forwards')).body) await e2e.service.api(`/api/forwards/${f.id}`, { method: 'DELETE' });
    }
  });
});
