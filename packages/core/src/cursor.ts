/**
 * A position in a newest-first list: the last item's time and id.
 *
 * @example
 * ```ts
 * const last = page.at(-1)!;
 * const cursor: Cursor = { at: last.at, id: last.id };
 * ```
 */
export interface Cursor {
  at: string;
  id: string;
}

/**
 * Encodes a cursor as an opaque, URL-safe string.
 *
 * @example
 * ```ts
 * const nextCursor = encodeCursor({ at: '2026-11-25T10:00:00.000Z', id: '0193…' }); // opaque, URL-safe
 * ```
 */
export function encodeCursor(cursor: Cursor): string {
  return base64UrlEncode(`${cursor.at}|${cursor.id}`);
}

/**
 * Decodes a cursor; `null` when the string is not one Allot made.
 *
 * @example
 * ```ts
 * decodeCursor(nextCursor); // { at: '2026-11-25T10:00:00.000Z', id: '0193…' }
 * decodeCursor('not-a-cursor'); // null
 * ```
 */
export function decodeCursor(value: string): Cursor | null {
  let text: string;
  try {
    text = base64UrlDecode(value);
  } catch {
    return null;
  }
  const sep = text.indexOf('|');
  if (sep < 0) return null;
  const at = text.slice(0, sep);
  const id = text.slice(sep + 1);
  if (!id || Number.isNaN(Date.parse(at))) return null;
  return { at, id };
}

function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlDecode(value: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw new Error('not base64url');
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
