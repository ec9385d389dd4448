import { allotHandler } from './lib/allot';

// Next.js answers a path it cannot decode (`/api/credits/members/%E0%A4%A`) with a bare 500
// before any route runs; the proxy hands such requests to Allot, which answers 400 problem+json.
export async function proxy(request: Request): Promise<Response | undefined> {
  try {
    decodeURIComponent(new URL(request.url).pathname);
    return undefined;
  } catch {
    return (await allotHandler())(request);
  }
}

export const config = { matcher: '/api/credits/:path*' };
