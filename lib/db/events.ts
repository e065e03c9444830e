import { type EngagementEvent, type EngagementEventInput, EngagementEventSchema } from '../domain/event';
import { newId } from '../domain/ids';
import { type HistoryOptions, Repository, countLeadRange, leadRange } from './base';

/** An event to store; the id defaults to a new ULID. */
export type NewEngagementEvent = Omit<EngagementEventInput, 'id'> & { id?: string };

const BY_LEAD = '[leadId+occurredAt]';

/** Engagement events: append-only facts about what a lead did. */
export class EventRepository extends Repository {
  /**
   * Stores one event. Throws `ValidationError` for a bad event and `RecordNotFoundError` when its
   * lead does not exist; nothing is written in either case.
   */
  async add(input: NewEngagementEvent): Promise<EngagementEvent> {
    const [event] = await this.bulkAdd([input]);
    // bulkAdd returns one event per input; the guard only satisfies noUncheckedIndexedAccess.
    if (!event) throw new Error('Event was not stored');
    return event;
  }

  /**
   * Stores events all or nothing: every event is parsed first (a bad one, named by index,
   * refuses the batch), every lead must exist, and one transaction writes them, so a
   * failure halfway (a duplicate id) rolls back the rows already added.
   */
  bulkAdd(inputs: readonly NewEngagementEvent[]): Promise<EngagementEvent[]> {
    return this.write(inputs, 'add');
  }

  /**
   * Like {@link bulkAdd}, but an event whose id is already stored is written again instead
   * of refused. Events are immutable facts, so a re-run import, a repeated sync pull or a
   * second "Load sample data" never duplicates one.
   */
  bulkUpsert(inputs: readonly NewEngagementEvent[]): Promise<EngagementEvent[]> {
    return this.write(inputs, 'put');
  }

  private async write(inputs: readonly NewEngagementEvent[], mode: 'add' | 'put'): Promise<EngagementEvent[]> {
    const events = this.parseAll(
      EngagementEventSchema,
      inputs.map((input) => ({ ...input, id: input.id ?? newId() })),
      'events',
    );
    await this.db.transaction('rw', [this.db.events, this.db.leads, ...this.syncTables], async () => {
      const outbox = await this.recorder();
      await this.requireLeads(events.map((event) => event.leadId));
      if (outbox) {
        // An event is immutable: one stored already (a re-run import) was sent when it was added.
        const stored = new Set(mode === 'put' ? await this.storedIds(events) : []);
        const queued = new Set<string>();
        for (const event of events) {
          if (stored.has(event.id) || queued.has(event.id)) continue;
          queued.add(event.id);
          outbox.event(event);
        }
      }
      await (mode === 'add' ? this.db.events.bulkAdd(events) : this.db.events.bulkPut(events));
      await outbox?.flush();
    });
    return events;
  }

  private storedIds(events: readonly EngagementEvent[]): Promise<string[]> {
    return this.db.events
      .where(':id')
      .anyOf(events.map((e) => e.id))
      .primaryKeys();
  }

  /**
   * A lead's events, newest first. `before` pages back in time (exclusive), `limit` caps
   * the page: the timeline loads `history(id, { limit: 50 })`, then
   * `history(id, { limit: 50, before: oldestShown.occurredAt })`. Events at the same
   * instant come newest id first.
   */
  history(leadId: string, options: HistoryOptions = {}): Promise<EngagementEvent[]> {
    return leadRange(this.db.events, BY_LEAD, leadId, { ...options, newestFirst: true });
  }

  /** Every event of a lead, oldest first: the input of scoring. */
  forLead(leadId: string): Promise<EngagementEvent[]> {
    return leadRange(this.db.events, BY_LEAD, leadId);
  }

  /**
   * Every event of each of these leads, oldest first, keyed by lead id (a lead without
   * events maps to an empty list). One read transaction, one `[leadId+occurredAt]` range
   * per lead: the cost follows the rows of these leads, not the table's, so the dashboard
   * reads the events of the MQLs it scores without scanning 1M rows.
   */
  forLeads(leadIds: readonly string[]): Promise<Map<string, EngagementEvent[]>> {
    const unique = [...new Set(leadIds)];
    return this.db.transaction('r', this.db.events, async () => {
      const lists = await Promise.all(unique.map((leadId) => leadRange(this.db.events, BY_LEAD, leadId)));
      return new Map(unique.map((leadId, i) => [leadId, lists[i] ?? []]));
    });
  }

  /**
   * Events of these types that happened at or after `since`, any lead, oldest first: the
   * queue's high-intent requests (lib/sla `TRIGGER_EVENT_TYPES`) of the last weeks. Read on
   * the `type` index, so the cost follows those events, not the table's million rows.
   */
  async ofTypesSince(types: readonly EngagementEvent['type'][], since: number): Promise<EngagementEvent[]> {
    const rows = await this.db.events
      .where('type')
      .anyOf([...types])
      .and((event) => event.occurredAt >= since)
      .toArray();
    return rows.sort((a, b) => a.occurredAt - b.occurredAt);
  }

  /** How many events a lead has, counted on the index without reading the rows. */
  countForLead(leadId: string): Promise<number> {
    return countLeadRange(this.db.events, BY_LEAD, leadId);
  }
}
