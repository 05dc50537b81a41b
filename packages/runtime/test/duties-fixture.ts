import type { CompiledPolicyFile, SourceSpan } from '@regelratt/format';

const at: SourceSpan = { file: 'duties.regel', line: 1, column: 1, endLine: 1, endColumn: 1 };

/** A riktlinje with each kind of term, one obligation under a condition with an exception, one in hours. */
export const file: CompiledPolicyFile = {
    schemaVersion: '1.10.0',
    source: 'duties.regel',
    elements: [
        { id: 'service/hemtjänst', kind: 'service', name: 'hemtjänst', source: at, legalBasis: [] },
        { id: 'attribute/första', kind: 'attribute', name: 'första', source: at, domain: { type: 'boolean' } },
        { id: 'attribute/kognitiv', kind: 'attribute', name: 'kognitiv', source: at, domain: { type: 'boolean' } },
        {
            id: 'guideline/h', kind: 'guideline', name: 'h', title: 'Handläggning', source: at, obligations: [
                { id: 'obligation/besluta', name: 'besluta', force: 'shall', text: 'Ansökan beslutas.', governs: ['service/hemtjänst'], deadline: { amount: 4, unit: 'week', event: 'application' }, source: at },
                { id: 'obligation/vänta', name: 'vänta', force: 'should', text: 'Verkställ inte genast.', governs: [], deadline: { amount: 3, unit: 'day', event: 'decision', earliest: true }, source: at },
                { id: 'obligation/begränsa', name: 'begränsa', force: 'shall', text: 'Beslutet tidsbegränsas.', governs: ['service/hemtjänst'], decisionLimit: { amount: 1, unit: 'month' }, source: at },
                { id: 'obligation/följa', name: 'följa', force: 'shall', usually: true, text: 'Beslutet följs upp.', governs: [], followUp: { every: 1, unit: 'year' }, source: at },
                {
                    id: 'obligation/erbjuda', name: 'erbjuda', force: 'shall', usually: true, text: 'Rehabilitering erbjuds.', governs: [],
                    deadline: { amount: 2, unit: 'week', event: 'application' },
                    condition: { attribute: 'attribute/första', test: true },
                    exceptions: [{ condition: { attribute: 'attribute/kognitiv', test: true }, text: 'Inte vid kognitiv svikt.' }], source: at,
                },
                { id: 'obligation/ringa', name: 'ringa', force: 'shall', text: 'Den enskilde kontaktas.', governs: [], deadline: { amount: 48, unit: 'hour', event: 'application' }, source: at },
                { id: 'obligation/gammal', name: 'gammal', force: 'shall', text: 'Upphävd.', governs: [], deadline: { amount: 1, unit: 'week', event: 'application' }, validity: { from: '2020-01-01', to: '2020-12-31' }, source: at },
            ],
        },
    ],
};
