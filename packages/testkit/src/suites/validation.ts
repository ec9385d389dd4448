import type { Allot } from '@allot/core';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { OPERATIONS, prepareTargets } from '../harness/operations';
import { fails } from '../harness/results';
import { VALIDATION_CASES } from './validation-cases';

function matchesPath(actual: string, expected: string): boolean {
  return expected.endsWith('.') ? actual.startsWith(expected) : actual === expected;
}

/** Bad input to every public method is `validation`, names the field and writes nothing. */
export function validationSuite(kit: SuiteContext): void {
  describe('validation', () => {
    it('every public method of Allot has at least one validation case', () => {
      const covered = new Set(VALIDATION_CASES.map((c) => c.method));
      expect(OPERATIONS.map((op) => op.name).filter((name) => !covered.has(name))).toEqual([]);
    });

    it.each(VALIDATION_CASES.map((c) => [c.method, c.what, c] as const))(
      '%s with %s is validation naming the field and writes nothing',
      async (_method, _what, c) => {
        const fx = await kit.org();
        const t = await prepareTargets(fx);
        const before = await fx.count();
        const error = await fails(c.call(fx, t), 'validation');
        const paths = error.issues.map((i) => i.path);
        expect(
          paths.some((p) => matchesPath(p, c.path)),
          `issue paths ${JSON.stringify(paths)}`,
        ).toBe(true);
        expect(await fx.count()).toBe(before);
        expect(await kit.store.getOrganization({ orgId: `${t.orgId}-copy` })).toBeNull();
      },
    );

    it.each(OPERATIONS.map((op) => [op.name, op] as const))(
      '%s without an actor is validation on actor and writes nothing',
      async (_name, op) => {
        const fx = await kit.org();
        const t = await prepareTargets(fx);
        const before = await fx.count();
        const error = await fails(
          op.call(fx.allot, undefined as unknown as Parameters<Allot['overview']>[0]['actor'], t),
          'validation',
        );
        expect(error.issues.map((i) => i.path)).toContain('actor');
        expect(await fx.count()).toBe(before);
      },
    );

    it('a call that is not an object at all is validation, not a throw', async () => {
      const fx = await kit.org();
      const overview = fx.allot.overview as (input: unknown) => ReturnType<Allot['overview']>;
      const consume = fx.allot.consume as (input: unknown) => ReturnType<Allot['consume']>;
      await fails(overview(null), 'validation');
      await fails(consume('consume 5'), 'validation');
      await fails(consume([1, 2]), 'validation');
    });

    it('an actor of an unknown kind is validation on actor.type', async () => {
      const fx = await kit.org();
      const error = await fails(
        fx.allot.overview({
          actor: { type: 'root' } as unknown as Parameters<Allot['overview']>[0]['actor'],
          orgId: fx.orgId,
        }),
        'validation',
      );
      expect(error.issues.some((i) => i.path.startsWith('actor'))).toBe(true);
    });

    it('a validation error lists every bad field at once', async () => {
      const fx = await kit.org();
      const error = await fails(
        fx.allot.consume({ actor: fx.system, orgId: '', userId: '', amount: -1, idempotencyKey: '' }),
        'validation',
      );
      expect(error.issues.map((i) => i.path).sort()).toEqual(['amount', 'idempotencyKey', 'orgId', 'userId']);
      expect(error.message).toContain('amount');
    });
  });
}
