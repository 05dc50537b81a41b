export * from './compiled-policy.js';
export * from './exact-number.js';
export * from './iso-date.js';
export * from './format-violation.js';
export * from './compiled-variants.js';
export * from './answer-unit.js';
export * from './time-length.js';
export * from './decision-result.js';
