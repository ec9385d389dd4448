import type { AllotStore, StoreTransaction } from '../port';

/** Forwards every member of `target`, bound to it, except the ones `overrides` replaces. */
function delegate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(inner, prop) {
      if (prop in overrides) return overrides[prop as keyof T];
      const value = Reflect.get(inner, prop, inner);
      return typeof value === 'function' ? value.bind(inner) : value;
    },
  });
}

/** A view of `store` whose transactions write everything but outbox events (`events: false`). */
export function withoutOutbox(store: AllotStore): AllotStore {
  return delegate(store, {
    transaction: <T>(fn: (tx: StoreTransaction) => Promise<T>) =>
      store.transaction((tx) =>
        fn(delegate(tx, { write: ({ events: _dropped, ...changes }) => tx.write(changes) })),
      ),
  });
}
