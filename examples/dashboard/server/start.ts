import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname } from 'node:path';
import { type Allot, actors, createAllot } from '@allot/core';
import { createSqliteStore, migrate } from '@allot/sqlite';
import { createDashboardApp, listen } from './app';
import { DEMO_ORG } from './demo-org';
import { seedDemo } from './seed';

/** Options of {@link startDashboard}. */
export interface StartOptions {
  /** The SQLite file; created, migrated and seeded on first start. */
  filename: string;
  /** The built front end. */
  webDir: string;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Where progress lines go. */
  log?: (line: string) => void;
}

/** A running dashboard. */
export interface RunningDashboard {
  url: string;
  allot: Allot;
  server: Server;
  close(): Promise<void>;
}

/** Opens (and on first start creates, migrates and seeds) the SQLite file, then serves the dashboard. */
export async function startDashboard(options: StartOptions): Promise<RunningDashboard> {
  const log = options.log ?? (() => {});
  mkdirSync(dirname(options.filename), { recursive: true });
  const applied = await migrate({ filename: options.filename });
  if (applied.length > 0) log(`Created ${options.filename} (migrations: ${applied.join(', ')}).`);
  const store = createSqliteStore({ filename: options.filename });
  // The demo's admins top up and change the monthly pool themselves. By default only the host's
  // server (the system actor) may, since the pool is what the customer pays for. Events are on:
  // the server logs the alerts it delivers.
  const allot = createAllot({ store, adminsManagePool: true, events: true });

  const existing = await allot.getSettings({ actor: actors.system(), orgId: DEMO_ORG.id });
  if (existing.isErr() && existing.error.code === 'not_found') {
    const started = Date.now();
    const report = await seedDemo(store);
    log(
      `Seeded ${DEMO_ORG.name}: ${report.members} members, ${report.usages} usage events, ${report.requests} credit requests (${Date.now() - started} ms).`,
    );
  }

  // Alerts go to the console; every other event is completed as delivered (see docs/holds-and-events.md).
  allot.on('alert.triggered', ({ alert }) => {
    log(
      alert.scope === 'pool'
        ? `Alert: pool usage reached the ${alert.threshold} line (${alert.usagePercent} %).`
        : `Alert: ${alert.userId} is low on credits (${alert.remaining} of ${alert.allocated} left).`,
    );
  });

  const { server, url } = await listen(
    createDashboardApp({ allot, webDir: options.webDir }),
    options.port,
    options.host,
  );
  return {
    url,
    allot,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Let the post-commit pool-alert checks finish before the store goes away.
      await allot.events.stop();
      await store.close?.();
    },
  };
}
