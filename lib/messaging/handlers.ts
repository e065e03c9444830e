import type { Repositories } from '../db';
import type { Handlers } from './router';

export interface BackgroundInfo {
  version: string;
}

/**
 * The background's handlers over the repositories. Kept out of the entrypoint so they
 * run in tests against fake-indexeddb exactly as in the service worker.
 */
export function createHandlers(repos: Repositories, info: BackgroundInfo): Handlers {
  return {
    async 'health.ping'() {
      try {
        return { version: info.version, database: 'ok', leads: await repos.leads.count() };
      } catch {
        return { version: info.version, database: 'error', leads: 0 };
      }
    },
  };
}
