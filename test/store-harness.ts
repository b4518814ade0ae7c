/** How the store contract gets a fresh store per test and disposes of it. Not a test file itself. */
import { test } from 'node:test';
import type { Store } from '../src/store/store.js';

export type MakeStore = () => Store | Promise<Store>;
export type Teardown = (store: Store) => void | Promise<void>;

export interface Harness {
  make: MakeStore;
  teardown: Teardown;
}

/** One node:test test that runs `body` against a fresh, empty store. */
export function storeTest(harness: Harness, title: string, body: (store: Store) => void | Promise<void>): void {
  test(title, async () => {
    const store = await harness.make();
    try {
      await body(store);
    } finally {
      await harness.teardown(store);
    }
  });
}
