import { mkdirSync } from 'node:fs';
import { createAllot } from '@allot/core';
import { createSqliteStore, migrate } from '@allot/sqlite';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { seedDemo } from './demo';

const filename = `data/hono-${Date.now()}.db`;
mkdirSync('data', { recursive: true });
await migrate({ filename });
const allot = createAllot({ store: createSqliteStore({ filename }) });
const app = createApp(allot, await seedDemo(allot));
const port = Number(process.env.PORT ?? 3001);
serve({ fetch: app.fetch, port }, () => {
  console.log(`Allot on Hono: http://localhost:${port}/api/credits/me`);
  console.log(`  curl -H 'Authorization: Bearer token-bob' http://localhost:${port}/api/credits/me`);
});
