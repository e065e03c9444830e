/** The part of `navigator` this needs, so tests can hand in a stand-in. */
export interface StorageNavigator {
  storage?: Pick<StorageManager, 'persist' | 'persisted'> | undefined;
}

/**
 * Asks the browser not to evict the database under storage pressure (leads, notes and
 * decisions live only here until sync exists). Returns whether storage is persistent:
 * `false` when the API is missing, refused or fails. Never throws, since the app works
 * without it. Checks `persisted()` first because Firefox prompts the user on each
 * `persist()` call.
 */
export async function requestPersistentStorage(
  nav: StorageNavigator | undefined = globalThis.navigator,
): Promise<boolean> {
  const storage = nav?.storage;
  if (typeof storage?.persist !== 'function') return false;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
