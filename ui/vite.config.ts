// The UI's build: a static site with relative URLs (base './'), so the same files work from the
// Docker Desktop extension's `ui/` folder and from the root of the standalone server.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The contract is imported from the backend's sources, never copied (tsconfig `paths` agree):
 * its types and values, and its schemas (for the guards that read the service's answers).
 */
const contractAlias = [
  { find: /^@cdebug\/contract$/, replacement: here('../backend/src/contract/index.ts') },
  { find: /^@cdebug\/contract\/schema$/, replacement: here('../backend/src/contract/schema/index.ts') },
];

// `npm run dev -w ui` against a running `cdebug serve`: CDEBUG_API=http://127.0.0.1:<port>.
const api = process.env.CDEBUG_API;

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  resolve: { alias: contractAlias },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: api ? { proxy: { '/api': { target: api, ws: true, changeOrigin: true } } } : {},
});
