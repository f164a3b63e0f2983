import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web interface, built into dist/web and served by the API server itself at / (one process, nothing
 * from a CDN). ECharts is imported dynamically by the chart component, so it lands in its own chunk and
 * the first page does not wait for it.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [vue()],
  // Only the domain's plain constants (checklist labels) are imported as values; types come from the libs too.
  resolve: { alias: { '@shuangsui/domain': here('../../libs/domain/src') } },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '^/(auth|inspections|plans|progress|draws|directories|evidence|public|audit|accounts|referrals|health)': 'http://127.0.0.1:3000' } },
});
