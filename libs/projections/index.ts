export * from './projection-runner.js';
export * from './projection.js';
export * from './rebuild.js';
export * from './replay-at.js';
export * from './rows.js';
