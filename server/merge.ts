/**
 * The conflict rules live in lib/sync/merge.ts: the extension's sync client applies the
 * same rules to what it pulls, so there is one copy. Re-exported for the server's imports.
 */
export * from '../lib/sync/merge';
