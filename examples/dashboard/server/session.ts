import type { Request, Response } from 'express';

/** The demo's "session": a cookie holding the signed-in user id. Not authentication — a demo switch. */
export const SESSION_COOKIE = 'allot_demo_user';

/** The user id in the request's session cookie, if any. */
export function sessionUserId(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim()) || null;
    } catch {
      return null;
    }
  }
  return null;
}

/** Signs the browser in as `userId` (or out, with `null`). */
export function setSession(res: Response, userId: string | null): void {
  const value = userId === null ? '' : encodeURIComponent(userId);
  const expiry = userId === null ? '; Max-Age=0' : '';
  res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax${expiry}`);
}
