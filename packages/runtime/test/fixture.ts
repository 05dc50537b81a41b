import type { CompiledPolicyFile, SourceSpan } from '@regelratt/format';

const at: SourceSpan = { file: 'fixture.regel', line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * A small compiled policy written by hand, so the runtime is tested on the format alone,
 * independently of the compiler. Figures from the Örebro seed where it gives them.
 */
export const fixture: CompiledPolicyFile = {
    schemaVersion: '1.1.0',
    source: 'fixture.regel',
    elements: [
        { id: 'service/hemvård', kind: 'service', name: 'hemvård', source: at, legalBasis: [] },
        { id: 'unit/karla', kind: 'unit', name: 'karla', source: at },
        { id: 'attribute/förmåga', kind: 'attribute', name: 'förmåga', source: at, domain: { type: 'enumeration', values: [{ name: 'hög' }, { name: 'utvecklingsbar' }, { name: 'nedsatt' }] } },
        { id: 'attribute/ålder', kind: 'attribute', name: 'ålder', source: at, domain: { type: 'integer', min: '0', max: '120', unit: 'år' } },
        { id: 'attribute/svikt', kind: 'attribute', name: 'svikt', source: at, domain: { type: 'boolean' } },
        { id: 'attribute/inkomst', kind: 'attribute', name: 'inkomst', source: at, domain: { type: 'money', per: 'month' } },
        { id: 'attribute/vikt', kind: 'attribute', name: 'vikt', source: at, domain: { type: 'decimal', min: '0', max: '300', unit: 'kg' } },
        { id: 'attribute/beslut', kind: 'attribute', name: 'beslut', source: at, domain: { type: 'date' } },
        {
            id: 'parameter/pbb', kind: 'parameter', name: 'pbb', source: at, valueType: 'money', versions: [
                { from: '2021-01-01', to: '2021-12-31', value: { value: '47600', unit: 'kr' }, source: at },
                { from: '2022-01-01', value: { value: '48300', unit: 'kr' }, source: at },
            ],
        },
        {
            id: 'pathwayModel/m', kind: 'pathwayModel', name: 'm', source: at, services: [], pathways: [
                { id: 'pathway/f1', name: 'f1', criterion: { attribute: 'attribute/förmåga', op: '=', value: { enumeration: 'hög' } }, secondary: ['pathway/f2'], source: at },
                { id: 'pathway/f2', name: 'f2', criterion: { any: [{ attribute: 'attribute/förmåga', op: '=', value: { enumeration: 'utvecklingsbar' } }, { attribute: 'attribute/ålder', op: '<', value: { number: '18' } }] }, secondary: [], source: at },
                { id: 'pathway/f3', name: 'f3', criterion: { all: [{ attribute: 'attribute/förmåga', op: '=', value: { enumeration: 'nedsatt' } }, { attribute: 'attribute/ålder', op: '>=', value: { number: '18' } }] }, secondary: [], source: at },
            ],
        },
        {
            id: 'pathwayModel/krock', kind: 'pathwayModel', name: 'krock', source: at, services: [], pathways: [
                { id: 'pathway/k1', name: 'k1', criterion: { attribute: 'attribute/svikt', test: true }, secondary: [], source: at },
                { id: 'pathway/k2', name: 'k2', criterion: { attribute: 'attribute/ålder', op: '>', value: { number: '65' } }, secondary: [], source: at },
            ],
        },
        {
            id: 'pilot/p', kind: 'pilot', name: 'p', source: at, period: { from: '2021-03-01', to: '2021-12-31' },
            services: ['service/hemvård'], units: ['unit/karla'],
            inclusion: { all: [{ attribute: 'attribute/ålder', op: '>', value: { number: '65', unit: 'år' } }, { not: { attribute: 'attribute/svikt', test: true } }] },
            exclusions: [{ attribute: 'attribute/vikt', between: { min: '0', max: '40.5' } }], goals: [],
        },
        {
            id: 'levelTable/t', kind: 'levelTable', name: 't', source: at, validity: { from: '2020-11-01' },
            rounding: { unit: 'krona', mode: 'half-away-from-zero' },
            rows: [
                { level: 0, amount: { value: '0', unit: 'kr' }, source: at },
                { level: 1, amount: { open: true }, source: at },
                { level: 5, amount: { value: '2910', unit: 'kr' }, source: at },
                { level: 11, amount: { value: '11058', unit: 'kr' }, source: at },
            ],
        },
        { id: 'hourlyRate/at', kind: 'hourlyRate', name: 'at', source: at, amount: { value: '337.5', unit: 'kr', per: 'hour' } },
        // Rates in force on some dates only, one with its amount left open: what a case gets depends on its date.
        { id: 'flatRate/schablon', kind: 'flatRate', name: 'schablon', source: at, validity: { from: '2021-01-01', to: '2021-12-31' }, amount: { value: '1200', unit: 'kr', per: 'month' } },
        { id: 'placeRate/plats', kind: 'placeRate', name: 'plats', source: at, validity: { from: '2022-01-01' }, amount: { open: true } },
        {
            id: 'fee/a', kind: 'fee', name: 'a', source: at, validity: { from: '2021-01-01' },
            room: { op: '-', left: { ref: 'attribute/inkomst' }, right: { op: '/', left: { op: '*', left: { quantity: { value: '1.3546', unit: 'none' } }, right: { ref: 'parameter/pbb' } }, right: { quantity: { value: '12', unit: 'none' } } } },
            share: { value: '50', unit: '%' },
            ceiling: { op: '/', left: { op: '*', left: { quantity: { value: '0.5392', unit: 'none' } }, right: { ref: 'parameter/pbb' } }, right: { quantity: { value: '12', unit: 'none' } } },
            rounding: { unit: 'krona', mode: 'half-away-from-zero' },
            caps: [
                { level: 1, amount: { value: '500', unit: 'kr' }, source: at },
                { level: 2, amount: { value: '3000', unit: 'kr' }, source: at },
            ],
        },
    ],
};
