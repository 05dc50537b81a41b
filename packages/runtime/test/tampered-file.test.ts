import { describe, expect, test } from 'vitest';
import type { CompiledPolicyFile, SourceSpan } from '@regelratt/format';
import { evaluateCase, PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';

const at: SourceSpan = { file: 'x.regel', line: 1, column: 1, endLine: 1, endColumn: 1 };

/** A compiled file edited by hand to smuggle code into the criteria the runtime generates. */
function tampered(literal: unknown, op: string = '='): CompiledPolicyFile {
    return {
        schemaVersion: '1.2.0',
        source: 'x.regel',
        elements: [
            { id: 'attribute/a', kind: 'attribute', name: 'a', source: at, domain: { type: 'boolean' } },
            {
                id: 'pathwayModel/m', kind: 'pathwayModel', name: 'm', source: at, services: [], pathways: [
                    { id: 'pathway/p', name: 'p', criterion: { attribute: 'attribute/a', op, value: literal } as never, secondary: [], source: at },
                ],
            },
        ],
    };
}

declare global {
    // eslint-disable-next-line no-var
    var __regelrattPwned: boolean | undefined;
}

/** The error a call throws, or undefined. */
function thrown(call: () => unknown): unknown {
    try {
        call();
    } catch (error) {
        return error;
    }
    return undefined;
}

const smuggled = [
    ['a yes/no literal carrying code', tampered({ boolean: 'true) || (globalThis.__regelrattPwned = true' })],
    ['an enumeration literal carrying code', tampered({ enumeration: '"; globalThis.__regelrattPwned = true; "' })],
    ['an unknown comparison', tampered({ boolean: true }, 'constructor')],
] as const;

describe('a tampered compiled file is refused at load', () => {
    test.each(smuggled)('%s: invalid-file, naming where, before anything is prepared', (_label, file) => {
        globalThis.__regelrattPwned = undefined;
        const error = thrown(() => new PolicyRuntime([file]));
        expect(error).toBeInstanceOf(RegelrattRuntimeError);
        expect((error as RegelrattRuntimeError).code).toBe('invalid-file');
        // The deepest place the file breaks the schema: the literal's field or the comparison.
        expect((error as RegelrattRuntimeError).details.path).toMatch(/^\/elements\/1\/pathways\/0\/criterion\/(value\/boolean|value\/enumeration|op)$/);
        expect((error as RegelrattRuntimeError).message).toMatch(/^x\.regel: filen följer inte det kompilerade formatet vid \/elements\/1\/pathways\/0\/criterion\/[a-z/]+: .+\. Kompilera om källan med regelratt compile\.$/);
        expect(globalThis.__regelrattPwned).toBeUndefined();
    });

    test('a field the format does not have, a missing one and a wrong type are each named', () => {
        const extra = tampered({ boolean: true });
        (extra.elements[0] as unknown as Record<string, unknown>).kod = 'x';
        const missing = tampered({ boolean: true });
        delete (missing as unknown as Record<string, unknown>).source;
        const wrong = tampered({ boolean: true });
        (wrong as unknown as Record<string, unknown>).elements = {};
        const details = (file: CompiledPolicyFile) => (thrown(() => new PolicyRuntime([file])) as RegelrattRuntimeError).details;
        expect(details(extra)).toMatchObject({ path: '/elements/0', keyword: 'oneOf' });
        expect(details(missing)).toMatchObject({ path: '', keyword: 'required', params: { missingProperty: 'source' } });
        expect(details(wrong)).toMatchObject({ path: '/elements', keyword: 'type', params: { type: 'array' } });
        expect((thrown(() => new PolicyRuntime([missing])) as Error).message).toContain("fältet 'source' saknas");
    });

    test('a file of a newer minor version is refused, not half read; an older one is read', () => {
        const newer = { ...tampered({ boolean: true }), schemaVersion: '1.99.0' };
        const error = thrown(() => new PolicyRuntime([newer])) as RegelrattRuntimeError;
        expect(error.code).toBe('unsupported-schema');
        expect(error.message).toContain('schemaVersion 1.99.0 stöds inte');
        expect(() => new PolicyRuntime([{ ...tampered({ boolean: true }), schemaVersion: '1.0.0' }])).not.toThrow();
    });
});

describe('with the schema check turned off (files this process compiled), data still never runs as code', () => {
    test('a yes/no literal carrying code is read as a value, never as code', () => {
        globalThis.__regelrattPwned = undefined;
        const runtime = new PolicyRuntime([smuggled[0][1]], { validate: false });
        evaluateCase(runtime, { citizen: { a: false } });
        runtime.placeInPathway('m', { a: false });
        expect(globalThis.__regelrattPwned).toBeUndefined();
    });

    test('an enumeration literal carrying code stays a string', () => {
        globalThis.__regelrattPwned = undefined;
        const runtime = new PolicyRuntime([smuggled[1][1]], { validate: false });
        thrown(() => evaluateCase(runtime, { citizen: { a: false } })); // a typed error is fine; running the code is not
        expect(globalThis.__regelrattPwned).toBeUndefined();
    });

    test('an unknown comparison is a typed error, not code', () => {
        const runtime = new PolicyRuntime([smuggled[2][1]], { validate: false });
        const error = thrown(() => evaluateCase(runtime, { citizen: { a: true } }));
        expect(error).toBeInstanceOf(RegelrattRuntimeError);
        expect((error as RegelrattRuntimeError).code).toBe('unsupported-schema');
    });
});

describe('attribute names JavaScript knows', () => {
    test('an attribute called constructor is read from the case only, never from Object', () => {
        const file = tampered({ boolean: true });
        const attribute = file.elements[0] as { name: string; id: string };
        attribute.name = 'constructor';
        const runtime = new PolicyRuntime([file]);
        let error: unknown;
        try {
            runtime.placeInPathway('m', {});
        } catch (caught) {
            error = caught;
        }
        expect((error as RegelrattRuntimeError).code).toBe('missing-attribute');
        expect(runtime.placeInPathway('m', { constructor: true }).pathway).toBe('pathway/p');
    });
});
