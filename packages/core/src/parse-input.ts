import type { z } from 'zod';
import type { FieldIssue } from './errors';

/**
 * Keys no Allot input may carry, at any depth (`metadata` included): they reach for an object's
 * prototype, and a copy made by assignment silently drops `__proto__`.
 *
 * @example
 * ```ts
 * FORBIDDEN_KEYS.includes('__proto__'); // true
 * ```
 */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** An object whose own keys are its content: a plain object (any prototype-less one too) or an array. */
function isContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A dotted path, as {@link FieldIssue.path} writes it. */
function pathOf(segments: readonly PropertyKey[]): string {
  return segments.map(String).join('.') || '(input)';
}

/**
 * One issue per forbidden key (see {@link FORBIDDEN_KEYS}) anywhere in `value`, naming its
 * path. Own keys count whether or not they are enumerable, so `JSON.parse('{"__proto__":1}')`,
 * `{ ['__proto__']: 1 }` and `Object.defineProperty(o, '__proto__', …)` are all found. Walks
 * plain objects and arrays without recursion (any depth, cycles visited once); never throws.
 *
 * @example
 * ```ts
 * forbiddenKeyIssues(JSON.parse('{"metadata":{"__proto__":{"admin":true}}}'));
 * // [{ path: 'metadata.__proto__', message: 'is not allowed as a key', code: 'forbidden_key' }]
 * ```
 */
export function forbiddenKeyIssues(value: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new WeakSet<object>();
  // Each place keeps its parent, not a copy of its path: deep inputs stay linear to walk.
  const pending: Place[] = [{ value, key: '', parent: null }];
  for (let place = pending.pop(); place; place = pending.pop()) {
    const { value: container } = place;
    if (!isContainer(container) || seen.has(container)) continue;
    seen.add(container);
    for (const key of Object.getOwnPropertyNames(container)) {
      const child: Place = { value: undefined, key, parent: place };
      if (FORBIDDEN_KEYS.includes(key)) {
        issues.push({
          path: pathOf(segmentsOf(child)),
          message: 'is not allowed as a key',
          code: 'forbidden_key',
        });
        continue;
      }
      const descriptor = Object.getOwnPropertyDescriptor(container, key);
      if (descriptor && 'value' in descriptor && isContainer(descriptor.value)) {
        pending.push({ ...child, value: descriptor.value });
      }
    }
  }
  return issues.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A value met while walking an input, under `key` of its parent (the root has none). */
interface Place {
  value: unknown;
  key: string;
  parent: Place | null;
}

function segmentsOf(place: Place): string[] {
  const segments: string[] = [];
  for (let at: Place | null = place; at?.parent; at = at.parent) segments.push(at.key);
  return segments.reverse();
}

/** Zod's issues as field issues, with one issue per unknown key, on that key's own path. */
function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: pathOf([...issue.path, key]),
          message: 'is not a known field',
          code: 'unrecognized_keys',
        }))
      : [{ path: pathOf(issue.path), message: issue.message, code: issue.code }],
  );
}

/**
 * Parses an input the way every Allot call does: a {@link FORBIDDEN_KEYS} key anywhere is
 * refused before the schema runs, then `schema` (strict: an unknown key is an issue on its own
 * path, e.g. `totl`) validates it. Never throws.
 *
 * @example
 * ```ts
 * const parsed = parseInput(assignInput, { orgId: 'acme', userId: 'bob', total: 5, totl: 6 });
 * if (!parsed.success) parsed.issues; // [{ path: 'totl', message: 'is not a known field', code: 'unrecognized_keys' }]
 * ```
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { success: true; data: z.output<S> } | { success: false; issues: FieldIssue[] } {
  const forbidden = forbiddenKeyIssues(value);
  if (forbidden.length > 0) return { success: false, issues: forbidden };
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, issues: fieldIssuesOf(parsed.error) };
}
