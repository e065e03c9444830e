/**
 * The marketing dashboard's figures, derived (never stored) from leads, dispositions,
 * events and settings. Pure: no Dexie, no browser API, no React, no clock (`now` is
 * input). Every figure carries the ids of the leads it counts.
 */
export * from './acceptance';
export * from './conversion';
export * from './figures';
export * from './filter';
export * from './funnel';
export * from './periods';
export * from './rejections';
export * from './sla';
export * from './sources';
export * from './time-to-sql';
