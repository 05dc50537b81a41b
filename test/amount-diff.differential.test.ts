import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import type { CompiledPolicyFile, Expression, SourceSpan } from '@regelratt/format';
import { diffPolicies, type DiffEntry } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';
import { calculationAnswer } from './region-membership.js';

/**
 * The semantic diff over the amounts citizens are answered (calculations no formula reads, fees):
 * a revision of a fee policy reports the change in what the citizen pays, with citizens the runtime
 * answers as claimed; a refactoring is proven harmless (exit 0). The property test holds every claim
 * to the two versions' runtimes over random pairs of policies, one mutated or rewritten equivalently.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-amount-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function habo(name: string, edit: (text: string) => string): string {
    const folder = path.join(scratch, name);
    cpSync(path.join(repository, 'examples/habo'), folder, { recursive: true });
    const file = path.join(folder, 'hemtjänst.regel');
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    writeFileSync(file, after);
    return folder;
}

function diff(after: string, format = 'json') {
    const run = spawnSync(process.execPath, [bin, 'diff', path.join(repository, 'examples/habo'), after, '--format', format], { encoding: 'utf8', env: { ...process.env, REGELRATT_NO_CODE_CACHE: '1' } });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What `eval` answers for a calculation of a case. */
function evalAmount(folder: string, calculation: string, citizen: Record<string, unknown>, date: string): string | undefined {
    const input = path.join(scratch, `fall-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(input, JSON.stringify({ citizen, date }));
    const run = spawnSync(process.execPath, [bin, 'eval', folder, '--input', input], { encoding: 'utf8', env: { ...process.env, REGELRATT_NO_CODE_CACHE: '1' } });
    const answer = JSON.parse(run.stdout) as { amounts: Array<{ calculation: string; amount?: string }> };
    return answer.amounts.find(a => a.calculation === `calculation/${calculation}`)?.amount;
}

/** An amount as the diff writes it in Swedish (`−1 409,5`) as the runtime's decimal text. */
const decimal = (text: string) => (text.startsWith('fel') ? text : text.replace(/\s/g, '').replace('−', '-').replace(',', '.'));

/** `besök_per_vecka = 6, städning = ja, larm = saknas` back to a case's citizen. */
function citizenOf(words: string): Record<string, unknown> {
    return Object.fromEntries(words.split(', ').map(part => {
        const [name, value] = part.split(' = ');
        return [name, value === 'ja' ? true : value === 'nej' ? false : /^[\d−-]/.test(value) ? Number(decimal(value)) : value];
    }));
}

describe('regelratt diff over what citizens pay (Habo 2017)', () => {
    test('städavgift 503 → 520 kr: hemtjänstavgift changes by +17 kr for citizens with städning, each shown citizen answered so by eval', () => {
        // The städavgift only: Habo's ledsagning costs 503 kr/mån too.
        const after = habo('städ', text => text.replace('städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 503 kr/mån }', 'städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 520 kr/mån }'));
        const run = diff(after);
        expect(run.status).toBe(1);
        const report = JSON.parse(run.stdout) as { entries: DiffEntry[]; answersChange: boolean };
        const entry = report.entries.find(e => e.change === 'amount-answers' && e.element.name === 'hemtjänstavgift') as Extract<DiffEntry, { change: 'amount-answers' }>;
        expect(entry?.change).toBe('amount-answers');
        // Exact regions: every one of them is a region of citizens with städning.
        expect(entry.regions?.length).toBeGreaterThan(0);
        expect(entry.regions!.every(region => region.box.some(bound => bound.attribute === 'städning' && bound.value === true))).toBe(true);
        expect(entry.difference?.max).toBe('+17');
        expect(entry.samples.length).toBeGreaterThan(0);
        for (const sample of entry.samples.slice(0, 2)) {
            const citizen = citizenOf(sample.citizen);
            expect(evalAmount(path.join(repository, 'examples/habo'), 'hemtjänstavgift', citizen, sample.date)).toBe(sample.before.replace(/\s/g, ''));
            expect(evalAmount(after, 'hemtjänstavgift', citizen, sample.date)).toBe(sample.after.replace(/\s/g, ''));
        }
        const text = diff(after, 'text').stdout;
        // One kind of change (the service's price), told once before the regions.
        expect(text).toMatch(/Avgift per månad \(beräkning\): beloppet ändras i [\d ]+ regioner \(exakt: alla [\d ]+ delar av medborgarna, nivåerna och datumen prövade\), med \+\d+ kr\/mån till \+17 kr\/mån:\n {2}Serviceinsatser per månad \+8,50 kr\/mån till \+17 kr\/mån: [\d ]+ regioner, \+\d+ kr\/mån till \+17 kr\/mån {2}\(till exempel [^\n]*\n {2}Regionerna \(de första 20\):\n {4}[^\n]*Har städning = ja[^\n]*: [+−]\d+ kr[^\n]* {2}\(till exempel /);
        expect(text).toMatch(/\n {2}[^\n]*Har städning = ja[^\n]*: \+17 kr\/mån {2}\(till exempel /);
    }, 120_000);

    test('a pure refactoring (a parameter renamed, min\'s arguments swapped, a sum reordered, >= 21 written 21–200): the same answers, exit 0', () => {
        const after = habo('refaktor', text => text
            .replaceAll('städavgift', 'städningsavgift')
            .replace('min(omvårdnad.avgift + ledsagning + service + matdistribution + larmavgift, maxtaxa)', 'min(maxtaxa, ledsagning + omvårdnad.avgift + matdistribution + service + larmavgift)')
            .replace('| >= 21           || 3    | 2 013 kr/mån |', '| 21–200          || 3    | 2 013 kr/mån |'));
        const run = diff(after);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const report = JSON.parse(run.stdout) as { entries: DiffEntry[]; answersChange: boolean; undecided: number };
        expect(report.answersChange).toBe(false);
        expect(report.undecided).toBe(0);
        expect(report.entries.map(e => `${e.change} ${e.element.name}`)).toEqual(expect.arrayContaining([
            'renamed städningsavgift', 'same-answers omvårdnad', 'edited hemtjänstavgift',
        ]));
        expect(report.entries.find(e => e.change === 'edited' && e.element.name === 'hemtjänstavgift')).toMatchObject({ answers: false });
    });

    test('two folders of compiled JSON, as a consuming system receives the versions: the same report as the sources give', () => {
        const after = habo('städ-json', text => text.replace('503 kr/mån', '520 kr/mån'));
        const compile = (from: string, to: string) => spawnSync(process.execPath, [bin, 'compile', from, '-o', to], { encoding: 'utf8' }).status;
        expect(compile(path.join(repository, 'examples/habo'), path.join(scratch, 'före-json'))).toBe(0);
        expect(compile(after, path.join(scratch, 'efter-json'))).toBe(0);
        const run = spawnSync(process.execPath, [bin, 'diff', path.join(scratch, 'före-json'), path.join(scratch, 'efter-json'), '--format', 'json'], { encoding: 'utf8' });
        expect(run.status).toBe(1);
        const entries = (report: string) => (JSON.parse(report) as { entries: DiffEntry[] }).entries;
        expect(entries(run.stdout)).toEqual(entries(diff(after).stdout));
    }, 120_000);

    test('a title-only change is listed, and changes no answer', () => {
        const after = habo('rubrik', text => text.replace('beräkning maxtaxa "Högsta sammanlagda avgift per månad"', 'beräkning maxtaxa "Maxtaxa per månad"'));
        const run = diff(after, 'text');
        expect(run.status).toBe(0);
        expect(run.stdout).toContain('Maxtaxa per månad (beräkning) (ändrar inga svar):\n  rubrik: "Högsta sammanlagda avgift per månad" → "Maxtaxa per månad"');
    });
});

// ---------------------------------------------------------------- random pairs of policies

const at: SourceSpan = { file: 'p.regel', line: 1, column: 1, endLine: 1, endColumn: 1 };
const kr = (value: string): Expression => ({ quantity: { value, unit: 'kr' } });
const n = (value: string): Expression => ({ quantity: { value, unit: 'none' } });

const leaves = [
    fc.constant<Expression>({ ref: 'attribute/x' }),
    fc.constant<Expression>({ ref: 'attribute/y' }),
    fc.constant<Expression>({ ref: 'parameter/p' }),
    fc.integer({ min: 0, max: 40 }).map(v => kr(String(v * 5))),
];
const criterion = fc.oneof(
    fc.constant({ attribute: 'attribute/b', test: true as const }),
    fc.tuple(fc.constantFrom<'<' | '<=' | '>' | '>='>('<', '<=', '>', '>='), fc.integer({ min: 0, max: 100 })).map(([op, v]) => ({ attribute: 'attribute/x', op, value: { number: String(v) } })),
);
/** Formulas over x, y, b and p; `svar` may also read the calculation `del` (del never reads itself). */
const formula = (leaf: fc.Arbitrary<Expression>) => fc.letrec<{ expression: Expression }>(tie => ({
    expression: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(fc.constantFrom<'+' | '-'>('+', '-'), tie('expression'), tie('expression')).map(([op, left, right]) => ({ op, left, right })),
        fc.tuple(tie('expression'), fc.integer({ min: 1, max: 4 })).map(([left, k]) => ({ op: '*' as const, left, right: n(String(k)) })),
        fc.tuple(fc.constantFrom<'min' | 'max'>('min', 'max'), fc.array(tie('expression'), { minLength: 2, maxLength: 3 })).map(([call, args]) => ({ call, args })),
        fc.tuple(criterion, tie('expression'), tie('expression')).map(([c, then, otherwise]) => ({ if: c, then, else: otherwise })),
        fc.tuple(tie('expression'), fc.integer({ min: 2, max: 3 })).map(([inner, d]) => ({ round: { op: '/' as const, left: inner, right: n(String(d)) }, rounding: { unit: 'krona' as const, mode: 'half-up' as const } })),
    ),
})).expression;
const expression = formula(fc.oneof(...leaves, fc.constant<Expression>({ ref: 'calculation/del' })));
const part = formula(fc.oneof(...leaves));

function policy(value: Expression, parts: { del: Expression; p: [string, string]; pName?: string }): CompiledPolicyFile {
    const pId = `parameter/${parts.pName ?? 'p'}`;
    const rename = (e: Expression): Expression => JSON.parse(JSON.stringify(e).replaceAll('"parameter/p"', JSON.stringify(pId))) as Expression;
    return {
        schemaVersion: '1.5.0', source: 'p.regel', elements: [
            { id: 'attribute/x', kind: 'attribute', name: 'x', source: at, domain: { type: 'integer', min: '0', max: '100' } },
            { id: 'attribute/y', kind: 'attribute', name: 'y', source: at, domain: { type: 'integer', min: '0', max: '50' } },
            { id: 'attribute/b', kind: 'attribute', name: 'b', source: at, domain: { type: 'boolean' } },
            {
                id: pId, kind: 'parameter', name: parts.pName ?? 'p', source: at, valueType: 'money', versions: [
                    { from: '2024-01-01', to: '2024-12-31', value: { value: parts.p[0], unit: 'kr' }, source: at },
                    { from: '2025-01-01', value: { value: parts.p[1], unit: 'kr' }, source: at },
                ],
            },
            { id: 'calculation/del', kind: 'calculation', name: 'del', source: at, value: rename(parts.del) },
            { id: 'calculation/svar', kind: 'calculation', name: 'svar', source: at, value: rename(value), mayBeNegative: true },
        ],
    };
}

/** Rewrites that keep the meaning: operands of + and min/max reordered, x >= k as x > k − 1, a parameter renamed. */
function equivalent(e: Expression): Expression {
    if ('op' in e && e.op === '+') {
        return { op: '+', left: equivalent(e.right), right: equivalent(e.left) };
    }
    if ('op' in e) {
        return { ...e, left: equivalent(e.left), right: equivalent(e.right) };
    }
    if ('call' in e) {
        return { call: e.call, args: [...e.args].reverse().map(equivalent) };
    }
    if ('round' in e) {
        return { ...e, round: equivalent(e.round) };
    }
    if ('if' in e) {
        const c = e.if;
        const rewritten = 'op' in c && c.op === '>=' && 'number' in c.value ? { ...c, op: '>' as const, value: { number: String(Number(c.value.number) - 1) } } : c;
        return { if: rewritten, then: equivalent(e.then), else: equivalent(e.else) };
    }
    return e;
}

/** A change that may or may not reach a citizen: a constant, an operator, a comparison's boundary, a parameter's value. */
const mutation = fc.constantFrom('constant', 'operator', 'criterion', 'parameter', 'del');
function mutate(e: Expression, kind: string): Expression {
    const text = JSON.stringify(e);
    switch (kind) {
        case 'constant': return JSON.parse(text.replace(/"value":"(\d+)","unit":"kr"/, (_m, v: string) => `"value":"${Number(v) + 5}","unit":"kr"`)) as Expression;
        case 'operator': return JSON.parse(text.replace(/"op":"\+"/, '"op":"-"').replace(/"call":"min"/, '"call":"max"')) as Expression;
        // One boundary value moves from one side of the comparison to the other.
        case 'criterion': return JSON.parse(text.replace(/"op":"(<|<=|>|>=)"/, (_m, op: string) => `"op":"${({ '<': '<=', '<=': '<', '>': '>=', '>=': '>' } as Record<string, string>)[op]}"`)) as Expression;
        default: return e;
    }
}

function answer(runtime: PolicyRuntime, citizen: Record<string, unknown>, date: string): string {
    return calculationAnswer(runtime, 'svar', citizen, date);
}

describe('the amount diff against the runtimes', () => {
    test('every citizen it shows changes as claimed; where it says the same (or nothing), no sampled citizen differs; equivalent rewrites are proven', () => {
        let changed = 0;
        let proven = 0;
        fc.assert(fc.property(expression, part, fc.boolean(), mutation, fc.integer({ min: 1, max: 99 }), (value, del, rewrite, kind, seed) => {
            const before = policy(value, { del, p: ['100', '120'] });
            const after = rewrite
                ? policy(equivalent(value), { del: equivalent(del), p: ['100', '120'], pName: 'p_ny' })
                : policy(mutate(value, kind), { del: kind === 'del' ? mutate(del, 'constant') : del, p: kind === 'parameter' ? ['100', '125'] : ['100', '120'] });
            const result = diffPolicies([before], [after], 'sv');
            const entry = result.entries.find(e => e.element.name === 'svar' && (e.change === 'amount-answers' || e.change === 'undecided' || e.change === 'same-answers'));
            const runtimes = [new PolicyRuntime([before]), new PolicyRuntime([after])];
            if (entry?.change === 'amount-answers') {
                changed++;
                for (const sample of entry.samples) {
                    const citizen = citizenOf(sample.citizen);
                    expect(answer(runtimes[0], citizen, sample.date)).toBe(decimal(sample.before));
                    expect(answer(runtimes[1], citizen, sample.date)).toBe(decimal(sample.after));
                }
                return;
            }
            if (entry?.change !== 'undecided') {
                // "The same" (said, or nothing said): never where a citizen's answer differs.
                let state = seed;
                const next = (limit: number) => ((state = (state * 48271) % 2147483647) % (limit + 1));
                for (let i = 0; i < 150; i++) {
                    const citizen = { x: next(100), y: next(50), b: next(1) === 1 };
                    const date = ['2024-06-01', '2025-06-01', '2023-06-01'][next(2)];
                    expect(answer(runtimes[1], citizen, date), JSON.stringify({ value, del, rewrite, kind, citizen, date })).toBe(answer(runtimes[0], citizen, date));
                }
            }
            if (rewrite) {
                expect(entry?.change, JSON.stringify(value)).not.toBe('undecided');
                proven++;
            }
        }), { numRuns: 150, seed: 20261204 });
        expect(changed).toBeGreaterThan(10);
        expect(proven).toBeGreaterThan(10);
    });
});
