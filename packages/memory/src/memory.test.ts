import { runConformanceSuite } from '@allot/testkit';
import { createMemoryStore } from './store';

runConformanceSuite({ name: 'memory', createStore: createMemoryStore });
