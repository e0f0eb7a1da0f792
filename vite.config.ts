import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './src/server/precompress';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The web app lives in src/web and builds to dist/web, which the server serves at `/`
 * (src/server/static.ts).
 * Under Vitest the root stays at the repository so that every package's tests are found.
 */
export default defineConfig({
  root: process.env.VITEST ? undefined : here('./src/web'),
  base: '/',
  // precompress: .br and .gz beside each built asset, which the server sends as they are.
  plugins: [react(), precompress()],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: process.env.ACCORD_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
