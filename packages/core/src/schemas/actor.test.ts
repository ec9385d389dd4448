import { describe, expect, it } from 'vitest';
import { parseCall } from '../service/runtime';
import { actorLabel, actorSchema, actors } from './actor';
import { overviewInput } from './queries';

/** The issue paths a call with `actor` gets back from the shared call parser. */
function actorIssues(actor: unknown): string[] {
  return parseCall(overviewInput, { actor, orgId: 'acme' }).match(
    () => [],
    (error) => (error.code === 'validation' ? error.issues.map((i) => i.path) : [error.code]),
  );
}

describe('actors', () => {
  it('actors.user builds the actor exactly as given; the call checks it', () => {
    expect(actors.user(' acme ', ' ada ')).toEqual({ type: 'user', orgId: ' acme ', userId: ' ada ' });
    expect(actorIssues(actors.user('acme', ' ada '))).toEqual(['actor.userId']);
    expect(actorIssues(actors.user(' acme', 'ada'))).toEqual(['actor.orgId']);
    expect(actorIssues(actors.user('acme\n', 'ada\t'))).toEqual(['actor.orgId', 'actor.userId']);
  });

  it('a valid actor parses unchanged', () => {
    const parsed = parseCall(overviewInput, { actor: actors.user('acme', 'ada lovelace'), orgId: 'acme' });
    expect(parsed.map((call) => call.actor).unwrapOr(null)).toEqual({
      type: 'user',
      orgId: 'acme',
      userId: 'ada lovelace',
    });
    expect(actorIssues(actors.system())).toEqual([]);
  });

  it('refuses NUL and unpaired surrogates in actor ids, naming the field', () => {
    expect(actorIssues(actors.user('acme', 'ada\u0000'))).toEqual(['actor.userId']);
    expect(actorIssues(actors.user('acme\ud800', 'ada'))).toEqual(['actor.orgId']);
    expect(actorIssues(actors.user('acme', '\udc00'))).toEqual(['actor.userId']);
  });

  it('never trims: the id a journal records is the one the host authenticated', () => {
    expect(actorSchema.safeParse(actors.user('acme', ' ada')).success).toBe(false);
    const ok = actorSchema.parse(actors.user('acme', 'ユーザー😀'));
    expect(actorLabel(ok)).toBe('user:ユーザー😀');
  });
});
