import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { EmptyFileSystem } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { formatViolation } from '@regelratt/format';

/**
 * formatViolation runs code generated from the shipped schema at build. It must agree with the
 * schema itself, read by Ajv at test time, on every file: the compiled examples, and thousands of
 * mutations of them (a field removed, added or retyped, a string changed) that land on both sides.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const schema = JSON.parse(readFileSync(path.join(repository, 'packages/format/schema/compiled-policy.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: false, strict: true });
const validate = ajv.compile(schema);

const compiled: unknown[] = [];
beforeAll(async () => {
    const { Regelratt } = createRegelrattServices(EmptyFileSystem);
    for (const example of readdirSync(path.join(repository, 'examples'), { withFileTypes: true }).filter(e => e.isDirectory() && e.name !== 'broken')) {
        const folder = path.join(repository, 'examples', example.name);
        const sources = readdirSync(folder).filter(f => f.endsWith('.regel')).map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') }));
        for (const checked of await checkPolicies(Regelratt, sources)) {
            if (!checked.diagnostics.some(d => d.severity === 'error')) {
                compiled.push(JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, path.basename(checked.path)))));
            }
        }
    }
}, 120_000);

let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** Every object and array inside a value, with the value itself. */
function containers(value: unknown, found: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
    if (value && typeof value === 'object') {
        found.push(value as Record<string, unknown>);
        for (const child of Object.values(value)) {
            containers(child, found);
        }
    }
    return found;
}

const replacements: unknown[] = [null, 0, -1, 1.5, '', 'x', '1.50', '2021-13-01', true, [], {}, { boolean: true }, '__proto__'];

function mutate(file: unknown): unknown {
    const copy = structuredClone(file);
    const target = pick(containers(copy));
    const keys = Object.keys(target);
    switch (Math.floor(random() * 3)) {
        case 0:
            if (keys.length > 0) {
                const key = pick(keys);
                if (Array.isArray(target)) {
                    target.splice(Number(key), 1);
                } else {
                    delete target[key];
                }
            }
            break;
        case 1:
            if (!Array.isArray(target)) {
                target[pick(['extra', 'kind', 'id', 'value', 'source'])] = pick(replacements);
            }
            break;
        default:
            if (keys.length > 0) {
                (target as Record<string, unknown>)[pick(keys)] = pick(replacements);
            }
    }
    return copy;
}

describe('formatViolation, generated from the schema', () => {
    test('accepts every compiled example, as the schema does', () => {
        expect(compiled.length).toBeGreaterThan(10);
        for (const file of compiled) {
            expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
            expect(formatViolation(file)).toBeUndefined();
        }
    });

    test('agrees with the schema on 3 000 mutated files, with both answers well represented', () => {
        let refused = 0;
        for (let index = 0; index < 3000; index++) {
            const file = mutate(pick(compiled));
            const schemaSays = validate(file);
            const violation = formatViolation(file);
            expect(violation === undefined, JSON.stringify({ violation, errors: validate.errors })).toBe(schemaSays);
            if (violation) {
                refused++;
                expect(violation.path === '' || violation.path.startsWith('/')).toBe(true);
                expect(violation.keyword).not.toBe('unknown');
            }
        }
        expect(refused).toBeGreaterThan(1000);
        expect(refused).toBeLessThan(3000);
    });
});
