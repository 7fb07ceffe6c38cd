// Builds the renderer into dist/renderer, served by Electron's app:// scheme and by browser mode.
// The page's CSP forbids inline script, so nothing may be inlined into index.html.
import react from '@vitejs/plugin-react';
import { join } from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  // Relative asset URLs work under app://sbc-studio/ and under any browser-mode address.
  base: './',
  plugins: [react()],
  build: {
    outDir: join(here, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    // The preload polyfill is an inline script; every browser we run in supports modulepreload.
    modulePreload: { polyfill: false },
    // Inlined assets would become data: URLs for scripts, which the CSP refuses.
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
