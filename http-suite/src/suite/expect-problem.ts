import { PROBLEM_TYPE_BASE, type Problem, problemSchema } from '@allot/http';
import { expect } from 'vitest';

/** Asserts an RFC 9457 problem response with this status and code; returns the problem. */
export function expectProblem(
  res: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  code: string,
): Problem {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { code } });
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  const problem = problemSchema.parse(res.body) as Problem;
  expect(problem).toMatchObject({ type: `${PROBLEM_TYPE_BASE}${code}`, status, code });
  expect(problem.title.length).toBeGreaterThan(0);
  expect(problem.detail.length).toBeGreaterThan(0);
  return problem;
}
