import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDashboard } from './start';

// `pnpm demo` (or `pnpm --filter dashboard start`) lands here after `vite build`.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const filename = process.env.ALLOT_DEMO_DB ?? join(root, 'data', 'allot-demo.sqlite');

const dashboard = await startDashboard({
  filename,
  webDir: join(root, 'dist', 'web'),
  port,
  host: process.env.HOST ?? '0.0.0.0',
  log: (line) => console.log(`[dashboard] ${line}`),
});
console.log(`[dashboard] Allot admin dashboard on http://localhost:${port} — data in ${filename}`);
console.log('[dashboard] Delete the data folder to start over with fresh demo data.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void dashboard.close().then(() => process.exit(0));
  });
}
