/**
 * The checker's findings of an example run through the runtime (example-result-checks.ts in the
 * language package). The document shows each failing example itself, by its heading and with the
 * runtime's answer, and the diff shows what the revision changes for citizens; neither repeats these
 * findings, which name the example by its identifier.
 */
export const EXAMPLE_RUN_CODES: ReadonlySet<string> = new Set(['example-failed', 'example-error']);
