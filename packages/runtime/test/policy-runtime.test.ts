import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { PolicyRuntime, RegelrattRuntimeError, evaluateCase } from '@regelratt/runtime';
import { fixture } from './fixture.js';

const runtime = new PolicyRuntime([fixture]);

function errorOf(action: () => unknown): RegelrattRuntimeError {
    try {
        action();
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return error;
        }
        throw error;
    }
    throw new Error('expected a RegelrattRuntimeError');
}

describe('placement in a förlopp', () => {
    test.each([
        [{ förmåga: 'hög', ålder: 40 }, 'pathway/f1', null],
        [{ förmåga: 'utvecklingsbar', ålder: 40 }, 'pathway/f2', null],
        [{ förmåga: 'nedsatt', ålder: 40 }, 'pathway/f3', null],
        // Under 18 and hög: f1 and f2 both hold, and f1 allows f2 as secondary.
        [{ förmåga: 'hög', ålder: 12 }, 'pathway/f1', 'pathway/f2'],
        // Under 18 and nedsatt: only f2 holds.
        [{ förmåga: 'nedsatt', ålder: 12 }, 'pathway/f2', null],
    ])('%o is placed in %s (secondary %s)', (citizen, pathway, secondary) => {
        expect(runtime.placeInPathway('m', citizen)).toEqual({ model: 'pathwayModel/m', pathway, secondary });
    });

    test('with an explanation of every förlopp and the values that decided it', () => {
        const placement = runtime.placeInPathway('pathwayModel/m', { förmåga: 'utvecklingsbar', ålder: 30 }, { explain: true });
        expect(placement.explanation).toEqual([
            { pathway: 'pathway/f1', met: false, criterion: { condition: 'förmåga = hög', met: false, value: 'utvecklingsbar' } },
            {
                pathway: 'pathway/f2', met: true, criterion: {
                    condition: 'något av', met: true, parts: [
                        { condition: 'förmåga = utvecklingsbar', met: true, value: 'utvecklingsbar' },
                        // Not needed once the first alternative holds, so not evaluated, as in the answer.
                        { condition: 'ålder < 18', met: false, evaluated: false },
                    ],
                },
            },
            {
                pathway: 'pathway/f3', met: false, criterion: {
                    condition: 'alla av', met: false, parts: [
                        { condition: 'förmåga = nedsatt', met: false, value: 'utvecklingsbar' },
                        { condition: 'ålder ≥ 18', met: false, evaluated: false },
                    ],
                },
            },
        ]);
    });

    test('two förlopp that hold without being allowed together is an error, not a silent choice', () => {
        const error = errorOf(() => runtime.placeInPathway('krock', { svikt: true, ålder: 70 }));
        expect(error.code).toBe('not-computable');
        expect(error.details).toEqual({ model: 'pathwayModel/krock', pathways: ['pathway/k1', 'pathway/k2'] });
    });

    test('nobody is placed when no criterion holds', () => {
        expect(runtime.placeInPathway('krock', { svikt: false, ålder: 30 }).pathway).toBeNull();
    });
});

describe('inclusion in a pilot', () => {
    test('every requirement is reported, met or failed', () => {
        const inclusion = runtime.checkInclusion('p', { ålder: 70, svikt: 'nej', vikt: '72,5' }, { date: '2021-06-01', unit: 'karla', service: 'hemvård' }, { explain: true });
        expect(inclusion.included).toBe(true);
        expect(inclusion.requirements.map(r => [r.requirement, r.met])).toEqual([
            ['inkludera', true], ['exkludera 1', true], ['period 2021-03-01–2021-12-31', true], ['enhet karla', true], ['insats hemvård', true],
        ]);
    });

    test.each([
        ['too young', { ålder: 65, svikt: false, vikt: 70 }, { date: '2021-06-01' }],
        ['cognitive impairment', { ålder: 80, svikt: true, vikt: 70 }, { date: '2021-06-01' }],
        ['excluded by weight, at the inclusive bound', { ålder: 80, svikt: false, vikt: '40,5' }, { date: '2021-06-01' }],
        ['before the period', { ålder: 80, svikt: false, vikt: 70 }, { date: '2021-02-28' }],
        ['another unit', { ålder: 80, svikt: false, vikt: 70 }, { date: '2021-06-01', unit: 'vivalla' }],
    ])('not included: %s', (_label, citizen, context) => {
        expect(runtime.checkInclusion('p', citizen, context).included).toBe(false);
    });
});

describe('money', () => {
    test('compensation per level, exact', () => {
        expect(runtime.compensation('t', 11).amount).toBe('11058');
    });

    test.each([
        // Rows 5, 7 and 11 of the seed's therapist table (before, after, hours → per month, six months).
        [5, 0, '2.95', '1914', '11486'],
        [11, 0, '0.3', '10957', '65741'],
        [null, 0, '3', '-1013', '-6075'],
    ])('net effect from level %s to %s with %s h', (before, after, hours, monthly, total) => {
        const effect = runtime.netEffect({ table: 't', before, after, hours, rate: 'at', months: 6 });
        expect([effect.monthly, effect.total]).toEqual([monthly, total]);
    });

    test('the net effect explains each figure, unrounded', () => {
        const effect = runtime.netEffect({ table: 't', before: 5, after: 0, hours: '2,95', rate: 'at', months: 6 });
        expect(effect.trace.map(t => t.value)).toEqual(['2910', '0', '995.625', '1914.375', '11486.25']);
    });

    test('a fee: half the avgiftsutrymme, under the level cap and the maxtaxa, with the parameter of the day', () => {
        // 2021: room = 20 000 − 1,3546 × 47 600 / 12 = 14 626,76…; half is 7 313,38…; cap 3 000; maxtaxa 2 138,83 → 2 139.
        expect(runtime.fee('a', 2, { inkomst: 20000 }, '2021-06-01').amount).toBe('2139');
        // 2022: the maxtaxa follows the new prisbasbelopp: 0,5392 × 48 300 / 12 = 2 170,28 → 2 170.
        expect(runtime.fee('a', 2, { inkomst: 20000 }, '2022-06-01').amount).toBe('2170');
        // The level cap binds.
        expect(runtime.fee('a', 1, { inkomst: '20 000 kr' }, '2021-06-01').amount).toBe('500');
        // A low income: half of 6 000 − 5 373,43… = 313,28… → 313.
        expect(runtime.fee('a', 2, { inkomst: 6000 }, '2021-06-01').amount).toBe('313');
        // No avgiftsutrymme, no fee.
        expect(runtime.fee('a', 2, { inkomst: 1000 }, '2021-06-01').amount).toBe('0');
    });
});

describe('bad input is a typed error that names the problem', () => {
    test.each([
        ['a missing attribute', () => runtime.placeInPathway('m', { förmåga: 'hög' }), 'missing-attribute', { attribute: 'ålder' }],
        ['an enumeration value that does not exist', () => runtime.placeInPathway('m', { förmåga: 'låg', ålder: 3 }), 'value-outside-domain', { attribute: 'förmåga', value: 'låg' }],
        ['a number outside the domain', () => runtime.placeInPathway('m', { förmåga: 'nedsatt', ålder: 130 }), 'value-outside-domain', { attribute: 'ålder', value: 130 }],
        ['a number that is not whole', () => runtime.placeInPathway('m', { förmåga: 'nedsatt', ålder: 30.5 }), 'wrong-value-type', { attribute: 'ålder' }],
        // An amount is never below zero: the analyses reason over that domain, so the runtime keeps to it.
        ['an amount below zero', () => runtime.fee('a', 2, { inkomst: -1 }, '2021-06-01'), 'value-outside-domain', { attribute: 'inkomst', value: -1 }],
        ['text where a number belongs', () => runtime.checkInclusion('p', { ålder: 'gammal', svikt: false, vikt: 1 }, { date: '2021-06-01' }), 'wrong-value-type', { attribute: 'ålder' }],
        ['yes/no given as a number', () => runtime.checkInclusion('p', { ålder: 70, svikt: 1, vikt: 1 }, { date: '2021-06-01' }), 'wrong-value-type', { attribute: 'svikt' }],
        // A pilot runs for a period: without the case's date its inclusion is not answered (as it was, `included: true`).
        ['a pilot with a period asked without a date', () => runtime.checkInclusion('p', { ålder: 80, svikt: false, vikt: 70 }), 'missing-date', { pilot: 'pilot/p' }],
        ['a level the table does not have', () => runtime.compensation('t', 7), 'unknown-level', { level: 7 }],
        ['a level whose amount is open', () => runtime.compensation('t', 1), 'open-amount', { level: 1 }],
        ['a date before the table', () => runtime.compensation('t', 5, '2020-01-01'), 'no-valid-version', { date: '2020-01-01' }],
        ['a date without a parameter version', () => runtime.fee('a', 1, { inkomst: 1 }, '2020-06-01'), 'no-valid-version', {}],
        ['an element that does not exist', () => runtime.compensation('finns_inte', 1), 'unknown-element', { reference: 'finns_inte' }],
        ['an element of another kind', () => runtime.compensation('m', 1), 'unknown-element', { kind: 'levelTable' }],
    ])('%s', (_label, action, code, details) => {
        const error = errorOf(action);
        expect(error.code).toBe(code);
        expect(error.details).toMatchObject(details);
        expect(error.message.length).toBeGreaterThan(10);
    });

    test('a file of another major schema version is refused when loaded', () => {
        const error = errorOf(() => new PolicyRuntime([{ ...fixture, schemaVersion: '2.0.0' }]));
        expect(error.code).toBe('unsupported-schema');
    });

    test('a case answer carries a typed error in place of the answer it cannot give, and the rest', () => {
        const answer = evaluateCase(runtime, { citizen: { förmåga: 'hög', ålder: 40 }, level: 5 });
        expect(answer.placements[0]).toEqual({ model: 'pathwayModel/m', pathway: 'pathway/f1', secondary: null });
        expect(answer.placements[1]).toMatchObject({ model: 'pathwayModel/krock', error: { code: 'missing-attribute', details: { attribute: 'svikt' } } });
        expect(answer.compensation).toEqual([{ table: 'levelTable/t', amount: '2910' }]);
    });
});

describe('the runtime depends on the compiled format only', () => {
    const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

    test('its only dependency is @regelratt/format', () => {
        const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
        expect(Object.keys(manifest.dependencies)).toEqual(['@regelratt/format']);
    });

    test('its sources import neither Langium nor Node, so it bundles for a browser', () => {
        for (const file of readdirSync(path.join(packageRoot, 'src'))) {
            const text = readFileSync(path.join(packageRoot, 'src', file), 'utf8');
            const imports = [...text.matchAll(/from '([^']+)'/g)].map(m => m[1]);
            expect(imports.filter(i => !i.startsWith('./') && i !== '@regelratt/format'), file).toEqual([]);
        }
    });
});
