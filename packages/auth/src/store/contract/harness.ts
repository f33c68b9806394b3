import type { AuthStore } from '../port';

export interface AuthStoreUnderTest {
  readonly store: AuthStore;
  /** A second store over the same storage, as after a restart. */
  reopen(): Promise<AuthStore>;
}

export interface AuthStoreHarness {
  /** A store over storage no other test has touched. */
  open(): Promise<AuthStoreUnderTest>;
}

/** Opens stores for one test and closes them after it. */
export type OpenStore = () => Promise<AuthStoreUnderTest>;
