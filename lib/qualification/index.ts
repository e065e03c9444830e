export * from './sql-bar';
export * from './stages';
