import { describe, expect, it } from 'vitest';
import { DB_NAME, HandoffDb, openHandoffDb } from '../../../lib/db/db';
import { createRepositories } from '../../../lib/db/index';
import { isolatedIndexedDb } from '../../support/db';
import { makeLead } from '../../support/factories';

describe('HandoffDb', () => {
  it('is named handoff unless told otherwise', () => {
    expect(DB_NAME).toBe('handoff');
    expect(new HandoffDb(undefined, isolatedIndexedDb()).name).toBe('handoff');
    expect(new HandoffDb('other', isolatedIndexedDb()).name).toBe('other');
  });

  it('keeps databases on different IndexedDB factories apart, even under one name', async () => {
    const a = new HandoffDb('same', isolatedIndexedDb());
    const b = new HandoffDb('same', isolatedIndexedDb());
    await createRepositories(a).leads.bulkUpsert([makeLead()]);
    expect(await createRepositories(a).leads.count()).toBe(1);
    expect(await createRepositories(b).leads.count()).toBe(0);
    a.close();
    b.close();
  });

  it('openHandoffDb returns one shared database named handoff', () => {
    const db = openHandoffDb();
    expect(db).toBe(openHandoffDb());
    expect(db.name).toBe(DB_NAME);
  });
});
