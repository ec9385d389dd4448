export type { MemoryState } from './state';
export { createMemoryStore, type MemoryStore } from './store';
