export * from './errors.js';
export * from './events.js';
export * from './position.js';
export * from './postgres-event-store.js';
export * from './stream-ids.js';
export * from './time-cut.js';
export * from './upcasting.js';
