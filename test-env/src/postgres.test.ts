import { afterEach, expect, it } from 'vitest';
import { provideTestPostgres, testPostgresUrl } from './postgres';

const saved = process.env.ALLOT_TEST_PG_URL;
afterEach(() => {
  process.env.ALLOT_TEST_PG_URL = saved;
});

it('uses ALLOT_TEST_PG_URL when it is set, and stops nothing it did not start', async () => {
  process.env.ALLOT_TEST_PG_URL = 'postgres://someone@db.example:5433/x';
  const server = await provideTestPostgres();
  expect(server).toMatchObject({ url: 'postgres://someone@db.example:5433/x', source: 'ALLOT_TEST_PG_URL' });
  await server.stop();
  expect(testPostgresUrl()).toBe('postgres://someone@db.example:5433/x');
});

it('says what to do when a test file runs without the global setup', () => {
  delete process.env.ALLOT_TEST_PG_URL;
  expect(() => testPostgresUrl()).toThrow(
    /ALLOT_TEST_PG_URL is not set: run the tests through the workspace/,
  );
});

it('hands every test file of the run one server (the global setup filled the variable)', () => {
  expect(saved).toMatch(/^postgres(ql)?:\/\//);
});
