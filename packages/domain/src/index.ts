export * from './errors.js';
export * from './money.js';
export * from './roles.js';
export * from './schemas.js';
export * from './lifecycle.js';
