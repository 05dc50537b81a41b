export * from './compiled-policy.js';
