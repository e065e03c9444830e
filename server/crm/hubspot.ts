/**
 * The HubSpot calls the connector makes, through HubSpot's official Node client
 * (`@hubspot/api-client`, CRM v3): contacts (read by id, search by email, create, batch and
 * single update), properties and property groups (read, create), calls and notes (create with an
 * association to the contact, search by the Handoff marker). Each call is bounded by a timeout on
 * the worker's clock, and every failure becomes a {@link CrmError} that says what to do about it
 * (retry later, stop the team, refuse the write), in HubSpot's own words. The token is held by the
 * client only: no message built here contains it.
 */
import http from 'node:http';
import https from 'node:https';
import { Client } from '@hubspot/api-client';
import type * as Contacts from '@hubspot/api-client/lib/codegen/crm/contacts/index';
import type * as Calls from '@hubspot/api-client/lib/codegen/crm/objects/calls/index';
import type * as Properties from '@hubspot/api-client/lib/codegen/crm/properties/index';
import { HUBSPOT_PROPERTY_GROUP, type HubspotEngagement, type HubspotPropertyDefinition } from './mapping';

/** Time as the worker sees it: the wall clock in production, one a test moves by hand. */
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms`; returns the function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * What a failure means for the write:
 * - `auth`: the token is refused (401) or lacks a scope (403): nothing works until an admin acts;
 * - `rate_limited`: 429, try again after `retryAfterMs` (HubSpot's Retry-After) or a backoff;
 * - `transient`: 5xx, a timeout, a dropped connection: try again after a backoff;
 * - `not_found`, `conflict`: answers the caller handles (a deleted contact, an existing one);
 * - `refused`: any other 4xx (a validation error): the write cannot succeed as it is.
 */
export type CrmFailure = 'auth' | 'rate_limited' | 'transient' | 'not_found' | 'conflict' | 'refused';

export class CrmError extends Error {
  override readonly name = 'CrmError';
  constructor(
    readonly kind: CrmFailure,
    message: string,
    readonly detail: { status?: number; category?: string; retryAfterMs?: number; existingId?: string } = {},
  ) {
    super(message);
  }
}

/** An error the generated client throws for a non-2xx answer (one class per API module: matched by shape). */
interface ApiExceptionLike {
  code: number;
  body: unknown;
  headers: Record<string, string>;
}

function isApiException(error: unknown): error is ApiExceptionLike {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'number' &&
    'headers' in error &&
    'body' in error
  );
}

const MAX_MESSAGE = 2000;

/** HubSpot's error body (`{ status, message, correlationId, category, errors? }`) as one line of its own words. */
function describe(status: number, body: unknown): { message: string; category?: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    message?: unknown;
    category?: unknown;
    errors?: { message?: unknown }[];
  };
  const category = typeof b.category === 'string' ? b.category : undefined;
  const details = Array.isArray(b.errors)
    ? b.errors.map((e) => (typeof e?.message === 'string' ? e.message : '')).filter(Boolean)
    : [];
  const main = typeof b.message === 'string' ? b.message : typeof body === 'string' ? body : 'no message';
  const text = [main, ...details.filter((d) => d !== main)].join(' ');
  const message = `HubSpot ${status}${category ? ` ${category}` : ''}: ${text}`;
  return { message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message, category };
}

/** Retry-After in seconds (HubSpot's 429s carry it), as milliseconds. */
function retryAfterOf(headers: Record<string, string>): number | undefined {
  const value = headers['retry-after'] ?? headers['Retry-After'];
  const seconds = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}

/** Turns whatever a call threw into a {@link CrmError}. */
export function classify(error: unknown): CrmError {
  if (error instanceof CrmError) return error;
  if (isApiException(error)) {
    const status = error.code;
    const { message, category } = describe(status, error.body);
    const detail = { status, category };
    if (status === 401 || status === 403) return new CrmError('auth', message, detail);
    if (status === 429)
      return new CrmError('rate_limited', message, { ...detail, retryAfterMs: retryAfterOf(error.headers) });
    if (status === 404) return new CrmError('not_found', message, detail);
    if (status === 409) {
      const existing = /Existing ID:\s*(\d+)/i.exec(message)?.[1];
      return new CrmError('conflict', message, { ...detail, existingId: existing });
    }
    if (status >= 500 || status === 408) return new CrmError('transient', message, detail);
    return new CrmError('refused', message, detail);
  }
  // A dropped connection, a body that was not JSON: HubSpot's side or the network's, not the write's.
  const text = error instanceof Error ? error.message : String(error);
  return new CrmError('transient', `HubSpot could not be reached: ${text.slice(0, 300)}`);
}

export interface HubspotApiOptions {
  accessToken: string;
  /** HubSpot's API origin; the tests point it at their fake. Default https://api.hubapi.com. */
  basePath?: string;
  clock: Clock;
  /** How long one request may take before it counts as failed (and its connection is dropped). */
  timeoutMs: number;
}

/** A HubSpot contact as the connector needs it. */
export interface HubspotContact {
  id: string;
  email?: string;
}

/** A batch update's outcome: the contacts written, and those HubSpot says do not exist (deleted). */
export interface BatchUpdateResult {
  written: string[];
  missing: string[];
}

/** The calls the connector makes for one team, on that team's token. {@link close} when done. */
export class HubspotApi {
  private readonly client: Client;
  private readonly agent: http.Agent;

  constructor(private readonly options: HubspotApiOptions) {
    const base = options.basePath ?? 'https://api.hubapi.com';
    this.agent = base.startsWith('https:') ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    // No numberOfApiCallRetries and no limiter: retries are the outbox's (backoff, Retry-After,
    // stored across restarts), not hidden sleeps inside one call.
    this.client = new Client({ accessToken: options.accessToken, basePath: base, httpAgent: this.agent });
  }

  /** Drops the connections this client holds. */
  close(): void {
    this.agent.destroy();
  }

  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    let cancel = () => {};
    let timedOut = false;
    const timeout = new Promise<never>((_, reject) => {
      cancel = this.options.clock.setTimer(this.options.timeoutMs, () => {
        timedOut = true;
        reject(
          new CrmError(
            'transient',
            `HubSpot did not answer ${what} within ${Math.round(this.options.timeoutMs / 1000)} s`,
          ),
        );
      });
    });
    const pending = request();
    // After a timeout nobody waits for it: its late failure (the dropped socket) is expected.
    pending.catch(() => {});
    try {
      return await Promise.race([pending, timeout]);
    } catch (error) {
      // A request that hangs holds its socket: drop it, so nothing is left waiting on HubSpot.
      if (timedOut) this.agent.destroy();
      throw classify(error);
    } finally {
      cancel();
    }
  }

  /**
   * The contact with this id, or `undefined` when HubSpot has none (deleted, never there). Read
   * through the batch read endpoint, which answers a missing id with a documented 207 and
   * `OBJECT_NOT_FOUND` (a single read's 404 may come without a JSON body), and answers a
   * merged-away id with the contact it was merged into.
   */
  async contact(id: string): Promise<HubspotContact | undefined> {
    const answer = await this.call('a contact read', () =>
      this.client.crm.contacts.batchApi.read(
        { inputs: [{ id }], properties: ['email'], propertiesWithHistory: [] },
        false,
      ),
    );
    const [found] = answer.results;
    if (found) return { id: found.id, email: found.properties.email ?? undefined };
    const errors = 'errors' in answer ? (answer.errors ?? []) : [];
    const other = errors.find((e) => e.category !== 'OBJECT_NOT_FOUND');
    if (other) throw new CrmError('refused', describe(207, other).message, { status: 207, category: other.category });
    return undefined;
  }

  /** Contacts whose primary email is one of `emails` (at most 5: one search filter group each), oldest first. */
  async contactsByEmail(emails: readonly string[]): Promise<HubspotContact[]> {
    const request: Contacts.PublicObjectSearchRequest = {
      filterGroups: emails.slice(0, 5).map((email) => ({
        filters: [{ propertyName: 'email', operator: 'EQ' as Contacts.FilterOperatorEnum, value: email }],
      })),
      properties: ['email'],
      sorts: [],
      limit: 10,
    };
    const page = await this.call('a contact search', () => this.client.crm.contacts.searchApi.doSearch(request));
    return page.results
      .map((c) => ({ id: c.id, email: c.properties.email ?? undefined }))
      .sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
  }

  /** Creates a contact; when one with the email exists already (409), returns that one's id instead. */
  async createContact(properties: Record<string, string>): Promise<{ id: string; existed: boolean }> {
    try {
      const created = await this.call('a contact create', () =>
        this.client.crm.contacts.basicApi.create({ properties, associations: [] }),
      );
      return { id: created.id, existed: false };
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'conflict' && error.detail.existingId) {
        return { id: error.detail.existingId, existed: true };
      }
      throw error;
    }
  }

  /**
   * Updates up to 100 contacts in one request. A 207 answer lists contacts that do not exist
   * (`OBJECT_NOT_FOUND`, deleted in HubSpot) in `missing`; anything else wrong with the batch
   * (a value a property does not allow) throws, as HubSpot refuses the whole batch then.
   */
  async updateContacts(
    inputs: readonly { id: string; properties: Record<string, string> }[],
  ): Promise<BatchUpdateResult> {
    if (inputs.length > 100) throw new Error('HubSpot takes at most 100 contacts per batch update');
    const answer = await this.call('a batch update of contacts', () =>
      this.client.crm.contacts.batchApi.update({ inputs: inputs.map((i) => ({ id: i.id, properties: i.properties })) }),
    );
    const written = answer.results.map((r) => r.id);
    const missing: string[] = [];
    const errors = 'errors' in answer ? (answer.errors ?? []) : [];
    for (const error of errors) {
      const ids = (error.context?.ids ?? []) as string[];
      if (error.category === 'OBJECT_NOT_FOUND') missing.push(...ids);
      else throw new CrmError('refused', describe(207, error).message, { status: 207, category: error.category });
    }
    return { written, missing };
  }

  /** Updates one contact (used to find which input of a refused batch HubSpot objects to). */
  async updateContact(id: string, properties: Record<string, string>): Promise<'written' | 'missing'> {
    try {
      await this.call('a contact update', () => this.client.crm.contacts.basicApi.update(id, { properties }));
      return 'written';
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'not_found') return 'missing';
      throw error;
    }
  }

  /** Creates Handoff's property group and each custom property that does not exist yet. */
  async ensureProperties(definitions: readonly HubspotPropertyDefinition[]): Promise<string[]> {
    const created: string[] = [];
    for (const objectType of [...new Set(definitions.map((d) => d.objectType))]) {
      const group = await this.exists(() =>
        this.client.crm.properties.groupsApi.getByName(objectType, HUBSPOT_PROPERTY_GROUP.name),
      );
      if (!group) {
        await this.call('a property group create', () =>
          this.client.crm.properties.groupsApi.create(objectType, {
            name: HUBSPOT_PROPERTY_GROUP.name,
            label: HUBSPOT_PROPERTY_GROUP.label,
          }),
        );
      }
    }
    for (const definition of definitions) {
      const found = await this.exists(() =>
        this.client.crm.properties.coreApi.getByName(definition.objectType, definition.name),
      );
      if (found) continue;
      const create: Properties.PropertyCreate = {
        name: definition.name,
        label: definition.label,
        description: definition.description,
        groupName: HUBSPOT_PROPERTY_GROUP.name,
        type: definition.type as Properties.PropertyCreateTypeEnum,
        fieldType: definition.fieldType as Properties.PropertyCreateFieldTypeEnum,
        ...(definition.options && { options: definition.options }),
      };
      try {
        await this.call('a property create', () =>
          this.client.crm.properties.coreApi.create(definition.objectType, create),
        );
        created.push(`${definition.objectType}.${definition.name}`);
      } catch (error) {
        // Made meanwhile by someone else: it exists, which is all we wanted.
        if (!(error instanceof CrmError && error.kind === 'conflict')) throw error;
      }
    }
    return created;
  }

  private async exists(read: () => Promise<unknown>): Promise<boolean> {
    try {
      await this.call('a property read', read);
      return true;
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'not_found') return false;
      throw error;
    }
  }

  /** Creates a call or note associated with the contact; returns its id. */
  async createEngagement(engagement: HubspotEngagement, contactId: string): Promise<string> {
    const input: Calls.SimplePublicObjectInputForCreate = {
      properties: engagement.properties,
      associations: [
        {
          to: { id: contactId },
          types: [
            {
              associationCategory: 'HUBSPOT_DEFINED' as Calls.AssociationSpecAssociationCategoryEnum,
              associationTypeId: engagement.associationTypeId,
            },
          ],
        },
      ],
    };
    const api =
      engagement.object === 'calls' ? this.client.crm.objects.calls.basicApi : this.client.crm.objects.notes.basicApi;
    const created = await this.call(`a ${engagement.object} create`, () => api.create(input));
    return created.id;
  }

  /** The call or note carrying this marker value, if one was created already. */
  async findEngagement(object: 'calls' | 'notes', marker: string, value: string): Promise<string | undefined> {
    const request: Calls.PublicObjectSearchRequest = {
      filterGroups: [{ filters: [{ propertyName: marker, operator: 'EQ' as Calls.FilterOperatorEnum, value }] }],
      properties: [marker],
      sorts: [],
      limit: 1,
    };
    const api = object === 'calls' ? this.client.crm.objects.calls.searchApi : this.client.crm.objects.notes.searchApi;
    const page = await this.call(`a ${object} search`, () => api.doSearch(request));
    return page.results[0]?.id;
  }
}
