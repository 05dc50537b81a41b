import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { exampleQuestion, MOST_CHANGES, nearestAnswerChanges, reasonFor, type AnswerChange, type FactChange } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime, type CitizenInput } from '@regelratt/runtime';
import { ExactNumber, type Criterion } from '@regelratt/format';

/**
 * The nearest change of the citizen's facts that gives another answer, for placements, pilot
 * inclusions and decision tables: the sentences reviewed by hand, and every claim of every inline
 * example of every example set checked by asking the runtime with the changed citizen.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true }).filter(e => e.isDirectory() && e.name !== 'broken').map(e => e.name).sort();

async function runtimeOf(set: string): Promise<PolicyRuntime> {
    const folder = path.join(repository, 'examples', set);
    const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
    const { Regelratt } = createRegelrattServices(NodeFileSystem);
    const checked = await checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
    return new PolicyRuntime(checked.map(c => compilePolicy(c.document.parseResult.value, path.basename(c.path))));
}

async function runtimeOfText(text: string): Promise<PolicyRuntime> {
    const { Regelratt } = createRegelrattServices(EmptyFileSystem);
    const [checked] = await checkPolicies(Regelratt, [{ path: '/nearest/policy.regel', text }]);
    expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    return new PolicyRuntime([compilePolicy(checked.document.parseResult.value, 'policy.regel')]);
}

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** The question a rule answers, as the test's own oracle: the runtime's answer as a key, or undefined where it refuses. */
function oracle(runtime: PolicyRuntime, question: ReturnType<typeof exampleQuestion>): { criteria: Criterion[]; ask: (citizen: CitizenInput) => string | undefined } | undefined {
    const guard = (ask: (citizen: CitizenInput) => string) => (citizen: CitizenInput) => {
        try {
            return ask(citizen);
        } catch {
            return undefined;
        }
    };
    switch (question.type) {
        case 'placement': {
            const model = runtime.policy.get(question.model, 'pathwayModel');
            return { criteria: model.pathways.flatMap(p => (p.criterion ? [p.criterion] : [])), ask: guard(c => runtime.placeInPathway(model.id, c).pathway ?? '') };
        }
        case 'inclusion': {
            const pilot = runtime.policy.get(question.pilot, 'pilot');
            const context = question.date ? { date: question.date } : {};
            return { criteria: [...(pilot.inclusion ? [pilot.inclusion] : []), ...pilot.exclusions], ask: guard(c => String(runtime.checkInclusion(pilot.id, c, context).included)) };
        }
        case 'decision': {
            const table = runtime.policy.get(question.table, 'decisionTable');
            const columns = question.column ? [question.column] : table.outputs;
            const level = question.level;
            return {
                criteria: table.rows.flatMap(row => row.when.filter((c): c is Criterion => c !== null)),
                ask: guard(c => {
                    const outputs = runtime.decide(table.id, { date: question.date, citizen: c, ...(level !== undefined ? { level } : {}) }).outputs;
                    return JSON.stringify(Object.fromEntries(columns.map(column => [column, outputs[column] ?? null])));
                }),
            };
        }
        case 'eligibility': {
            const rule = runtime.policy.get(question.service, 'service').eligibility!;
            return {
                criteria: [rule.inclusion, ...rule.exclusions.flatMap(exclusion => [exclusion.criterion, ...exclusion.exceptions])],
                ask: guard(c => String(runtime.checkEligibility(question.service, c).granted)),
            };
        }
        default:
            return undefined;
    }
}

/** The citizen with one change applied at a value: the key the citizen gave the attribute under, or its name. */
function changed(citizen: CitizenInput, change: FactChange, value: unknown): CitizenInput {
    const key = citizen[change.attribute.id] !== undefined ? change.attribute.id : change.attribute.name;
    return { ...citizen, [key]: value instanceof ExactNumber ? value.toDecimal() : value };
}

/**
 * The values a change's claim speaks for: a choice's value; a range's probe and each bound it says
 * (a closed bound itself, an open one a hundredth inside; a whole number's bounds are closed).
 */
function claimedValues(change: FactChange): unknown[] {
    if (change.kind === 'value') {
        return [change.value];
    }
    const hundredth = ExactNumber.parse('0.01');
    return [
        change.probe,
        ...(change.from ? [change.from.closed ? change.from.value : change.from.value.add(hundredth)] : []),
        ...(change.to ? [change.to.closed ? change.to.value : change.to.value.subtract(hundredth)] : []),
    ];
}

/** Checks every claim of the changes by the runtime; returns the number of claims checked. */
function checkClaims(citizen: CitizenInput, original: string, found: readonly AnswerChange[], ask: (citizen: CitizenInput) => string | undefined, where: string): number {
    let checked = 0;
    for (const { changes, answer } of found) {
        expect(answer, where).not.toBe(original);
        // Every value each change claims, with the others at their probes, gives the answer said.
        changes.forEach((change, index) => {
            const others = changes.reduce((c, other, k) => (k === index ? c : changed(c, other, other.kind === 'value' ? other.value : other.probe)), citizen);
            for (const value of claimedValues(change)) {
                expect(ask(changed(others, change, value)), `${where}: ${change.attribute.name} = ${String(value)}`).toBe(answer);
                checked++;
            }
        });
        // Nearest: for one fact changed, the value just short of the range (towards the citizen's own) does not give that answer.
        const [only] = changes;
        if (changes.length === 1 && only.kind === 'range') {
            const whole = only.attribute.domain.type === 'integer';
            const step = whole ? ExactNumber.ONE : ExactNumber.parse('0.01');
            const given = ExactNumber.parse(String(citizen[only.attribute.id] ?? citizen[only.attribute.name]).replace(',', '.'));
            const bound = only.from && only.from.value.compare(given) > 0 ? only.from : only.to;
            if (bound) {
                const up = bound === only.from;
                const outside = bound.closed ? (up ? bound.value.subtract(step) : bound.value.add(step)) : bound.value;
                expect(ask(changed(citizen, only, outside)), `${where}: just short of the range`).not.toBe(answer);
                checked++;
            }
        }
    }
    return checked;
}

describe('the nearest change said for placements, inclusions and decisions', () => {
    test('a pilot refused at 65 years: the age above 65 that includes the citizen, and nothing about the requirements that did not fail', async () => {
        const runtime = await runtimeOf('orebro');
        const reason = reasonFor(runtime, exampleQuestion(runtime.policy.get('dagrehab_65_år', 'example')), 'sv');
        expect(reason.nearestChange.map(plain)).toEqual(['Om ålder hade varit minst 66 år hade medborgaren ingått i piloten.']);
        expect(plain(reason.text).split('\n').at(-1)).toBe('Om ålder hade varit minst 66 år hade medborgaren ingått i piloten.');
        const english = reasonFor(runtime, exampleQuestion(runtime.policy.get('dagrehab_65_år', 'example')), 'en');
        expect(english.nearestChange.map(plain)).toEqual(['If ålder had been at least 66 år, the citizen would have been included in the pilot.']);
    });

    test('an included citizen: one change for the one other answer, the requirement read first', async () => {
        const runtime = await runtimeOf('orebro');
        const citizen = { ålder: 78, kan_ta_sig_till_vårdcentral: false, kognitiv_svikt: false, motiverad_till_träning: true };
        const reason = reasonFor(runtime, { type: 'inclusion', pilot: 'dagrehab_hemrehab', citizen, date: '2021-06-01' }, 'sv');
        expect(reason.nearestChange.map(plain)).toEqual(['Om ålder hade varit högst 65 år hade medborgaren inte ingått i piloten.']);
    });

    test('two requirements failed: the two facts changed together, since no one fact changes the answer', async () => {
        const runtime = await runtimeOf('orebro');
        const citizen = { ålder: 70, kan_ta_sig_till_vårdcentral: false, kognitiv_svikt: true, motiverad_till_träning: false };
        const reason = reasonFor(runtime, { type: 'inclusion', pilot: 'dagrehab_hemrehab', citizen, date: '2021-06-01' }, 'sv');
        expect(reason.nearestChange.map(plain)).toEqual(['Om kognitiv svikt hade varit nej och motiverad till träning hade varit ja hade medborgaren ingått i piloten.']);
        // By the runtime: each change alone leaves the citizen outside; both together include.
        const included = (c: CitizenInput) => runtime.checkInclusion('dagrehab_hemrehab', c, { date: '2021-06-01' }).included;
        expect([included({ ...citizen, kognitiv_svikt: false }), included({ ...citizen, motiverad_till_träning: true }), included({ ...citizen, kognitiv_svikt: false, motiverad_till_träning: true })]).toEqual([false, false, true]);
    });

    test('a day outside the pilot\'s period: no change of the citizen\'s facts is said', async () => {
        const runtime = await runtimeOf('orebro');
        expect(reasonFor(runtime, exampleQuestion(runtime.policy.get('dagrehab_före_testet', 'example')), 'sv').nearestChange).toEqual([]);
    });

    test('a förlopp: each other förlopp with the value of the choice that gives it, by title', async () => {
        const runtime = await runtimeOf('orebro-revision');
        const reason = reasonFor(runtime, exampleQuestion(runtime.policy.get('boende_medborgare_9', 'example')), 'sv');
        expect(reason.nearestChange.length).toBeGreaterThan(0);
        for (const sentence of reason.nearestChange.map(plain)) {
            expect(sentence).toMatch(/^Om aktivitetsförmåga hade varit [a-zåäö].* hade medborgaren placerats i Förlopp [13]\.$/);
        }
    });

    test('a level by visits a week: the nearest boundary each way, the range said whole', async () => {
        const runtime = await runtimeOfText(`
egenskap besök "Besök per vecka" : heltal 0–100 besök
egenskap ensam "Bor ensam" : ja/nej
beslutstabell vårdnivå "Nivå" {
    träff första
    | besök | ensam || grad |
    | 0–6   | -     || 1    |
    | 7–20  | -     || 2    |
    | >= 21 | ja    || 4    |
    | >= 21 | -     || 3    |
}
`);
        const reason = reasonFor(runtime, { type: 'decision', table: 'vårdnivå', citizen: { besök: 10, ensam: false }, date: '2024-01-01' }, 'sv');
        expect(reason.nearestChange.map(plain)).toEqual([
            'Om besök per vecka hade varit högst 6 besök hade nivå blivit 1.',
            'Om besök per vecka hade varit minst 21 besök hade nivå blivit 3.',
        ]);
    });
});

test('an insats refused for a decimal over its limit: the closed limit that grants it, and the yes/no that refuses it', async () => {
    const runtime = await runtimeOf('tranemo');
    const refused = reasonFor(runtime, exampleQuestion(runtime.policy.get('vårdar_två_timmar', 'example')), 'sv');
    // By the rule "vårdar_närstående och ensam_högst <= 1 timmar": 1 timme exactly is granted (the example vårdar_en_timme).
    expect(refused.nearestChange.map(plain)).toEqual(['Om hur länge den närstående kan lämnas ensam åt gången hade varit högst 1 timme hade insatsen kunnat beviljas.']);
    const granted = reasonFor(runtime, exampleQuestion(runtime.policy.get('vårdar_halvtimme', 'example')), 'en');
    expect(granted.nearestChange.map(plain)).toEqual(['If vårdar en närstående i hemmet had been no, the service could not have been granted.']);
});

describe('every claim is the runtime\'s answer', () => {
    test.each(sets)('examples/%s', async set => {
        const runtime = await runtimeOf(set);
        let claims = 0;
        for (const example of runtime.policy.all('example').filter(e => e.expected.error === undefined)) {
            const question = exampleQuestion(example);
            const rule = oracle(runtime, question);
            if (!rule || !('citizen' in question)) {
                continue;
            }
            // A rate question by the case may give no citizen; a rule of criteria reads one.
            const citizen = question.citizen ?? {};
            const original = rule.ask(citizen);
            if (original === undefined) {
                continue;
            }
            const found = nearestAnswerChanges(runtime, rule.criteria, citizen, rule.ask);
            expect(found.length).toBeLessThanOrEqual(MOST_CHANGES);
            claims += checkClaims(citizen, original, found, rule.ask, `${set} ${example.name}`);
            // The reason says as many changes as were found.
            expect(reasonFor(runtime, question, 'sv').nearestChange.length, example.name).toBe(found.length);
        }
        if (process.env.NEAREST_PRINT) {
            console.log(set, claims);
        }
    });
});
