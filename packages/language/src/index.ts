export { createRegelrattServices, RegelrattModule, type RegelrattServices, type RegelrattAddedServices } from './regelratt-module.js';
export { LocaleSetting, isMessageLocale, type MessageLocale } from './i18n/locale.js';
export { diagnosticCatalogue, renderMessage, isDiagnosticCode, type DiagnosticCode, type MessageArgs, type Severity } from './i18n/diagnostic-catalogue.js';
export { canonicalDecimal, compareDecimals, swedishDecimal } from './numbers/decimal-text.js';
export * as ast from './generated/ast.js';
export { checkPolicies, hasErrors, type PolicySource, type PolicyDiagnostic, type CheckedPolicy } from './workspace/check-policies.js';
export { compilePolicy } from './compiler/compile-policy.js';
export { serializeCompiledPolicy } from './compiler/serialize.js';
