import react from '@vitejs/plugin-react';
import { type UserConfig, defineConfig } from 'vite';

/**
 * `npx vite build web` builds the SPA into web/dist. One build serves every deployment: the app reads
 * /config.json at start instead of baking URLs in. The CSP forbids inline scripts and styles, so the
 * build must emit only external files (Vite does by default; the module-preload polyfill is dropped
 * because every supported browser preloads modules natively).
 */
export default defineConfig(({ command }) => {
  // A build is always a production build, even when a test runner (NODE_ENV=test) starts it:
  // otherwise React's development JSX runtime, with this machine's source paths, would ship.
  if (command === 'build') process.env['NODE_ENV'] = 'production';
  return config;
});

const config = {
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: { host: '127.0.0.1' },
} satisfies UserConfig;
