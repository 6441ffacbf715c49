// The one public barrel: everything users import from 'lrfind'.
export type * from './types.js';
export * from './random.js';
export * from './range-test/index.js';
export * from './analysis/index.js';
export * from './schedules/index.js';
export * from './data/index.js';
export * from './models/index.js';
export * from './tfjs/index.js';
export * from './tfjs/backend-index.js';
export * from './tfjs/callbacks-index.js';
export * from '../reports/index.js';
