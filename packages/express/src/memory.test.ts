import { createMemoryStore } from '@allot/memory';
import { describe } from 'vitest';
import { routerTests } from './testing/router-tests.test-helpers';

describe('over @allot/memory', () => {
  routerTests(() => ({ store: createMemoryStore(), close: async () => {} }), { propertyRuns: 500 });
});
