import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The Next.js example the suite serves (its route handler lives in app/api/credits). */
export const NEXT_APP_DIR = fileURLToPath(new URL('../../examples/nextjs/', import.meta.url));

/** Where the example's route handler looks for the suite's setup (examples/nextjs/lib/allot.ts). */
export const NEXT_TEST_SETUP = Symbol.for('allot.nextjs.setup');

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
type NextFactory = (options: { dir: string; dev: boolean; quiet: boolean }) => {
  prepare(): Promise<void>;
  getRequestHandler(): RequestHandler;
};

// The app's own copy of next, loaded by Node (not the test transform), as `next start` loads it.
const requireFromApp = createRequire(`${NEXT_APP_DIR}package.json`);
let prepared: Promise<RequestHandler> | undefined;

/** Next's request handler for the built example, prepared once per test process. */
export function nextRequestHandler(): Promise<RequestHandler> {
  prepared ??= (async () => {
    const next = requireFromApp('next') as NextFactory;
    const app = next({ dir: NEXT_APP_DIR, dev: false, quiet: true });
    await app.prepare();
    return app.getRequestHandler();
  })();
  return prepared;
}

/** The `next` CLI of the example (for `next build` and `next start`). */
export const nextBin = () => requireFromApp.resolve('next/dist/bin/next');
