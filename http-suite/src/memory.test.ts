import { createMemoryStore } from '@allot/memory';
import { describe } from 'vitest';
import { adapters } from './adapters';
import { routerTests } from './suite/router-tests';

// The whole route suite on every adapter, over the memory store (Express also over SQLite: sqlite.test.ts).
const memory = () => ({ store: createMemoryStore(), close: async () => {} });

describe.each(adapters)('$name over @allot/memory', (adapter) => {
  routerTests({ adapter, store: memory }, { propertyRuns: adapter.name === 'express' ? 500 : 150 });
});
