export * from './sql-bar';
export * from './stages';
export * from './decide';
