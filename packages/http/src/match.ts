import type { HttpMethod, Route } from './route';

/** The routes of one path pattern, and how to match a request path against it. */
export interface PathEntry {
  pattern: string;
  routes: Route[];
  /** The decoded parameters when `path` matches (case-insensitive, an ending `/` allowed), else null. Throws `URIError` on bad escapes. */
  match(path: string): Record<string, string> | null;
}

function compile(pattern: string): (path: string) => Record<string, string> | null {
  const segments = pattern.split('/').filter(Boolean);
  return (path) => {
    const parts = path.replace(/\/+$/, '').split('/').filter(Boolean);
    if (parts.length !== segments.length) return null;
    const params: Record<string, string> = {};
    for (const [i, segment] of segments.entries()) {
      const part = parts[i] as string;
      if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(part);
      else if (segment.toLowerCase() !== part.toLowerCase()) return null;
    }
    return params;
  };
}

/** Groups a route table by path, in table order (as Express's router matched them). */
export function pathTable(routes: readonly Route[]): PathEntry[] {
  const entries: PathEntry[] = [];
  for (const route of routes) {
    const entry = entries.find((e) => e.pattern === route.path);
    if (entry) entry.routes.push(route);
    else entries.push({ pattern: route.path, routes: [route], match: compile(route.path) });
  }
  return entries;
}

/** The `Allow` header of a path: its methods, with HEAD wherever GET is served. */
export function allowOf(methods: readonly HttpMethod[]): string {
  const allowed = methods.map((m) => m.toUpperCase());
  if (allowed.includes('GET')) allowed.push('HEAD');
  return allowed.join(', ');
}
