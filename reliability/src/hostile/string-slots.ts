/** A place in a call that holds a string: a value at `path`, or the key at the end of `path`. */
export interface StringSlot {
  path: string[];
  kind: 'value' | 'key';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every string in a call, at any depth (actor ids, array items, nested filters), and every key
 * of its free-form objects (`metadata`), whose keys are data too.
 *
 * @example
 * stringSlots({ orgId: 'o', metadata: { a: 'x' } });
 * // [{ path: ['orgId'], kind: 'value' }, { path: ['metadata', 'a'], kind: 'key' }, { path: ['metadata', 'a'], kind: 'value' }]
 */
export function stringSlots(value: unknown, path: string[] = [], out: StringSlot[] = []): StringSlot[] {
  if (typeof value === 'string') {
    out.push({ path, kind: 'value' });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) stringSlots(item, [...path, String(i)], out);
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (path[0] === 'metadata') out.push({ path: [...path, key], kind: 'key' });
      stringSlots(item, [...path, key], out);
    }
  }
  return out;
}

/** The issue path a `validation` error must name for junk in `slot` (a bad key is reported on its object). */
export function expectedIssuePath(slot: StringSlot): string {
  return (slot.kind === 'key' ? slot.path.slice(0, -1) : slot.path).join('.');
}

/** A deep copy of `call` with the string in `slot` (or the key) replaced by `text`. */
export function putString(call: unknown, slot: StringSlot, text: string): unknown {
  const [head, ...rest] = slot.path;
  if (head === undefined) return text;
  if (Array.isArray(call))
    return call.map((item, i) =>
      String(i) === head ? putString(item, { ...slot, path: rest }, text) : item,
    );
  if (!isRecord(call)) return call;
  if (slot.kind === 'key' && rest.length === 0)
    return Object.fromEntries(Object.entries(call).map(([k, v]) => [k === head ? text : k, v]));
  return { ...call, [head]: putString(call[head], { ...slot, path: rest }, text) };
}
