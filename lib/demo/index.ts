/**
 * Deterministic demo data: leads, engagement histories and fixed personas for the demo
 * ("Load sample data"), tests and benchmarks. Pure: no clock, no Math.random, no I/O.
 */
export * from './generate';
export * from './personas';
export { Random, type Weighted, hashString, mix32, seedFrom, weights } from './random';
export { ulidAt } from './ulid';
