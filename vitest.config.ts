// One Vitest run, seven projects (`npx vitest run --project <name>`; scripts/test.sh runs them in turn):
//   unit        backend/src/**/*.test.ts, scripts/test/  node, fast, no Docker
//   integration backend/test/**/*.test.ts       node, real Docker engine + fixture images (scripts/fixtures.sh)
//   integration-podman backend/test/{cli,server}/** and *.podman.test.ts: the CLI's and the service's
//                                               end-to-end tests again, against Podman's Docker API
//                                               (scripts/podman.sh starts it)
//   integration-containerd backend/test/containerd/**: the CLI's end-to-end tests and the service
//                                               against containerd's own API (scripts/containerd.sh starts it)
//   integration-cri backend/test/cri/**: the CLI's end-to-end cases against a Kubernetes CRI runtime
//                                               (containerd's CRI plugin; scripts/containerd.sh starts it)
//   ui          ui/src/**/*.test.{ts,tsx}       jsdom
//   e2e         e2e/**/*.test.ts                node, real engine + server + headless Chromium
//   packaging   packaging/**/*.test.ts          node, builds and runs the extension image
// A project whose folder has no test file yet passes (passWithNoTests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { PluginOption } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// The UI's own setup file (jest-dom matchers, fakes) once the UI lands; absent before.
const uiSetup = here('./ui/src/test/setup.ts');

// JSX for the UI's tests: React's plugin when installed (it is a UI devDependency).
async function reactPlugin(): Promise<PluginOption[]> {
  try {
    const mod = await import('@vitejs/plugin-react');
    return [mod.default()];
  } catch {
    return [];
  }
}

const nodeExclude = ['**/node_modules/**', '**/dist/**'];

// scripts/podman.sh serves Podman's Docker API here
const PODMAN_HOST = process.env.CDEBUG_PODMAN_HOST ?? 'unix:///run/cdebug-podman.sock';

export default defineConfig({
  test: {
    // Non-project options (apply to every project).
    passWithNoTests: true,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['backend/src/**/*.test.ts', 'scripts/test/**/*.test.ts'],
          exclude: nodeExclude,
          environment: 'node',
          testTimeout: 10_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['backend/test/**/*.test.ts'],
          exclude: [...nodeExclude, '**/*.podman.test.ts', 'backend/test/containerd/**', 'backend/test/cri/**'],
          environment: 'node',
          // One Docker engine on 2 cores: files run one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration-podman',
          include: ['backend/test/cli/**/*.test.ts', 'backend/test/server/**/*.test.ts', 'backend/test/engines/**/*.podman.test.ts'],
          exclude: nodeExclude,
          environment: 'node',
          // the CLI under test, and the docker CLI of the test helpers, both follow DOCKER_HOST
          env: { DOCKER_HOST: PODMAN_HOST, DOCKER_CONTEXT: '', CDEBUG_ENGINE_UNDER_TEST: 'podman' },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration-containerd',
          include: ['backend/test/containerd/**/*.test.ts'],
          exclude: nodeExclude,
          environment: 'node',
          // one containerd (and one Docker engine) on 2 cores: files run one after another
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration-cri',
          include: ['backend/test/cri/**/*.test.ts'],
          exclude: nodeExclude,
          environment: 'node',
          // one containerd (scripts/containerd.sh), shared with the containerd suite: files in turn
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: await reactPlugin(),
        // The UI imports the contract from the backend's sources (ui/vite.config.ts has the same alias).
        resolve: {
          alias: [
            { find: /^@cdebug\/contract$/, replacement: here('./backend/src/contract/index.ts') },
            { find: /^@cdebug\/contract\/schema$/, replacement: here('./backend/src/contract/schema/index.ts') },
          ],
        },
        test: {
          name: 'ui',
          include: ['ui/src/**/*.test.{ts,tsx}'],
          exclude: nodeExclude,
          environment: 'jsdom',
          setupFiles: existsSync(uiSetup) ? [uiSetup] : [],
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          exclude: nodeExclude,
          environment: 'node',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'packaging',
          include: ['packaging/**/*.test.ts'],
          exclude: nodeExclude,
          environment: 'node',
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
