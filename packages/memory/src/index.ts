export { type MemoryStore, createMemoryStore } from './store';
export type { MemoryState } from './state';
