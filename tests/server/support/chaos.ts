/**
 * The fault-injection test's world: a sync server that can be restarted over a database
 * that outlives it, and a network between that server and the browsers that loses,
 * duplicates, delays and reorders requests. Nothing moves on its own: a request waits in
 * the network until the test delivers it (with a fate of its choosing), so a seeded
 * generator decides every interleaving and a failing seed replays the same way.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app';
import type { Database } from '../../../server/db/database';
import { migrate } from '../../../server/db/migrate';
import { SyncStore } from '../../../server/store';
import type { Fetch } from '../../../lib/sync/client';
import type { DurableDatabase } from './backends';
import { injectFetch } from './browser';

/** The sync server, in process, over a database that survives its restarts. */
export class RestartableServer {
  restarts = 0;
  private current: { db: Database; store: SyncStore; app: FastifyInstance } | undefined;

  private constructor(
    private readonly database: DurableDatabase,
    private readonly now: () => number,
  ) {}

  /** Starts a server (migrations run as at every start) on `database`, its clock `now`. */
  static async start(database: DurableDatabase, now: () => number): Promise<RestartableServer> {
    const server = new RestartableServer(database, now);
    await server.boot();
    return server;
  }

  private async boot(): Promise<void> {
    const db = await this.database.open();
    await migrate(db);
    const store = new SyncStore(db, { now: this.now });
    const app = await buildApp({ store, rateLimit: false });
    this.current = { db, store, app };
  }

  private get running() {
    if (!this.current) throw new Error('The server is not running');
    return this.current;
  }

  get store(): SyncStore {
    return this.running.store;
  }

  get db(): Database {
    return this.running.db;
  }

  /** Stops the app and its connections and starts both again: what was committed is all that is left. */
  async restart(): Promise<void> {
    await this.stop();
    await this.boot();
    this.restarts++;
  }

  /** A request to whichever app is running when it arrives. */
  readonly fetch: Fetch = (url, init) => injectFetch(this.running.app)(url, init);

  async stop(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (!current) return;
    await current.app.close();
    await current.db.close();
  }
}

/**
 * What happens to one request in the network:
 * - `deliver`: the server answers and the browser gets the answer;
 * - `drop-request`: lost on the way, the server never sees it;
 * - `drop-response`: the server acts on it, its answer is lost;
 * - `duplicate`: delivered and answered, and a copy stays in the network to arrive again later;
 * - `time-out`: the browser gives up waiting, the request stays in the network and may
 *   still arrive (after newer ones: reordered).
 */
export type Fate = 'deliver' | 'drop-request' | 'drop-response' | 'duplicate' | 'time-out';

/** A request in the network: one a browser waits for, or a stray copy nobody waits for. */
interface InFlight {
  from: string;
  url: string;
  init: RequestInit;
  waiter?: { resolve: (response: Response) => void; reject: (error: Error) => void };
}

const lost = () => new TypeError('Failed to fetch');

export class Network {
  private readonly inFlight: InFlight[] = [];
  private readonly offline = new Set<string>();
  /** Requests go straight to the server, answered at once (the healed network). */
  private direct = false;
  /** How many times each fate (and an offline refusal) happened: the run's coverage. */
  readonly counts: Record<Fate | 'offline' | 'stray', number> = {
    deliver: 0,
    'drop-request': 0,
    'drop-response': 0,
    duplicate: 0,
    'time-out': 0,
    offline: 0,
    stray: 0,
  };

  constructor(private readonly server: RestartableServer) {}

  /**
   * The `fetch` of browser `name`. Its identity check (`/v1/me`, made when sync is turned
   * on) goes straight through: turning on is a rep at the options page, tested elsewhere;
   * pushes and pulls wait in the network.
   */
  fetchFor(name: string): Fetch {
    return (url, init) => {
      if (this.offline.has(name)) {
        this.counts.offline++;
        return Promise.reject(lost());
      }
      if (this.direct || new URL(url).pathname === '/v1/me') return this.server.fetch(url, init);
      return new Promise((resolve, reject) => {
        this.inFlight.push({ from: name, url, init, waiter: { resolve, reject } });
      });
    };
  }

  /** Whether browser `name` is waiting for an answer. */
  waiting(name: string): boolean {
    return this.inFlight.some((request) => request.from === name && request.waiter);
  }

  get size(): number {
    return this.inFlight.length;
  }

  setOnline(name: string, online: boolean): void {
    if (online) this.offline.delete(name);
    else this.offline.add(name);
  }

  isOnline(name: string): boolean {
    return !this.offline.has(name);
  }

  /** Delivers the request at `index` of those in flight (any order: the network reorders) with `fate`. */
  async deliver(index: number, fate: Fate): Promise<void> {
    const [request] = this.inFlight.splice(index, 1);
    if (!request) throw new RangeError(`No request at ${index}`);
    const { waiter } = request;
    if (!waiter) {
      // A stray copy: the server may act on it again; nobody reads the answer.
      this.counts.stray++;
      if (fate !== 'drop-request' && fate !== 'time-out') await this.server.fetch(request.url, request.init);
      return;
    }
    this.counts[fate]++;
    switch (fate) {
      case 'deliver':
        waiter.resolve(await this.server.fetch(request.url, request.init));
        return;
      case 'drop-request':
        waiter.reject(lost());
        return;
      case 'drop-response':
        await this.server.fetch(request.url, request.init);
        waiter.reject(lost());
        return;
      case 'duplicate': {
        const response = await this.server.fetch(request.url, request.init);
        this.inFlight.push({ from: request.from, url: request.url, init: request.init });
        waiter.resolve(response);
        return;
      }
      case 'time-out':
        this.inFlight.push({ from: request.from, url: request.url, init: request.init });
        waiter.reject(lost());
        return;
    }
  }

  /** Everyone online, every request still in flight delivered, and from now on no faults. */
  async heal(): Promise<void> {
    this.offline.clear();
    this.direct = true;
    while (this.inFlight.length > 0) await this.deliver(0, 'deliver');
  }
}
