/**
 * A fake of HubSpot's CRM v3 API, in process (node:http on 127.0.0.1, a free port), for the
 * connector's tests. It is a fake because the real service cannot be reached from here (this
 * machine reaches no network but the npm registry) and because a real account cannot be told to
 * fail on cue. The official client (`@hubspot/api-client`) is pointed at it through its
 * `basePath` option and talks to it over real HTTP, so the client's own serialisation and error
 * handling run as they would against HubSpot.
 *
 * What it follows, from HubSpot's developer reference (developers.hubspot.com/docs/api-reference
 * and the guides): CRM contacts v3 (batch read, search, create, batch update, update), properties
 * v3 (property and group read and create), calls and notes v3 (create with `associations`
 * `{ to: { id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] }`,
 * search); request and response shapes as the reference's examples; error bodies as its "Handling
 * errors" guide: `{ status: 'error', message, correlationId, category }` (VALIDATION_ERROR,
 * OBJECT_NOT_FOUND, CONFLICT, INVALID_AUTHENTICATION, EXPIRED_AUTHENTICATION); a 429 as its rate
 * limit guide (`errorType: 'RATE_LIMIT'`, `policyName`), with Retry-After and the
 * X-HubSpot-RateLimit-* headers on every answer; a batch update that names a deleted contact
 * answers 207 with `OBJECT_NOT_FOUND` and `context.ids`, one with a value a property does not
 * allow answers 400 for the whole batch; creating a contact whose email exists answers 409
 * "Contact already exists. Existing ID: <id>". Where the reference gives no wording (the exact
 * text of some messages, the property groups of calls and notes), the wording here is ours.
 *
 * Faults on cue: a burst of 429s or 5xx (JSON or an HTML gateway page), a request that hangs
 * (before or after HubSpot applied it), an expired or revoked token, a contact deleted in HubSpot.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

type ObjectType = 'contacts' | 'calls' | 'notes';

export interface FakeObject {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** For engagements: the contacts it is associated with and the type id used. */
  associations: { toId: string; typeId: number }[];
}

export interface FakeProperty {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: { label: string; value: string; displayOrder: number; hidden: boolean }[];
}

/** One property write to a contact, as applied: the tests count them ("exactly once"). */
export interface ContactWrite {
  contactId: string;
  properties: Record<string, string>;
  via: 'create' | 'batch' | 'single';
}

const option = (value: string, index: number) => ({ label: value, value, displayOrder: index, hidden: false });
const enumeration = (name: string, values: readonly string[], groupName: string): FakeProperty => ({
  name,
  label: name,
  type: 'enumeration',
  fieldType: 'select',
  groupName,
  description: '',
  options: values.map(option),
});
const text = (name: string, groupName: string, type = 'string'): FakeProperty => ({
  name,
  label: name,
  type,
  fieldType: type === 'string' ? 'text' : type,
  groupName,
  description: '',
  options: [],
});

/** HubSpot's default lead statuses and lifecycle stages (internal values). */
export const LEAD_STATUSES = [
  'NEW',
  'OPEN',
  'IN_PROGRESS',
  'OPEN_DEAL',
  'UNQUALIFIED',
  'ATTEMPTED_TO_CONTACT',
  'CONNECTED',
  'BAD_TIMING',
] as const;
export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
  'other',
] as const;
const CALL_DISPOSITIONS = [
  'f240bbac-87c9-4f6e-bf70-924b57d47db7',
  '73a0d17f-1163-4015-bdd5-ec830791da20',
  'b2cf5968-551e-4856-9783-52b3da59a7d0',
  'a4c4c377-d246-4b32-a13b-75a56a4cd0ff',
  '9d9162e7-6cf3-4944-bf63-4dff82258764',
  '17b47fee-58de-441e-a44c-c6300d46f273',
];

/** One HubSpot account: its objects, its property definitions, and what was written to it. */
export class FakePortal {
  readonly objects: Record<ObjectType, Map<string, FakeObject>> = {
    contacts: new Map(),
    calls: new Map(),
    notes: new Map(),
  };
  readonly properties: Record<ObjectType, Map<string, FakeProperty>>;
  readonly groups: Record<ObjectType, Set<string>> = {
    contacts: new Set(['contactinformation']),
    calls: new Set(['engagement']),
    notes: new Set(['engagement']),
  };
  readonly writes: ContactWrite[] = [];
  private nextId: number;

  constructor(
    readonly id: number,
    private readonly stamp: () => string,
  ) {
    this.nextId = id * 1000 + 1;
    const contact = ['email', 'firstname', 'lastname', 'company', 'jobtitle', 'phone'].map((n) =>
      text(n, 'contactinformation'),
    );
    this.properties = {
      contacts: new Map(
        [
          ...contact,
          enumeration('hs_lead_status', LEAD_STATUSES, 'contactinformation'),
          enumeration('lifecyclestage', LIFECYCLE_STAGES, 'contactinformation'),
        ].map((p) => [p.name, p]),
      ),
      calls: new Map(
        [
          text('hs_timestamp', 'engagement', 'datetime'),
          text('hs_call_title', 'engagement'),
          text('hs_call_body', 'engagement'),
          text('hs_call_duration', 'engagement', 'number'),
          enumeration('hs_call_direction', ['INBOUND', 'OUTBOUND'], 'engagement'),
          enumeration(
            'hs_call_status',
            ['BUSY', 'CALLING_CRM_USER', 'CANCELED', 'COMPLETED', 'CONNECTING', 'FAILED', 'IN_PROGRESS', 'NO_ANSWER'],
            'engagement',
          ),
          enumeration('hs_call_disposition', CALL_DISPOSITIONS, 'engagement'),
        ].map((p) => [p.name, p]),
      ),
      notes: new Map(
        [text('hs_timestamp', 'engagement', 'datetime'), text('hs_note_body', 'engagement')].map((p) => [p.name, p]),
      ),
    };
  }

  /** A contact as if someone made it in HubSpot. */
  addContact(properties: Record<string, string>): FakeObject {
    return this.insert('contacts', properties, []);
  }

  /** Deletes (archives) a contact, as a HubSpot user would. */
  deleteContact(id: string): void {
    const contact = this.objects.contacts.get(id);
    if (contact) contact.archived = true;
  }

  /** Live contacts with this email (case-insensitive). */
  contactsWithEmail(email: string): FakeObject[] {
    return [...this.objects.contacts.values()].filter(
      (c) => !c.archived && c.properties.email?.toLowerCase() === email.toLowerCase(),
    );
  }

  /** The calls and notes associated with a contact. */
  engagementsOf(contactId: string): (FakeObject & { type: 'calls' | 'notes' })[] {
    return (['calls', 'notes'] as const).flatMap((type) =>
      [...this.objects[type].values()]
        .filter((e) => e.associations.some((a) => a.toId === contactId))
        .map((e) => ({ ...e, type })),
    );
  }

  insert(type: ObjectType, properties: Record<string, string>, associations: FakeObject['associations']): FakeObject {
    const now = this.stamp();
    const object: FakeObject = {
      id: String(this.nextId++),
      properties: { ...properties },
      createdAt: now,
      updatedAt: now,
      archived: false,
      associations,
    };
    object.properties.hs_object_id = object.id;
    this.objects[type].set(object.id, object);
    return object;
  }
}

interface Fault {
  on: RegExp;
  times: number;
  kind: 'status' | 'hang' | 'hang_after';
  status?: number;
  retryAfter?: number;
  html?: boolean;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

const fail = (status: number, category: string, message: string, extra: Record<string, unknown> = {}) =>
  new HttpError(status, { status: 'error', message, correlationId: randomUUID(), category, ...extra });

/** The fake server. `start()` it in a test's `beforeAll`, `close()` it in `afterAll`. */
export class FakeHubspot {
  readonly requests: { method: string; path: string }[] = [];
  private readonly portals = new Map<string, FakePortal>();
  private readonly expired = new Set<string>();
  private readonly faults: Fault[] = [];
  private readonly held = new Set<http.ServerResponse>();
  private hangWaiters: (() => void)[] = [];
  private server: http.Server | undefined;
  private clock = Date.UTC(2026, 10, 23, 12);
  basePath = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.basePath = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Closes the server and every connection, held ones included. */
  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.held.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A new account reached with `token`. */
  portal(token: string): FakePortal {
    const portal = new FakePortal(this.portals.size + 1, () => new Date(this.clock++).toISOString());
    this.portals.set(token, portal);
    return portal;
  }

  /** Another token for an existing account (a renewed one). */
  grant(token: string, portal: FakePortal): void {
    this.portals.set(token, portal);
  }

  /** The token now answers 401 EXPIRED_AUTHENTICATION. */
  expire(token: string): void {
    this.expired.add(token);
  }

  /** The next `times` requests matching `on` answer `status` (429 with Retry-After `retryAfter` seconds). */
  failNext(fault: { status: number; times?: number; on?: RegExp; retryAfter?: number; html?: boolean }): void {
    this.faults.push({ kind: 'status', on: fault.on ?? /./, times: fault.times ?? 1, ...fault });
  }

  /**
   * The next request matching `on` never gets an answer: before HubSpot applied it, or after
   * (`afterApplying`: the write happened, the answer is lost). Held until the client gives up.
   */
  hangNext(fault: { on?: RegExp; afterApplying?: boolean }): void {
    this.faults.push({ kind: fault.afterApplying ? 'hang_after' : 'hang', on: fault.on ?? /./, times: 1 });
  }

  /** Resolves once a request is being held by {@link hangNext}. */
  hung(): Promise<void> {
    return new Promise((resolve) => this.hangWaiters.push(resolve));
  }

  /** Requests of a method and path (a regular expression) received so far. */
  count(method: string, path: RegExp): number {
    return this.requests.filter((r) => r.method === method && path.test(r.path)).length;
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.times > 0 && f.on.test(`${method} ${path}`));
    if (fault) fault.times -= 1;
    return fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.requests.push({ method, path: url.pathname });
    const fault = this.takeFault(method, url.pathname);
    if (fault?.kind === 'hang') return this.hold(res);
    if (fault?.kind === 'status') return this.sendFault(res, fault);
    let status = 200;
    let body: unknown;
    try {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const portal = token ? this.portals.get(token) : undefined;
      if (token && this.expired.has(token)) {
        throw fail(401, 'EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired 5 minute(s) ago.');
      }
      if (!portal) {
        throw fail(
          401,
          'INVALID_AUTHENTICATION',
          'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
        );
      }
      const json = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
      [status, body] = this.route(portal, method, url, json);
    } catch (error) {
      if (error instanceof HttpError) [status, body] = [error.status, error.body];
      else [status, body] = [400, { status: 'error', message: String(error), correlationId: randomUUID() }];
    }
    if (fault?.kind === 'hang_after') return this.hold(res);
    this.send(res, status, body);
  }

  private hold(res: http.ServerResponse): void {
    this.held.add(res);
    res.on('close', () => this.held.delete(res));
    const waiters = this.hangWaiters;
    this.hangWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private rateHeaders(remaining: number): Record<string, string> {
    return {
      'x-hubspot-ratelimit-daily': '500000',
      'x-hubspot-ratelimit-daily-remaining': '499000',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-remaining': String(remaining),
      'x-hubspot-ratelimit-secondly': '19',
      'x-hubspot-ratelimit-secondly-remaining': String(Math.min(remaining, 19)),
    };
  }

  private send(res: http.ServerResponse, status: number, body: unknown): void {
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      ...(payload && { 'content-type': 'application/json;charset=utf-8' }),
      ...this.rateHeaders(150),
    });
    res.end(payload);
  }

  private sendFault(res: http.ServerResponse, fault: Fault): void {
    const status = fault.status ?? 500;
    if (status === 429) {
      res.writeHead(429, {
        'content-type': 'application/json;charset=utf-8',
        'retry-after': String(fault.retryAfter ?? 10),
        ...this.rateHeaders(0),
      });
      res.end(
        JSON.stringify({
          status: 'error',
          message: 'You have reached your ten_secondly_rolling limit.',
          errorType: 'RATE_LIMIT',
          correlationId: randomUUID(),
          policyName: 'TEN_SECONDLY_ROLLING',
          requestId: randomUUID(),
        }),
      );
      return;
    }
    if (fault.html) {
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(`<html><body><h1>${status} Bad Gateway</h1></body></html>`);
      return;
    }
    this.send(res, status, {
      status: 'error',
      message: 'internal error',
      correlationId: randomUUID(),
      category: 'INTERNAL_ERROR',
    });
  }

  private route(portal: FakePortal, method: string, url: URL, body: unknown): [number, unknown] {
    const path = url.pathname;
    const at = (verb: string, pattern: RegExp) => (method === verb ? pattern.exec(path) : null);
    const search = at('POST', /^\/crm\/v3\/objects\/(contacts|calls|notes)\/search$/);
    if (search) return [200, this.search(portal, search[1] as ObjectType, body)];
    if (at('POST', /^\/crm\/v3\/objects\/contacts\/batch\/read$/)) {
      return this.batchRead(portal, body, url.searchParams.get('archived') === 'true');
    }
    if (at('POST', /^\/crm\/v3\/objects\/contacts\/batch\/update$/)) return this.batchUpdate(portal, body);
    const one = at('PATCH', /^\/crm\/v3\/objects\/contacts\/([^/]+)$/);
    if (one) return [200, this.updateOne(portal, decodeURIComponent(one[1] ?? ''), body)];
    if (at('POST', /^\/crm\/v3\/objects\/contacts$/)) return [201, this.createContact(portal, body)];
    const engagement = at('POST', /^\/crm\/v3\/objects\/(calls|notes)$/);
    if (engagement) return [201, this.createEngagement(portal, engagement[1] as 'calls' | 'notes', body)];
    const group = /^\/crm\/v3\/properties\/(contacts|calls|notes)\/groups(?:\/([^/]+))?$/.exec(path);
    if (group) return this.groups(portal, method, group[1] as ObjectType, group[2], body);
    const property = /^\/crm\/v3\/properties\/(contacts|calls|notes)(?:\/([^/]+))?$/.exec(path);
    if (property) return this.propertyRoute(portal, method, property[1] as ObjectType, property[2], body);
    throw fail(404, 'OBJECT_NOT_FOUND', `No route ${method} ${path} in the fake`);
  }

  private view(object: FakeObject, properties: readonly string[] | undefined) {
    const shown = properties?.length
      ? Object.fromEntries(
          [...properties, 'hs_object_id'].filter((p) => p in object.properties).map((p) => [p, object.properties[p]]),
        )
      : object.properties;
    return {
      id: object.id,
      properties: shown,
      createdAt: object.createdAt,
      updatedAt: object.updatedAt,
      archived: object.archived,
    };
  }

  private search(portal: FakePortal, type: ObjectType, body: unknown) {
    const request = (body ?? {}) as {
      filterGroups?: { filters?: { propertyName: string; operator: string; value?: string; values?: string[] }[] }[];
      properties?: string[];
      limit?: number;
    };
    const groups = request.filterGroups ?? [];
    if (groups.length > 5) throw fail(400, 'VALIDATION_ERROR', 'Too many filter groups (at most 5)');
    const matches = (object: FakeObject) =>
      groups.length === 0 ||
      groups.some((group) =>
        (group.filters ?? []).every((filter) => {
          const value = object.properties[filter.propertyName] ?? '';
          const same = (a: string, b: string) =>
            filter.propertyName === 'email' ? a.toLowerCase() === b.toLowerCase() : a === b;
          if (filter.operator === 'EQ') return same(value, filter.value ?? '');
          if (filter.operator === 'IN') return (filter.values ?? []).some((v) => same(value, v));
          throw fail(400, 'VALIDATION_ERROR', `Operator ${filter.operator} is not supported by the fake`);
        }),
      );
    const found = [...portal.objects[type].values()].filter((o) => !o.archived && matches(o));
    const limit = request.limit ?? 10;
    return {
      total: found.length,
      results: found.slice(0, limit).map((o) => this.view(o, request.properties)),
      ...(found.length > limit && { paging: { next: { after: String(limit) } } }),
    };
  }

  private batchRead(portal: FakePortal, body: unknown, archived: boolean): [number, unknown] {
    const request = body as { inputs: { id: string }[]; properties?: string[] };
    const results: ReturnType<FakeHubspot['view']>[] = [];
    const missing: string[] = [];
    for (const { id } of request.inputs) {
      const contact = portal.objects.contacts.get(id);
      if (contact && contact.archived === archived) results.push(this.view(contact, request.properties));
      else missing.push(id);
    }
    const times = { startedAt: new Date(this.clock).toISOString(), completedAt: new Date(this.clock).toISOString() };
    if (missing.length === 0) return [200, { status: 'COMPLETE', results, ...times }];
    return [
      207,
      {
        status: 'COMPLETE',
        results,
        numErrors: 1,
        errors: [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message: 'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
            context: { ids: missing },
            errors: [],
            links: {},
          },
        ],
        ...times,
      },
    ];
  }

  /** HubSpot's property value checks: a known property, an allowed option, a date it can read. */
  private validate(portal: FakePortal, type: ObjectType, properties: Record<string, unknown>): void {
    const problems: Record<string, unknown>[] = [];
    for (const [name, raw] of Object.entries(properties)) {
      const definition = portal.properties[type].get(name);
      const value = String(raw);
      if (!definition) {
        problems.push({
          isValid: false,
          message: `Property "${name}" does not exist`,
          error: 'PROPERTY_DOESNT_EXIST',
          name,
        });
      } else if (value === '') {
        // An empty string clears a property.
      } else if (definition.type === 'enumeration' && !definition.options.some((o) => o.value === value)) {
        problems.push({
          isValid: false,
          message: `${value} was not one of the allowed options: [${definition.options.map((o) => o.value).join(', ')}]`,
          error: 'INVALID_OPTION',
          name,
        });
      } else if (
        definition.type === 'date' &&
        !/^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !(/^\d+$/.test(value) && Number(value) % 86_400_000 === 0)
      ) {
        problems.push({
          isValid: false,
          message: `${value} is not a valid date: use YYYY-MM-DD or midnight UTC in milliseconds`,
          error: 'INVALID_DATE',
          name,
        });
      } else if (definition.type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) {
        problems.push({ isValid: false, message: `${value} is not a number`, error: 'INVALID_INTEGER', name });
      }
    }
    if (problems.length > 0) {
      throw fail(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(problems)}`);
    }
  }

  private apply(portal: FakePortal, contact: FakeObject, properties: Record<string, string>, via: ContactWrite['via']) {
    Object.assign(contact.properties, properties);
    contact.updatedAt = new Date(this.clock++).toISOString();
    portal.writes.push({ contactId: contact.id, properties: { ...properties }, via });
  }

  private batchUpdate(portal: FakePortal, body: unknown): [number, unknown] {
    const { inputs } = body as { inputs: { id: string; properties: Record<string, string> }[] };
    if (inputs.length > 100) throw fail(400, 'VALIDATION_ERROR', 'Batch input can contain at most 100 inputs');
    const ids = inputs.map((i) => i.id);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length > 0) throw fail(400, 'VALIDATION_ERROR', `Duplicate IDs found in batch input: [${repeated}]`);
    for (const input of inputs) this.validate(portal, 'contacts', input.properties);
    const results: ReturnType<FakeHubspot['view']>[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const contact = portal.objects.contacts.get(input.id);
      if (!contact || contact.archived) {
        missing.push(input.id);
        continue;
      }
      this.apply(portal, contact, input.properties, 'batch');
      results.push(this.view(contact, Object.keys(input.properties)));
    }
    const times = { startedAt: new Date(this.clock).toISOString(), completedAt: new Date(this.clock).toISOString() };
    if (missing.length === 0) return [200, { status: 'COMPLETE', results, ...times }];
    return [
      207,
      {
        status: 'COMPLETE',
        results,
        numErrors: 1,
        errors: [
          {
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            message: 'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
            context: { ids: missing },
            errors: [],
            links: {},
          },
        ],
        ...times,
      },
    ];
  }

  private updateOne(portal: FakePortal, id: string, body: unknown) {
    const { properties } = body as { properties: Record<string, string> };
    const contact = portal.objects.contacts.get(id);
    if (!contact || contact.archived) throw fail(404, 'OBJECT_NOT_FOUND', 'resource not found');
    this.validate(portal, 'contacts', properties);
    this.apply(portal, contact, properties, 'single');
    return this.view(contact, Object.keys(properties));
  }

  private createContact(portal: FakePortal, body: unknown) {
    const { properties } = body as { properties: Record<string, string> };
    this.validate(portal, 'contacts', properties);
    const email = properties.email;
    const [existing] = email ? portal.contactsWithEmail(email) : [];
    if (existing) throw fail(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
    const contact = portal.insert('contacts', properties, []);
    portal.writes.push({ contactId: contact.id, properties: { ...properties }, via: 'create' });
    return this.view(contact, undefined);
  }

  private createEngagement(portal: FakePortal, type: 'calls' | 'notes', body: unknown) {
    const request = body as {
      properties: Record<string, string>;
      associations?: { to: { id: string }; types: { associationCategory: string; associationTypeId: number }[] }[];
    };
    if (!request.properties?.hs_timestamp) {
      throw fail(400, 'VALIDATION_ERROR', 'Property values were not valid: hs_timestamp is required');
    }
    this.validate(portal, type, request.properties);
    const expected = type === 'calls' ? 194 : 202;
    const associations: FakeObject['associations'] = [];
    for (const association of request.associations ?? []) {
      const contact = portal.objects.contacts.get(association.to.id);
      if (!contact || contact.archived) {
        throw fail(
          400,
          'VALIDATION_ERROR',
          `One or more associated objects were not found: CONTACT ${association.to.id}`,
        );
      }
      for (const t of association.types) {
        if (t.associationCategory !== 'HUBSPOT_DEFINED' || t.associationTypeId !== expected) {
          throw fail(
            400,
            'VALIDATION_ERROR',
            `${t.associationCategory} ${t.associationTypeId} is not a valid association type from ${type} to contacts`,
          );
        }
        associations.push({ toId: contact.id, typeId: t.associationTypeId });
      }
    }
    return this.view(portal.insert(type, request.properties, associations), undefined);
  }

  private groups(
    portal: FakePortal,
    method: string,
    type: ObjectType,
    name: string | undefined,
    body: unknown,
  ): [number, unknown] {
    if (method === 'GET' && name) {
      if (!portal.groups[type].has(name)) throw fail(404, 'OBJECT_NOT_FOUND', `Unable to find group ${name}`);
      return [200, { name, label: name, displayOrder: -1, archived: false }];
    }
    if (method === 'POST' && !name) {
      const group = body as { name: string; label: string };
      if (portal.groups[type].has(group.name)) {
        throw fail(409, 'OBJECT_ALREADY_EXISTS', `Group named '${group.name}' already exists.`);
      }
      portal.groups[type].add(group.name);
      return [201, { name: group.name, label: group.label, displayOrder: -1, archived: false }];
    }
    throw fail(405, 'VALIDATION_ERROR', `${method} is not supported on property groups by the fake`);
  }

  private propertyRoute(
    portal: FakePortal,
    method: string,
    type: ObjectType,
    name: string | undefined,
    body: unknown,
  ): [number, unknown] {
    const stamp = new Date(this.clock).toISOString();
    const shape = (p: FakeProperty) => ({
      ...p,
      displayOrder: -1,
      hidden: false,
      hasUniqueValue: false,
      formField: false,
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
      createdAt: stamp,
      updatedAt: stamp,
    });
    if (method === 'GET' && name) {
      const found = portal.properties[type].get(name);
      if (!found) {
        throw fail(404, 'OBJECT_NOT_FOUND', `Unable to find property named '${name}' for object type ${type}`);
      }
      return [200, shape(found)];
    }
    if (method === 'POST' && !name) {
      const p = body as FakeProperty;
      if (!/^[a-z][a-z0-9_]*$/.test(p.name)) throw fail(400, 'VALIDATION_ERROR', `Invalid property name ${p.name}`);
      if (!portal.groups[type].has(p.groupName)) {
        throw fail(400, 'VALIDATION_ERROR', `Property group ${p.groupName} does not exist for object type ${type}`);
      }
      if (portal.properties[type].has(p.name)) {
        throw fail(409, 'OBJECT_ALREADY_EXISTS', `Property named '${p.name}' already exists.`);
      }
      const options = p.options ?? [];
      if (p.type === 'enumeration' && options.length === 0) {
        throw fail(400, 'VALIDATION_ERROR', 'An enumeration property needs options');
      }
      if (new Set(options.map((o) => o.value)).size !== options.length) {
        throw fail(400, 'VALIDATION_ERROR', 'Option values must be unique');
      }
      const created: FakeProperty = {
        name: p.name,
        label: p.label,
        type: p.type,
        fieldType: p.fieldType,
        groupName: p.groupName,
        description: p.description ?? '',
        options,
      };
      portal.properties[type].set(p.name, created);
      return [201, shape(created)];
    }
    throw fail(405, 'VALIDATION_ERROR', `${method} is not supported on properties by the fake`);
  }
}
