export * from './given-when-then.js';
export * from './lock-waits.js';
export * from './test-database.js';
