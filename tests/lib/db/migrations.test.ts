/**
 * One test per schema version. v1 is checked on a database a raw Dexie created at v1. Each later version adds a `describe` that seeds the previous version with
 * `seedVersion(name, N - 1, schemaV{N-1}_..., seed, deps)`, opens the current `HandoffDb`
 * on the same `deps`, and asserts the upgrade carried the seeded rows over.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { HandoffDb, SCHEMA_VERSIONS } from '../../../lib/db/db';
import { createRepositories } from '../../../lib/db/index';
import {
  currentSchema,
  schemaV1_20261123,
  schemaV2_20261123,
  schemaV3_20261123,
  schemaV4_20261208,
} from '../../../lib/db/schema';
import { CRM_SYSTEMS } from '../../../lib/domain/enums';
import { isolatedIndexedDb, seedVersion } from '../../support/db';
import { NOW } from '../../support/factories';

/** Versions that have a `describe` below; a new version fails the guard until it has one. */
const TESTED_VERSIONS = [1, 2, 3, 4];

/** A table as `[primary key, ...indexes]`, multi-entry indexes prefixed with `*`. */
function dexieShape(db: Dexie): Record<string, string[]> {
  return Object.fromEntries(
    db.tables.map((t) => [
      t.name,
      [t.schema.primKey.name, ...t.schema.indexes.map((i) => (i.multi ? '*' : '') + i.name)],
    ]),
  );
}

/** The same, read from IndexedDB itself: proves the stores and indexes were really created. */
function indexedDbShape(db: Dexie): Record<string, string[]> {
  const idb = db.backendDB();
  const names = [...idb.objectStoreNames];
  const tx = idb.transaction(names, 'readonly');
  const keyPath = (path: string | string[]) => (Array.isArray(path) ? `[${path.join('+')}]` : path);
  return Object.fromEntries(
    names.map((name) => {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].map((indexName) => {
        const index = store.index(indexName);
        return (index.multiEntry ? '*' : '') + keyPath(index.keyPath);
      });
      return [name, [keyPath(store.keyPath ?? ''), ...indexes]];
    }),
  );
}

const sorted = (shape: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(shape).map(([table, [key, ...indexes]]) => [table, [key, ...indexes.sort()]]));

describe('schema versions', () => {
  it('are numbered 1..n, dated in order, and each has a migration test', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
    const dates = SCHEMA_VERSIONS.map((v) => v.date);
    expect(dates).toEqual([...dates].sort());
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(TESTED_VERSIONS);
  });

  it('end at the schema the code expects', () => {
    expect(SCHEMA_VERSIONS.at(-1)?.stores).toBe(currentSchema);
    expect(new HandoffDb('unopened', isolatedIndexedDb()).verno).toBe(SCHEMA_VERSIONS.length);
  });

  it('index every CRM system, so a re-import can match on it', () => {
    for (const system of CRM_SYSTEMS) expect(currentSchema.leads).toContain(`crmIds.${system}`);
  });
});

// Each table's indexes as v1 declared them, and as v2 does (sync's tables added). Written out
// rather than derived from the schema constants, so an edit to a shipped schema constant
// fails here instead of silently changing users' databases.
const v1Tables = {
  leads: [
    'id',
    '*emailKeys',
    'company.domain',
    'crmIds.hubspot',
    'crmIds.marketo',
    'crmIds.salesforce',
    'linkedinKey',
    'owner',
    'stage',
    'updatedAt',
  ],
  events: ['id', '[leadId+occurredAt]', 'occurredAt', 'type'],
  qualifications: ['leadId'],
  dispositions: ['id', '[leadId+decidedAt]'],
  activities: ['id', '[leadId+occurredAt]', 'nextStep.dueAt'],
  settings: ['key'],
};
const v2Tables = {
  ...v1Tables,
  outbox: ['seq', '[table+recordId]', 'changeId'],
  syncState: ['key'],
  dispositionClocks: ['id', 'conflict', 'leadId'],
};

describe('v1 (2026-11-23)', () => {
  it('creates every table and index at v1', async () => {
    const deps = isolatedIndexedDb();
    await seedVersion('v1-shape', 1, schemaV1_20261123, async () => {}, deps);
    const raw = new Dexie('v1-shape', deps);
    raw.version(1).stores({ ...schemaV1_20261123 });
    await raw.open();
    expect(sorted(dexieShape(raw))).toEqual(v1Tables);
    expect(sorted(indexedDbShape(raw))).toEqual(v1Tables);
    raw.close();
  });

  it('opens a database a raw Dexie created at v1, and the repositories read its rows', async () => {
    const deps = isolatedIndexedDb();
    const leadId = '01KAQZ4X5T0000000000000000';
    // The stored shape of a v1 lead, literal: what a user's database holds, not what today's code writes.
    const v1Lead = {
      id: leadId,
      person: {
        name: 'Jane Doe',
        emails: ['jane.doe+webinar@acme.com'],
        linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
      },
      company: { name: 'Acme', domain: 'acme.com' },
      stage: 'mql',
      crmIds: { hubspot: '1001' },
      times: { createdAt: NOW - 1000, mqlAt: NOW },
      updatedAt: NOW,
      emailKeys: ['jane.doe@acme.com'],
      linkedinKey: 'jane-doe',
    };
    await seedVersion(
      'seeded',
      1,
      schemaV1_20261123,
      async (raw) => {
        await raw.table('leads').add(v1Lead);
        await raw.table('events').add({
          id: '01KAQZ4X5T0000000000000001',
          leadId,
          type: 'page_visit',
          pageCategory: 'pricing',
          occurredAt: NOW,
          origin: 'imported',
          details: {},
        });
      },
      deps,
    );

    const db = new HandoffDb('seeded', deps);
    const repos = createRepositories(db);
    const { emailKeys: _emailKeys, linkedinKey: _linkedinKey, ...lead } = v1Lead;
    expect(await repos.leads.get(leadId)).toEqual(lead);
    expect((await repos.leads.findByEmail('Jane.Doe@Acme.com')).map((l) => l.id)).toEqual([leadId]);
    expect((await repos.leads.findByLinkedinUrl('de.linkedin.com/in/Jane-Doe')).map((l) => l.id)).toEqual([leadId]);
    expect((await repos.leads.findByCrmId('hubspot', '1001')).map((l) => l.id)).toEqual([leadId]);
    expect((await repos.events.history(leadId)).map((e) => e.pageCategory)).toEqual(['pricing']);
    // Opened by today's code, so upgraded on the way: what it read is what v1 held.
    expect(db.verno).toBe(SCHEMA_VERSIONS.length);
    db.close();
  });
});

describe('v2 (2026-11-23): sync', () => {
  it('adds the sync tables to every v1 table', async () => {
    const deps = isolatedIndexedDb();
    await seedVersion('v2-shape', 2, schemaV2_20261123, async () => {}, deps);
    const db = new Dexie('v2-shape', deps);
    db.version(2).stores({ ...schemaV2_20261123 });
    await db.open();
    expect(sorted(dexieShape(db))).toEqual(v2Tables);
    expect(sorted(indexedDbShape(db))).toEqual(v2Tables);
    expect(db.table('outbox').schema.primKey.auto).toBe(true);
    expect(db.table('outbox').schema.idxByName.changeId?.unique).toBe(true);
    expect(schemaV2_20261123).toMatchObject(schemaV1_20261123);
    db.close();
  });

  it('upgrades a v1 database: its rows stay, sync is off and nothing is queued', async () => {
    const deps = isolatedIndexedDb();
    const leadId = '01KAQZ4X5T0000000000000000';
    const v1Lead = {
      id: leadId,
      person: { name: 'Jane Doe', emails: ['jane.doe@acme.com'] },
      company: { name: 'Acme', domain: 'acme.com' },
      stage: 'mql',
      crmIds: {},
      times: { createdAt: NOW - 1000, mqlAt: NOW },
      updatedAt: NOW,
      emailKeys: ['jane.doe@acme.com'],
    };
    await seedVersion('seeded-v1', 1, schemaV1_20261123, (raw) => raw.table('leads').add(v1Lead), deps);

    const db = new HandoffDb('seeded-v1', deps);
    const repos = createRepositories(db, { now: () => NOW });
    const { emailKeys: _emailKeys, ...lead } = v1Lead;
    expect(await repos.leads.get(leadId)).toEqual(lead);
    expect(db.verno).toBe(SCHEMA_VERSIONS.length);
    expect(await db.outbox.count()).toBe(0);
    expect(await repos.sync.status()).toMatchObject({ enabled: false, unsynced: 0, rejected: [], conflicts: [] });

    // Sync off (the default): a write queues nothing.
    await repos.leads.update(leadId, { source: 'Webinar' });
    expect(await db.outbox.count()).toBe(0);
    db.close();
  });
});

const v3Tables = {
  ...v2Tables,
  leads: ['id', '*emailKeys', 'crmIds.hubspot', 'crmIds.marketo', 'crmIds.salesforce', 'linkedinKey', 'stage'],
};
const v4Tables = { ...v3Tables, marketingScores: ['[leadId+system]'] };

describe('v3 (2026-11-23): three unused lead indexes dropped', () => {
  // Opened by today's code, so at the current version: v3's tables plus what later versions add.
  const expected = v4Tables;

  it('drops owner, updatedAt and company.domain from leads on a fresh database, and nothing else', async () => {
    const db = new HandoffDb('fresh-v3', isolatedIndexedDb());
    await db.open();
    expect(sorted(dexieShape(db))).toEqual(expected);
    expect(sorted(indexedDbShape(db))).toEqual(expected);
    const { leads: _v3Leads, ...v3Others } = schemaV3_20261123;
    const { leads: _v2Leads, ...v2Others } = schemaV2_20261123;
    expect(v3Others).toEqual(v2Others);
    db.close();
  });

  it('upgrades a v2 database with data: every row of every table stays, the three indexes go', async () => {
    const deps = isolatedIndexedDb();
    const ids = ['01KAQZ4X5T0000000000000000', '01KAQZ4X5T0000000000000001', '01KAQZ4X5T0000000000000002'];
    // Stored v2 rows, literal: what a user's database holds, not what today's code writes.
    const v2Leads = [
      {
        id: ids[0],
        person: {
          name: 'Jane Doe',
          emails: ['jane.doe+webinar@acme.com'],
          linkedinUrl: 'https://www.linkedin.com/in/jane-doe/',
        },
        company: { name: 'Acme', domain: 'acme.com', employees: 120 },
        stage: 'mql',
        owner: 'kim@seller.io',
        crmIds: { hubspot: '1001', salesforce: '00Q5e00000AbCdEAAF' },
        times: { createdAt: NOW - 1000, mqlAt: NOW },
        updatedAt: NOW,
        emailKeys: ['jane.doe@acme.com'],
        linkedinKey: 'jane-doe',
      },
      {
        id: ids[1],
        person: { name: 'Tomás Ibarra', emails: ['tomas@polarbyte.io', 't.ibarra@polarbyte.io'] },
        company: { name: 'Polar Byte', domain: 'polarbyte.io' },
        stage: 'lead',
        crmIds: { marketo: 'M-7' },
        times: { createdAt: NOW - 500 },
        updatedAt: NOW - 500,
        emailKeys: ['tomas@polarbyte.io', 't.ibarra@polarbyte.io'],
      },
      {
        id: ids[2],
        person: { name: 'Priya Raman', emails: [], linkedinUrl: 'https://www.linkedin.com/in/priya-raman/' },
        company: {},
        stage: 'sql',
        owner: 'sam@seller.io',
        crmIds: {},
        times: { createdAt: NOW - 200, mqlAt: NOW - 150, sqlAt: NOW - 100 },
        updatedAt: NOW - 100,
        emailKeys: [],
        linkedinKey: 'priya-raman',
      },
    ];
    const seeded: Record<string, unknown[]> = {
      leads: v2Leads,
      events: [
        {
          id: '01KAQZ4X5T0000000000000010',
          leadId: ids[0],
          type: 'page_visit',
          pageCategory: 'pricing',
          occurredAt: NOW - 10,
          origin: 'imported',
          details: {},
        },
        {
          id: '01KAQZ4X5T0000000000000011',
          leadId: ids[1],
          type: 'email_opened',
          occurredAt: NOW - 20,
          origin: 'captured',
          details: { subject: 'Pricing' },
        },
      ],
      qualifications: [{ leadId: ids[2], framework: 'bant', answers: { budget: 'yes' }, updatedAt: NOW - 100 }],
      dispositions: [
        { id: '01KAQZ4X5T0000000000000020', leadId: ids[2], decision: 'sql', decidedAt: NOW - 100, decidedBy: 'sam' },
      ],
      activities: [
        {
          id: '01KAQZ4X5T0000000000000030',
          leadId: ids[2],
          kind: 'call',
          occurredAt: NOW - 90,
          nextStep: { dueAt: NOW + 1000, text: 'Demo' },
        },
      ],
      settings: [{ key: 'settings', value: { businessHours: { timeZone: 'Europe/Berlin' } }, updatedAt: NOW }],
      outbox: [
        {
          seq: 1,
          changeId: 'c-1',
          table: 'leads',
          recordId: ids[0],
          hlc: '0001',
          change: { op: 'upsert' },
          createdAt: NOW,
        },
      ],
      syncState: [{ key: 'client', clientId: 'client-1' }],
      dispositionClocks: [
        { id: '01KAQZ4X5T0000000000000020', leadId: ids[2], hlc: '0002', basedOn: null, conflict: 1 },
      ],
    };
    await seedVersion(
      'seeded-v2',
      2,
      schemaV2_20261123,
      async (raw) => {
        for (const [table, rows] of Object.entries(seeded)) await raw.table(table).bulkAdd(rows);
      },
      deps,
    );

    const db = new HandoffDb('seeded-v2', deps);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.length);
    expect(sorted(indexedDbShape(db))).toEqual(expected);
    for (const [table, rows] of Object.entries(seeded)) {
      expect({ table, rows: await db.table(table).toArray() }).toEqual({ table, rows });
    }

    // The indexes that stay still find the old rows.
    const repos = createRepositories(db, { now: () => NOW });
    expect((await repos.leads.findByEmail('Jane.Doe@Acme.com')).map((l) => l.id)).toEqual([ids[0]]);
    expect((await repos.leads.findByEmail('t.ibarra@polarbyte.io')).map((l) => l.id)).toEqual([ids[1]]);
    expect((await repos.leads.findByLinkedinUrl('linkedin.com/in/priya-raman')).map((l) => l.id)).toEqual([ids[2]]);
    expect((await repos.leads.findByCrmId('salesforce', '00Q5e00000AbCdEAAF')).map((l) => l.id)).toEqual([ids[0]]);
    expect((await repos.leads.findByCrmId('marketo', 'M-7')).map((l) => l.id)).toEqual([ids[1]]);
    expect(await repos.leads.countByStage()).toMatchObject({ lead: 1, mql: 1, sql: 1 });
    expect((await repos.events.history(ids[0] ?? '')).map((e) => e.pageCategory)).toEqual(['pricing']);
    // And a lead written after the upgrade is stored and indexed like the others.
    const added = await repos.leads.create({
      person: { name: 'Dana Whitfield', emails: ['dana@whitfield.co'] },
      stage: 'lead',
    });
    expect((await repos.leads.findByEmail('dana@whitfield.co')).map((l) => l.id)).toEqual([added.id]);
    expect(await repos.leads.count()).toBe(4);
    db.close();
  });
});

describe('v4 (2026-12-08): marketing scores', () => {
  const lead = {
    id: '01KAQZ4X5T0000000000000000',
    person: { name: 'Jane Doe', emails: ['jane.doe@acme.com'] },
    company: { name: 'Acme', domain: 'acme.com', employees: 120, industry: 'Software', country: 'DE' },
    source: 'Webinar',
    stage: 'mql',
    crmIds: { hubspot: '1001' },
    times: { createdAt: NOW - 1000, mqlAt: NOW },
    updatedAt: NOW,
    emailKeys: ['jane.doe@acme.com'],
  };

  it('adds the marketingScores table, keyed by lead and system, and changes no other table', async () => {
    const db = new HandoffDb('fresh-v4', isolatedIndexedDb());
    await db.open();
    expect(sorted(dexieShape(db))).toEqual(v4Tables);
    expect(sorted(indexedDbShape(db))).toEqual(v4Tables);
    const { marketingScores: _added, ...others } = schemaV4_20261208;
    expect(others).toEqual(schemaV3_20261123);
    db.close();
  });

  it('upgrades a v3 database that synced: its rows stay, and the next pull starts again from "0" to fetch the scores', async () => {
    const deps = isolatedIndexedDb();
    const status = { key: 'status', cursor: '4711', backfill: null, failures: 0, rejected: [] };
    await seedVersion(
      'seeded-v3',
      3,
      schemaV3_20261123,
      async (raw) => {
        await raw.table('leads').add(lead);
        await raw.table('syncState').bulkAdd([status, { key: 'local', clientId: 'client-1', hlc: 'x' }]);
      },
      deps,
    );
    const db = new HandoffDb('seeded-v3', deps);
    const repos = createRepositories(db, { now: () => NOW });
    const { emailKeys: _emailKeys, ...stored } = lead;
    expect(await repos.leads.get(lead.id)).toEqual(stored);
    expect(db.verno).toBe(SCHEMA_VERSIONS.length);
    expect(await db.syncState.get('status')).toEqual({ ...status, cursor: '0' });
    expect(await db.syncState.get('local')).toEqual({ key: 'local', clientId: 'client-1', hlc: 'x' });
    expect(await repos.sync.cursor()).toBe('0');
    // The new table works on the upgraded database.
    const score = { leadId: lead.id, system: 'hubspot', value: 82, scoredAt: NOW };
    await repos.marketingScores.keep([score]);
    expect(await repos.marketingScores.forLead(lead.id)).toEqual([score]);
    db.close();
  });

  it('leaves a browser that never synced without a cursor row', async () => {
    const deps = isolatedIndexedDb();
    await seedVersion('unsynced-v3', 3, schemaV3_20261123, (raw) => raw.table('leads').add(lead), deps);
    const db = new HandoffDb('unsynced-v3', deps);
    await db.open();
    expect(await db.syncState.count()).toBe(0);
    db.close();
  });
});
