import { Random, seedFrom } from '../../../lib/demo/random';
import { ulidAt } from '../../../lib/demo/ulid';
import { HybridLogicalClock } from '../../../lib/replication/hlc';
import { newLeadFields } from './data';
import { DAY, NOW } from './harness';

/**
 * Hostile bodies for /v1/push and /v1/ingest, each from its own seed: a valid body (the test
 * checks the unmutated ones are accepted), some harmless noise (storable Unicode in its
 * text), then exactly one mutation that makes it invalid whatever else it holds. So every body
 * must be refused, and a 200 is a bug, not bad luck.
 */
export interface FuzzBody {
  url: '/v1/push' | '/v1/ingest';
  /** The mutation, for the failure message. */
  kind: string;
  text: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Slot = { parent: Json[] | { [key: string]: Json }; key: string | number; value: Json };

const CLIENT = 'fuzz-client';

/** A push the server accepts: a lead with an event, a decision, a call and a checklist. */
export function validPush(rng: Random): Json {
  const clock = new HybridLogicalClock(CLIENT, () => NOW - DAY);
  const id = () => ulidAt(NOW - DAY, rng);
  const change = (table: string, recordId: string, rest: Record<string, Json>) => ({
    table,
    changeId: id(),
    recordId,
    hlc: clock.tick(),
    ...rest,
  });
  const leadId = id();
  const [eventId, decisionId, callId] = [id(), id(), id()];
  return {
    clientId: CLIENT,
    changes: [
      change('leads', leadId, { fields: newLeadFields({ 'person.title': 'Head of Ops' }) as Record<string, Json> }),
      change('events', eventId, {
        record: {
          id: eventId,
          leadId,
          type: 'page_visit',
          pageCategory: 'pricing',
          occurredAt: NOW - DAY,
          origin: 'captured',
          details: { url: 'https://acme.io/pricing', seconds: 42, returning: true },
        },
      }),
      change('dispositions', decisionId, {
        basedOn: null,
        record: {
          id: decisionId,
          leadId,
          decision: 'rejected',
          route: 'mql_handoff',
          reason: 'bad_timing',
          note: 'Budget next quarter',
          outcome: { kind: 'recycled', revisitAt: NOW + 90 * DAY },
          decidedBy: 'sam@seller.io',
          decidedAt: NOW - 1000,
        },
      }),
      change('activities', callId, {
        record: {
          id: callId,
          leadId,
          kind: 'call',
          outcome: 'connected',
          durationSeconds: 600,
          notes: 'Discovery call',
          criteriaUpdates: [{ criterion: 'need', status: 'confirmed', evidence: 'Said so' }],
          nextStep: { action: 'Send pricing', dueAt: NOW + 2 * DAY },
          occurredAt: NOW - 2000,
          loggedBy: 'sam@seller.io',
        },
      }),
      change('qualifications', leadId, {
        framework: 'bant',
        criteria: { need: { status: 'confirmed', evidence: 'Said so', updatedAt: NOW - 3000 } },
      }),
    ],
  };
}

/** An ingest request the server accepts: a new lead with events, a score and the hand-over. */
export function validIngest(rng: Random): Json {
  const n = rng.int(1, 1_000_000);
  return {
    ingestId: `fuzz-${n}`,
    items: [
      {
        lead: {
          email: `dana${n}@northwind.io`,
          crm: { system: 'hubspot', id: `H${n}` },
          name: 'Dana Whitfield',
          title: 'VP Operations',
          company: { name: 'Northwind', domain: 'northwind.io', employees: 240, country: 'DE' },
          source: 'Webinar',
          campaign: 'Q4 launch',
        },
        events: [
          { type: 'page_visit', pageCategory: 'demo', occurredAt: NOW - DAY, details: { url: 'https://x.io/demo' } },
          { type: 'webinar_attended', occurredAt: NOW - 2 * DAY },
        ],
        score: { system: 'hubspot', value: 72.5, scoredAt: NOW - DAY, model: 'v2' },
        mql: true,
      },
    ],
  };
}

/** Every slot of a value (not the root), by an explicit stack. */
function slots(root: Json): Slot[] {
  const found: Slot[] = [];
  const stack: Json[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) {
      node.forEach((value, key) => {
        found.push({ parent: node, key, value });
        stack.push(value);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        found.push({ parent: node, key, value });
        stack.push(value);
      }
    }
  }
  return found;
}

const set = (slot: Slot, value: Json) => {
  (slot.parent as Record<string | number, Json>)[slot.key] = value;
};

/** Text from many scripts and planes, all of it storable (no NUL, no lone surrogate). */
function unicode(rng: Random, max: number): string {
  const pieces = [
    'Zoë',
    'Ünïcødé',
    'مرحبا',
    'שלום',
    '日本語',
    '🦄🏳️‍🌈',
    'e\u0301',
    '\u200b',
    '\u2028',
    '\uFEFF',
    '\uFFFF',
  ];
  let text = '';
  const length = rng.int(0, max);
  while (text.length < length) {
    text += rng.chance(0.3)
      ? rng.pick(pieces)
      : String.fromCodePoint(rng.chance(0.2) ? rng.int(0x10000, 0x10ffff) : rng.int(0x20, 0xd7ff));
  }
  return text;
}

/** Levels between the limit and far past it, spread over the orders of magnitude. */
const depth = (rng: Random) => Math.round(33 * 6000 ** rng.next());

function deep(rng: Random, levels: number): string {
  const style = rng.int(0, 2);
  if (style === 0) return `${'['.repeat(levels)}${']'.repeat(levels)}`;
  if (style === 1) return `${'{"a":'.repeat(levels)}null${'}'.repeat(levels)}`;
  let open = '';
  let close = '';
  for (let i = 0; i < levels; i++) {
    const array = rng.chance(0.5);
    open += array ? '[' : '{"k":';
    close = (array ? ']' : '}') + close;
  }
  return `${open}0${close}`;
}

/**
 * Any JSON at all, up to `levels` deep and about `budget.left` values in all: unicode keys,
 * huge and tiny numbers, wide arrays and objects.
 */
function randomJson(rng: Random, levels: number, budget: { left: number }): string {
  budget.left--;
  const roll = rng.int(0, levels <= 0 || budget.left <= 0 ? 3 : 6);
  const width = () => Math.min(budget.left, rng.chance(0.1) ? rng.int(100, 5000) : rng.int(0, 6));
  switch (roll) {
    case 0:
      return rng.pick(['null', 'true', 'false', '-0', '1e-400', '1e400', '123456789012345678901234567890', '0.1']);
    case 1:
      return JSON.stringify(unicode(rng, 40));
    case 2:
      return String(rng.int(-1e9, 1e9));
    case 3:
      return JSON.stringify(rng.next() * 10 ** rng.int(-300, 300));
    case 4:
    case 5:
      return `[${Array.from({ length: width() }, () => randomJson(rng, levels - 1, budget)).join(',')}]`;
    default: {
      // Keys start with "k": never one of the request's required names, so no body is valid by chance.
      const key = () => JSON.stringify(`k${unicode(rng, 10)}`);
      return `{${Array.from({ length: width() }, () => `${key()}:${randomJson(rng, levels - 1, budget)}`).join(',')}}`;
    }
  }
}

/** The mutations; each leaves the body invalid wherever it lands. */
const MUTATIONS: Record<string, (rng: Random, body: Json, raw: Map<string, string>) => Json> = {
  // Nested past the limit, anywhere: refused before parsing.
  deep(rng, body, raw) {
    const marker = `@@raw${raw.size}@@`;
    raw.set(marker, deep(rng, depth(rng)));
    const targets = slots(body);
    if (rng.chance(0.2) || targets.length === 0) return marker;
    set(rng.pick(targets), marker);
    return body;
  },
  // A NUL or an unpaired surrogate in a value or a key: PostgreSQL cannot store it.
  unstorable(rng, body) {
    const bad = rng.pick(['\u0000', '\uD800', '\uDFFF', '\uDBFF\u0041']);
    const text = `${unicode(rng, 20)}${bad}${unicode(rng, 20)}`;
    const targets = slots(body);
    const strings = targets.filter((slot) => typeof slot.value === 'string');
    if (rng.chance(0.3)) {
      const objects = targets.filter((s) => s.value !== null && typeof s.value === 'object' && !Array.isArray(s.value));
      const target =
        objects.length > 0 ? (rng.pick(objects).value as Record<string, Json>) : (body as Record<string, Json>);
      target[text] = 'x';
    } else set(rng.pick(strings), text);
    return body;
  },
  // A number JSON cannot hold (it parses to Infinity, which no schema takes) in place of any leaf.
  infinite(rng, body, raw) {
    const marker = `@@raw${raw.size}@@`;
    raw.set(marker, rng.pick(['1e400', '-1e999', '9'.repeat(rng.int(310, 5000)), `1${'0'.repeat(400)}.5`]));
    const leaves = slots(body).filter((slot) => slot.value === null || typeof slot.value !== 'object');
    set(rng.pick(leaves), marker);
    return body;
  },
  // A timestamp beyond what the server takes: far future, unsafe, negative or fractional.
  timestamp(rng, body, raw) {
    const marker = `@@raw${raw.size}@@`;
    raw.set(
      marker,
      rng.pick([
        String(NOW + rng.int(11 * 366, 1_000_000) * DAY),
        String(Date.UTC(2286, 0, 1)),
        '9007199254740993',
        '1e21',
        '-1',
        String(NOW + 0.5),
      ]),
    );
    const times = slots(body).filter((slot) => typeof slot.key === 'string' && /At$/.test(slot.key));
    set(rng.pick(times), marker);
    return body;
  },
  // A key repeated later in its object with a value no field takes: JSON.parse keeps the last.
  duplicateKey(rng, body, raw) {
    const objects = [
      body as Record<string, Json>,
      ...slots(body)
        .map((slot) => slot.value)
        .filter(
          (value): value is Record<string, Json> =>
            value !== null && typeof value === 'object' && !Array.isArray(value),
        )
        .filter((value) => Object.keys(value).length > 0),
    ];
    const target = rng.pick(objects);
    const key = rng.pick(Object.keys(target));
    const marker = `@@raw${raw.size}@@`;
    raw.set(`"${marker}":"${marker}"`, `${JSON.stringify(key)}:[{"dup":[1]}]`);
    target[marker] = marker;
    return body;
  },
  // Too many: changes or items past their maximum, details past 20 fields, text past its length.
  wide(rng, body) {
    const root = body as Record<string, Json>;
    const roll = rng.int(0, 3);
    if (roll === 0) {
      const name = Array.isArray(root.changes) ? 'changes' : 'items';
      const first = (root[name] as Json[])[0] ?? null;
      root[name] = Array.from({ length: rng.int(501, 3000) }, () => first);
    } else if (roll === 1) {
      const holders = slots(body).filter((slot) => slot.key === 'details');
      const details = Object.fromEntries(Array.from({ length: rng.int(21, 5000) }, (_, i) => [`f${i}`, i]));
      if (holders.length > 0) set(rng.pick(holders), details);
      else root.changes = [details];
    } else if (roll === 2) {
      const texts = slots(body).filter((slot) => ['note', 'notes', 'title', 'person.title'].includes(String(slot.key)));
      set(rng.pick(texts), 'w'.repeat(rng.int(4001, 300_000)));
    } else {
      // Past the body limit: a 413 before anything is parsed.
      (body as Record<string, Json>).padding = 'p'.repeat(1024 * 1024 + rng.int(1, 100_000));
    }
    return body;
  },
  // A body cut short: not JSON at all.
  truncated(rng, body, raw) {
    const text = JSON.stringify(body);
    const marker = `@@raw${raw.size}@@`;
    raw.set(`"${marker}"`, text.slice(0, rng.int(0, text.length - 1)));
    return marker;
  },
  // Any JSON in place of the whole body.
  random(rng, _body, raw) {
    const marker = `@@raw${raw.size}@@`;
    raw.set(`"${marker}"`, randomJson(rng, rng.int(1, 40), { left: 20_000 }));
    return marker;
  },
};

export const FUZZ_KINDS = Object.keys(MUTATIONS);

/** The body of one seed: which endpoint, the noise, the one mutation, serialised with its raw parts. */
export function fuzzBody(seed: number): FuzzBody {
  const rng = new Random(seedFrom(seed));
  const url = rng.chance(0.5) ? '/v1/push' : '/v1/ingest';
  let body = url === '/v1/push' ? validPush(rng) : validIngest(rng);
  for (let i = rng.int(0, 2); i > 0; i--) {
    const strings = slots(body).filter((slot) => typeof slot.value === 'string');
    if (strings.length > 0) set(rng.pick(strings), unicode(rng, 300));
  }
  const kind = rng.pick(FUZZ_KINDS);
  const raw = new Map<string, string>();
  body = MUTATIONS[kind]?.(rng, body, raw) ?? body;
  let text = JSON.stringify(body);
  for (const [marker, replacement] of raw) {
    const quoted = marker.startsWith('"') ? marker : `"${marker}"`;
    text = text.split(quoted).join(replacement);
  }
  return { url, kind, text };
}
