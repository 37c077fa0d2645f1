// Download from a session's details in the standalone page, against the real `cdebug serve` (the
// composition a user runs, which the API tests' own app does not exercise): a distroless target's
// file saved by Chromium byte for byte as the engine's own copy reads it, and a directory as a tar.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker, startTarget, type Target } from './helpers/docker.js';
import { useE2E } from './helpers/harness.js';
import { engineCopy } from '../backend/test/kit/engine.js';
import { debugFromList, openApp } from './helpers/ui.js';

describe('Download a file of the target', () => {
  const e2e = useE2E();
  let target: Target;
  let dir: string;

  beforeAll(async () => {
    target = await startTarget();
    dir = mkdtempSync(join(tmpdir(), 'cdebug-e2e-download-'));
    return () => rmSync(dir, { recursive: true, force: true });
  });

  it("saves a distroless target's file and a directory's tar, typed in the session's details", async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    await debugFromList(page, target.name);
    const details = page.getByRole('complementary', { name: 'Session details' }).filter({ visible: true });

    await details.getByLabel('Path in the target').fill('/etc/fixture-release');
    const [file] = await Promise.all([page.waitForEvent('download'), details.getByRole('button', { name: 'Download', exact: true }).click()]);
    expect(file.suggestedFilename()).toBe('fixture-release');
    await file.saveAs(join(dir, 'saved'));
    expect(readFileSync(join(dir, 'saved')).equals(await engineCopy({ docker }, target.id, '/etc/fixture-release'))).toBe(true);

    await details.getByLabel('Path in the target').fill('/srv');
    const [tar] = await Promise.all([page.waitForEvent('download'), details.getByRole('button', { name: 'Download', exact: true }).click()]);
    expect(tar.suggestedFilename()).toBe('srv.tar');
    await tar.saveAs(join(dir, 'srv.tar'));
    const listing = execFileSync('tar', ['-tf', join(dir, 'srv.tar')], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(listing.map((l) => l.replace(/\/$/, '')).sort()).toEqual(['srv', 'srv/README.fixture']);

    // a path that is not there: the service's words, in the panel
    await details.getByLabel('Path in the target').fill('/etc/no-such-file');
    await details.getByRole('button', { name: 'Download', exact: true }).click();
    await details.getByText('/etc/no-such-file does not exist in the target', { exact: false }).waitFor();
  });
});
