export * from './given-when-then.js';
export * from './test-database.js';
