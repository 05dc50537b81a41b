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

describe('a tampered compiled file cannot run code', () => {
    test('a yes/no literal carrying code is read as a value, never as code', () => {
        globalThis.__regelrattPwned = undefined;
        const runtime = new PolicyRuntime([tampered({ boolean: 'true) || (globalThis.__regelrattPwned = true' })]);
        evaluateCase(runtime, { citizen: { a: false } });
        runtime.placeInPathway('m', { a: false });
        expect(globalThis.__regelrattPwned).toBeUndefined();
    });

    test('an enumeration literal carrying code stays a string', () => {
        globalThis.__regelrattPwned = undefined;
        const runtime = new PolicyRuntime([tampered({ enumeration: '"; globalThis.__regelrattPwned = true; "' })]);
        try {
            evaluateCase(runtime, { citizen: { a: false } });
        } catch {
            // A typed error is fine; running the code is not.
        }
        expect(globalThis.__regelrattPwned).toBeUndefined();
    });

    test('an unknown comparison is a typed error, not code', () => {
        const runtime = new PolicyRuntime([tampered({ boolean: true }, 'constructor')]);
        let error: unknown;
        try {
            evaluateCase(runtime, { citizen: { a: true } });
        } catch (caught) {
            error = caught;
        }
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
