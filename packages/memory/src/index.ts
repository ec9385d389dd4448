export type { MemoryOutboxEntry, MemoryState } from './state';
export { createMemoryStore, type MemoryStore } from './store';
