import { describe, expect, it, vi } from 'vitest';
import { type StorageNavigator, requestPersistentStorage } from '../../../lib/db/persist';

const storage = (persisted: () => Promise<boolean>, persist: () => Promise<boolean>) => ({
  storage: { persisted: vi.fn(persisted), persist: vi.fn(persist) },
});

describe('requestPersistentStorage', () => {
  it.each<[string, StorageNavigator | undefined]>([
    ['no navigator', undefined],
    ['no storage manager', {}],
    ['a storage manager without persist()', { storage: {} as never }],
  ])('returns false with %s', async (_, nav) => {
    expect(await requestPersistentStorage(nav)).toBe(false);
  });

  it('returns what persist() grants', async () => {
    const granted = storage(
      async () => false,
      async () => true,
    );
    expect(await requestPersistentStorage(granted)).toBe(true);
    expect(granted.storage.persist).toHaveBeenCalledOnce();
    const refused = storage(
      async () => false,
      async () => false,
    );
    expect(await requestPersistentStorage(refused)).toBe(false);
  });

  it('does not ask again when storage is already persistent (Firefox would prompt)', async () => {
    const already = storage(
      async () => true,
      async () => true,
    );
    expect(await requestPersistentStorage(already)).toBe(true);
    expect(already.storage.persist).not.toHaveBeenCalled();
  });

  it('returns false instead of throwing when the browser fails', async () => {
    const failing = storage(
      async () => false,
      async () => {
        throw new DOMException('denied', 'SecurityError');
      },
    );
    expect(await requestPersistentStorage(failing)).toBe(false);
  });
});
