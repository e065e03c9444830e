import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test PostgreSQL's URL, or null when none could be had (see `postgresSkip`). */
    postgresUrl: string | null;
    postgresSkip: string;
  }
}

/** Starts one PostgreSQL for the whole server project; each test file works in its own schema. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  if ('skip' in postgres) {
    console.warn(`\n[server tests] PostgreSQL variant SKIPPED: ${postgres.skip}\n`);
    project.provide('postgresUrl', null);
    project.provide('postgresSkip', postgres.skip);
    return async () => {};
  }
  project.provide('postgresUrl', postgres.url);
  project.provide('postgresSkip', '');
  return postgres.stop;
}
