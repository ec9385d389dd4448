import { createServer, type Socket, connect as tcpConnect } from 'node:net';

/** The simple-protocol message `pg` sends for `client.query('COMMIT')`: 'Q', length 11, "COMMIT\0". */
const COMMIT_MESSAGE = Buffer.from([0x51, 0, 0, 0, 11, ...Buffer.from('COMMIT'), 0]);

/** Where a {@link FaultProxy} cuts a connection that is committing. */
export type CommitCut = 'after-commit-sent' | 'before-commit-sent';

/** A TCP proxy on 127.0.0.1 in front of a PostgreSQL server, which can break connections on cue. */
export interface FaultProxy {
  /** `postgres://postgres@127.0.0.1:<proxy port>/<database>` */
  url(database?: string): string;
  port: number;
  /**
   * Cuts the next `count` connections that send COMMIT: `after-commit-sent` forwards the COMMIT to
   * the server (which commits) and then drops the client before any answer; `before-commit-sent`
   * drops both sides without forwarding it (the server rolls back).
   */
  cutCommits(count: number, where?: CommitCut): void;
  /** Drops every open connection at once, as a network blip would. */
  dropAll(): void;
  /** Connections cut or dropped so far. */
  readonly cuts: number;
  close(): Promise<void>;
}

/** Starts a fault proxy on a free port that forwards to `target` (host:port of a server). */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  const armed: CommitCut[] = [];
  let cuts = 0;

  const server = createServer((client) => {
    const upstream = tcpConnect(target.port, target.host);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', () => upstream.end());
    upstream.on('close', () => client.destroy());
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      const at = armed.length > 0 ? chunk.indexOf(COMMIT_MESSAGE) : -1;
      if (at < 0) {
        upstream.write(chunk);
        return;
      }
      const where = armed.shift();
      cuts++;
      pairs.delete(pair);
      client.destroy();
      if (where === 'after-commit-sent')
        upstream.end(chunk); // the server reads COMMIT, then EOF
      else upstream.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('The fault proxy has no port.');
  const { port } = address;

  const dropAll = () => {
    for (const [client, upstream] of pairs) {
      cuts++;
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    cutCommits(count, where = 'after-commit-sent') {
      for (let i = 0; i < count; i++) armed.push(where);
    },
    dropAll,
    get cuts() {
      return cuts;
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
