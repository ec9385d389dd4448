import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// The workspace packages are consumed from their TypeScript source (the `@allot/source`
// condition), so the dashboard needs no package build first.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@allot/source', ...defaultClientConditions] },
  build: { outDir: 'dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  logLevel: 'warn',
});
