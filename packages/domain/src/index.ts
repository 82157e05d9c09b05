export * from './business-time.js';
export * from './errors.js';
export * from './lifecycle.js';
export * from './money.js';
export * from './roles.js';
export * from './schemas.js';
export * from './transactions.js';
export * from './payments.js';
