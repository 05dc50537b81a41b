import validateAgainstSchema from './generated/validate-compiled-policy.js';

/** Where a value breaks the compiled format, as the JSON Schema's validator found it. */
export interface FormatViolation {
    /** JSON Pointer to the offending value (`/elements/3/pathways/0/criterion`); empty for the file itself. */
    path: string;
    /** The schema keyword that failed (`required`, `additionalProperties`, `type`, `pattern`, `oneOf`, …). */
    keyword: string;
    /** The keyword's parameters (`missingProperty`, `additionalProperty`, `type`, …). */
    params: Record<string, unknown>;
}

type SchemaError = NonNullable<typeof validateAgainstSchema.errors>[number];
const validator = validateAgainstSchema;

/**
 * Checks a value against the shipped JSON Schema (the schema's own code, generated at build), and
 * returns where it first breaks it, or undefined. Of the errors the schema's alternatives collect,
 * the one deepest in the value is named: the alternative that came closest (an element of the right
 * kind with a wrong criterion, rather than every other kind it is not). When several alternatives
 * fail at the same depth in different ways, no one of them is the cause: the value fits none of the
 * forms (`oneOf`).
 */
export function formatViolation(value: unknown): FormatViolation | undefined {
    if (validator(value)) {
        return undefined;
    }
    const errors = validator.errors ?? [];
    let deepest: SchemaError[] = [];
    for (const error of errors) {
        const difference = deepest.length === 0 ? 1 : depth(error.instancePath) - depth(deepest[0].instancePath);
        if (difference > 0) {
            deepest = [error];
        } else if (difference === 0 && error.keyword !== 'oneOf' && error.keyword !== 'anyOf') {
            deepest.push(error);
        }
    }
    const [first] = deepest;
    if (!first) {
        return { path: '', keyword: 'unknown', params: {} };
    }
    // Alternatives that fail alike (every kind of element wants a text id) name one cause.
    const alike = (error: SchemaError) => error.instancePath === first.instancePath && error.keyword === first.keyword && JSON.stringify(error.params) === JSON.stringify(first.params);
    if (!deepest.every(alike) && errors.some(e => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
        return { path: first.instancePath, keyword: 'oneOf', params: {} };
    }
    return { path: first.instancePath, keyword: first.keyword, params: { ...first.params } };
}

function depth(pointer: string): number {
    let count = 0;
    for (const character of pointer) {
        if (character === '/') {
            count++;
        }
    }
    return count;
}
