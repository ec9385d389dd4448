import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actorSchema } from './actor';
import * as commands from './commands';
import * as queries from './queries';

/** A string or record reachable from an input schema, with where it sits. */
interface Leaf {
  path: string;
  kind: 'string' | 'record';
  schema: z.ZodType;
}

/** Every string and record schema inside `schema`, following objects, wrappers, unions, pipes. */
function leaves(schema: z.ZodType, path: string, out: Leaf[] = []): Leaf[] {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const child = (key: string) => def[key] as z.ZodType;
  switch (def.type) {
    case 'string':
      out.push({ path, kind: 'string', schema });
      break;
    case 'record':
      // Keys are checked by the record itself (so an error never repeats a bad key).
      out.push({ path, kind: 'record', schema });
      leaves(child('valueType'), `${path}.(value)`, out);
      break;
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>))
        leaves(value, `${path}.${key}`, out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      leaves(child('innerType'), path, out);
      break;
    case 'pipe':
      leaves(child('in'), path, out);
      leaves(child('out'), path, out);
      break;
    case 'union':
      for (const option of def.options as z.ZodType[]) leaves(option, path, out);
      break;
    case 'array':
      leaves(child('element'), `${path}.0`, out);
      break;
    case 'intersection':
      leaves(child('left'), path, out);
      leaves(child('right'), path, out);
      break;
    default:
      break;
  }
  return out;
}

/** Every public input schema: each command's and read's, and the actor. */
const INPUTS: [string, z.ZodType][] = [
  ...Object.entries({ ...commands, ...queries } as Record<string, unknown>).filter(
    (entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType && entry[0].endsWith('Input'),
  ),
  ['actor', actorSchema],
];

const ALL = INPUTS.flatMap(([name, schema]) => leaves(schema, name));
const BAD = ['x\u0000', '\u0000', 'x\ud800', '\udc00x', 'x\ud83d'];

describe('every string input refuses what no store can keep', () => {
  it('finds the input schemas and their strings', () => {
    // 17 commands, 10 reads, the actor.
    expect(INPUTS.length).toBeGreaterThanOrEqual(28);
    const paths = ALL.map((leaf) => leaf.path);
    for (const expected of [
      'consumeInput.description',
      'consumeInput.idempotencyKey',
      'consumeInput.metadata',
      'consumeInput.metadata.(value)',
      'submitRequestInput.message',
      'rejectRequestInput.reason',
      'topUpInput.reason',
      'createOrganizationInput.domains.0',
      'createOrganizationInput.admins.0.email',
      'enrollInput.name',
      'membersInput.search',
      'ledgerInput.cursor',
      'ledgerInput.filter.userId',
      'actor.userId',
      'actor.orgId',
    ])
      expect(paths).toContain(expected);
  });

  it.each(ALL.filter((leaf) => leaf.kind === 'string').map((leaf) => [leaf.path, leaf] as const))(
    '%s refuses NUL and unpaired surrogates',
    (_path, leaf) => {
      for (const bad of BAD) expect(leaf.schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    },
  );

  it.each(ALL.filter((leaf) => leaf.kind === 'record').map((leaf) => [leaf.path, leaf] as const))(
    '%s refuses a key with NUL or an unpaired surrogate',
    (_path, leaf) => {
      for (const bad of BAD)
        expect(leaf.schema.safeParse({ [bad]: 1 }).success, JSON.stringify(bad)).toBe(false);
    },
  );
});
