import type { Result } from 'neverthrow';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Allot,
  type AllotErrorOf,
  type AllotFailure,
  type AllotMethodError,
  actors,
  type Balance,
  type ConsumeInput,
  type ConsumeManyResult,
  type ConsumeResult,
  type Overview,
  orThrow,
  type SystemActor,
  type UsageEventError,
  type UserActor,
} from './index';

declare const allot: Allot;
const ada = actors.user('acme', 'ada');

describe('the public API’s types', () => {
  it('infers each input from its schema', () => {
    expectTypeOf<ConsumeInput>().toMatchObjectType<{
      orgId: string;
      userId: string;
      amount: number;
      idempotencyKey: string;
    }>();
    expectTypeOf<ConsumeInput['description']>().toEqualTypeOf<string | undefined>();
  });

  it('resolves each call to a Result of its value and only the codes the method can fail with', () => {
    expectTypeOf<AllotMethodError<'consume'>['code']>().toEqualTypeOf<
      | 'validation'
      | 'forbidden'
      | 'idempotency_conflict'
      | 'store_unavailable'
      | 'outcome_unknown'
      | 'not_found'
      | 'insufficient_credits'
    >();
    expectTypeOf<AllotMethodError<'assign'>['code']>().toEqualTypeOf<
      | 'validation'
      | 'forbidden'
      | 'idempotency_conflict'
      | 'store_unavailable'
      | 'outcome_unknown'
      | 'not_found'
      | 'insufficient_pool'
      | 'allocation_below_usage'
    >();
    expectTypeOf<AllotMethodError<'overview'>['code']>().toEqualTypeOf<
      'validation' | 'forbidden' | 'not_found' | 'store_unavailable'
    >();
    expectTypeOf<AllotMethodError<'consumeMany'>['code']>().toEqualTypeOf<
      'validation' | 'forbidden' | 'not_found' | 'store_unavailable' | 'outcome_unknown'
    >();
    expectTypeOf<UsageEventError['code']>().toEqualTypeOf<
      'validation' | 'not_found' | 'insufficient_credits' | 'idempotency_conflict'
    >();
    const batch = allot.consumeMany({
      actor: ada,
      events: [{ userId: 'bob', amount: 5, idempotencyKey: 'e-1' }],
    });
    expectTypeOf(batch).resolves.toEqualTypeOf<Result<ConsumeManyResult, AllotMethodError<'consumeMany'>>>();
    const consumed = allot.consume({ actor: ada, userId: 'bob', amount: 5, idempotencyKey: 'job-1' });
    expectTypeOf(consumed).resolves.toEqualTypeOf<Result<ConsumeResult, AllotMethodError<'consume'>>>();
  });

  it('narrows an error by its code to its details', () => {
    expectTypeOf<AllotErrorOf<'insufficient_credits'>>().toHaveProperty('available').toEqualTypeOf<number>();
    expectTypeOf<AllotErrorOf<'validation'>['issues'][number]['path']>().toEqualTypeOf<string>();
  });

  it('orThrow gives the value, and AllotFailure carries the method’s error', async () => {
    expectTypeOf(orThrow(allot.overview({ actor: ada }))).toEqualTypeOf<Promise<Overview>>();
    expectTypeOf(orThrow(allot.balance({ actor: ada }))).toEqualTypeOf<Promise<Balance>>();
    expectTypeOf<AllotFailure<AllotErrorOf<'forbidden'>>['code']>().toEqualTypeOf<'forbidden'>();
    expectTypeOf<AllotFailure>().toExtend<Error>();
  });

  it('lets a person’s calls leave orgId out, never the system actor’s', () => {
    expectTypeOf(actors.user('acme', 'ada')).toEqualTypeOf<UserActor>();
    expectTypeOf(actors.system()).toEqualTypeOf<SystemActor>();
    allot.overview({ actor: ada });
    allot.overview({ actor: actors.system(), orgId: 'acme' });
    // @ts-expect-error the system actor belongs to no organization: it must name one
    allot.overview({ actor: actors.system() });
    // @ts-expect-error an unknown key is refused by the types as by the parser
    allot.assign({ actor: ada, userId: 'bob', total: 5, totl: 6 });
  });
});
