import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, test } from 'vitest';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, diffPolicies, type DiffEntry } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';
import { calculationAnswer, claimedChange, inRegion, observedChange } from './region-membership.js';

/**
 * The diff's exact regions where an amount reads a rate chosen by the case (`timkostnad … efter
 * områdestyp`, issue 29): the rate's selectors split the cases like a decision table's inputs
 * (formula-reads.ts), so on each cell the rate is one constant and hours × rate is linear in the
 * hours. Jönköping's 2016 ersättning (examples/jonkoping-omraden) with areas' rates changed, held to
 * both runtimes; and the example as written, whose `avrundat till öre` of a decimal number of hours
 * makes the change a staircase no affine region describes (the runtime shows it), so there the diff
 * samples and says why (`outside: 'rounded'`).
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const folder = path.join(repository, 'examples/jonkoping-omraden');
const file = 'lov-ersattning.regel';
const source = readFileSync(path.join(folder, file), 'utf8');
const { Regelratt } = createRegelrattServices(NodeFileSystem);

const RATES = 'belopp { tätort : 414,80 kr/h  villaområde : 430,05 kr/h  landsbygd : 506,70 kr/h }';
const ROUNDED = 'extra_transporter × extra_mattransport avrundat till öre';
/** The example's formula without its final rounding: hours × rate + transports × rate, exactly. */
const unrounded = (text: string) => text.replace(ROUNDED, 'extra_transporter × extra_mattransport');

async function compiled(text: string, at = `/jonkoping/${file}`): Promise<CompiledPolicyFile[]> {
    const checked = await checkPolicies(Regelratt, [{ path: at, text }]);
    expect(checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error'))).toEqual([]);
    return checked.map(c => compilePolicy(c.document.parseResult.value, path.basename(c.path)));
}

async function monthly(before: string, after: string) {
    const [old, revised] = [await compiled(before), await compiled(after)];
    const diff = diffPolicies(old, revised, 'sv');
    const entry = diff.entries.find(e => e.change === 'amount-answers' && e.element.name === 'månadsersättning') as Extract<DiffEntry, { change: 'amount-answers' }> | undefined;
    return { entry, runtimes: [new PolicyRuntime(old), new PolicyRuntime(revised)] as const };
}

const diffCli = (...args: string[]) => spawnSync(process.execPath, [bin, 'diff', ...args], { cwd: repository, encoding: 'utf8' });

describe('exact regions where a rate is chosen by the case (Jönköping 2016, rates by område)', () => {
    test('hours × a rate chosen by område: one exact region per changed area, each example and sampled member as claimed', async () => {
        expect(source).toContain(RATES);
        expect(source).toContain(ROUNDED);
        const before = unrounded(source);
        const after = before.replace(RATES, 'belopp { tätort : 420 kr/h  villaområde : 430,05 kr/h  landsbygd : 520 kr/h }');
        const { entry, runtimes } = await monthly(before, after);
        expect(entry?.outside).toBeUndefined();
        const regions = entry!.regions!;
        // Two areas' rates changed: two regions, each the citizens of one area, + the rate's change per hour.
        expect(regions.map(r => r.box.find(b => b.attribute === 'områdestyp')?.value ?? r.box.find(b => b.attribute === 'områdestyp')?.values).sort())
            .toEqual(['landsbygd', 'tätort']);
        const perHour = Object.fromEntries(regions.map(r => [r.citizen.områdestyp, r.change.kind === 'affine' ? r.change.terms.map(t => `${t.attribute}*${t.coefficient}`) : r.change.kind]));
        expect(perHour).toEqual({ landsbygd: ['utförd_tid*13.3'], tätort: ['utförd_tid*5.2'] });
        const ask = (version: 0 | 1, citizen: Record<string, unknown>, date: string) => calculationAnswer(runtimes[version], 'månadsersättning', citizen, date);
        for (const region of regions) {
            const date = region.example.date;
            const [was, is] = [ask(0, region.citizen, date), ask(1, region.citizen, date)];
            expect(was).not.toBe(is);
            expect(inRegion(region, region.citizen, date), region.text).toBe(true);
            expect(observedChange(was, is, region.change.kind)).toBe(claimedChange(region, region.citizen));
        }
        // Citizens across every area, hours and transports: inside a region as claimed, outside the same answer.
        for (const område of ['tätort', 'villaområde', 'landsbygd']) {
            for (const [hours, transports, extra] of [['0', 0, 0], ['0,5', 3, 93], ['12,25', 20, 1], ['743,99', 93, 0]] as const) {
                const citizen = { områdestyp: område, utförd_tid: hours.replace(',', '.'), transporter: transports, extra_transporter: extra };
                for (const date of ['2016-01-01', '2016-07-15', '2016-12-31', '2017-01-01']) {
                    const [was, is] = [ask(0, citizen, date), ask(1, citizen, date)];
                    const region = regions.find(r => inRegion(r, citizen, date));
                    if (region) {
                        expect(observedChange(was, is, region.change.kind), `${område} ${hours} h ${date}`).toBe(claimedChange(region, citizen));
                    } else {
                        expect(is, `${område} ${hours} h ${date}`).toBe(was);
                    }
                }
            }
        }
    });

    test('the areas and their rates reordered, the same rates: the same answer for everyone, exit 0', () => {
        const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-rate-regions-'));
        try {
            const refactored = path.join(scratch, 'efter');
            cpSync(folder, refactored, { recursive: true });
            const reordered = source
                .replace('område tätort "Tätort"\nområde villaområde "Villaområde"\nområde landsbygd "Landsbygd"', 'område landsbygd "Landsbygd"\nområde tätort "Tätort"\nområde villaområde "Villaområde"')
                .replace(RATES, 'belopp { landsbygd : 506,70 kr/h  tätort : 414,80 kr/h  villaområde : 430,05 kr/h }');
            expect(reordered).toContain('område landsbygd "Landsbygd"\nområde tätort');
            expect(reordered).not.toContain(RATES);
            writeFileSync(path.join(refactored, file), reordered);
            const result = diffCli(folder, refactored);
            expect(result.stderr).toBe('');
            expect(result.stdout).toContain('Samma svar för alla medborgare, nivåer och datum.');
            expect(result.status).toBe(0);
        } finally {
            rmSync(scratch, { recursive: true, force: true });
        }
    });

    test('the example as written rounds to öre a decimal number of hours: the change is a staircase, so the diff samples and says why (exit 1)', async () => {
        const after = source.replace(RATES, 'belopp { tätort : 414,80 kr/h  villaområde : 430,05 kr/h  landsbygd : 520 kr/h }');
        const { entry, runtimes } = await monthly(source, after);
        // No affine claim could hold: on landsbygd the runtime's change is not 13,30 kr per hour.
        const change = (hours: string) => {
            const citizen = { områdestyp: 'landsbygd', utförd_tid: hours, transporter: 0, extra_transporter: 0 };
            return observedChange(calculationAnswer(runtimes[0], 'månadsersättning', citizen, '2016-05-01'), calculationAnswer(runtimes[1], 'månadsersättning', citizen, '2016-05-01'), 'affine');
        };
        expect([change('0.0001'), change('0.001'), change('1')]).toEqual(['0', '0.01', '13.3']);
        // Said as what it is, a rounding of an amount that varies with a decimal, not the general "not piecewise linear".
        expect(entry?.outside).toBe('rounded');
        expect(entry?.regions).toBeUndefined();
        expect(entry!.samples.length).toBeGreaterThan(0);

        const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-rate-regions-'));
        try {
            writeFileSync(path.join(scratch, file), after);
            const result = diffCli(folder, scratch);
            expect(result.stderr).toBe('');
            expect(result.status).toBe(1);
            expect(result.stdout).toContain('Områdestyp där hjälpen ges är landsbygd: 506,70 kr/h → 520 kr/h (+13,30 kr/h)');
            expect(result.stdout).toContain('regionerna kan inte avgöras exakt (formeln avrundar ett belopp som varierar med ett decimaltal');
            const english = diffCli(folder, scratch, '--lang', 'en');
            expect(english.status).toBe(1);
            expect(english.stdout).toContain('the regions cannot be decided exactly (the formula rounds an amount that varies with a decimal');
        } finally {
            rmSync(scratch, { recursive: true, force: true });
        }
    });

    test('why not exact: a rounding of hours × a rate alone is the rounding, a product of two decimals under it is not', async () => {
        const outside = async (formula: string, factor: string) => {
            const policy = (rate: string) => `egenskap t "Tid" : decimaltal 0–744 timmar\negenskap s "Sträcka" : decimaltal 0–100\nberäkning svar "Svar" = ${formula.replace('RATE', rate)} avrundat till öre`;
            const [before, after] = [await compiled(policy('414,80 kr'), '/p/p.regel'), await compiled(policy(factor), '/p/p.regel')];
            const entry = diffPolicies(before, after, 'sv').entries.find(e => e.element.name === 'svar' && e.change === 'amount-answers') as Extract<DiffEntry, { change: 'amount-answers' }> | undefined;
            expect(entry?.regions).toBeUndefined();
            return entry?.outside;
        };
        // One decimal under the rounding: the cut into pieces fails on it (kinkPieces), and says why.
        expect(await outside('t × RATE', '420 kr')).toBe('rounded');
        expect(await outside('t × RATE + s × 2 kr', '420 kr')).toBe('rounded');
        expect(await outside('t × s × RATE', '420 kr')).toBe('not-linear');
    });

    test('whole counts × a rate per tillfälle rounded to öre: the rounding never rounds, so one exact region per changed area', async () => {
        const TRANSPORT = 'belopp { tätort : 50,25 kr per tillfälle  villaområde : 50,25 kr per tillfälle  landsbygd : 80,50 kr per tillfälle }';
        expect(source).toContain(TRANSPORT);
        // Transports only: two whole numbers 0–93 under the rounding, 94 × 94 values per area, past the cell budget when tried one by one.
        const before = source.replace('utförd_tid × timersättning + transporter × mattransport', 'transporter × mattransport');
        expect(before).toContain('transporter × mattransport + extra_transporter × extra_mattransport avrundat till öre');
        const check = async (rate: string) => monthly(before, before.replace(TRANSPORT, TRANSPORT.replace('80,50', rate)));

        const { entry, runtimes } = await check('82,25');
        expect(entry?.outside).toBeUndefined();
        const regions = entry!.regions!;
        expect(regions.map(r => [r.citizen.områdestyp, r.change.kind === 'affine' ? r.change.terms.map(t => `${t.attribute}*${t.coefficient}`) : r.change.kind]))
            .toEqual([['landsbygd', ['transporter*1.75']]]);
        const ask = (version: 0 | 1, citizen: Record<string, unknown>, date: string) => calculationAnswer(runtimes[version], 'månadsersättning', citizen, date);
        for (const område of ['tätort', 'villaområde', 'landsbygd']) {
            for (const [transports, extra] of [[0, 0], [1, 93], [37, 2], [93, 93]]) {
                const citizen = { områdestyp: område, transporter: transports, extra_transporter: extra };
                for (const date of ['2015-12-31', '2016-03-01', '2017-01-01']) {
                    const [was, is] = [ask(0, citizen, date), ask(1, citizen, date)];
                    const region = regions.find(r => inRegion(r, citizen, date));
                    expect(region ? observedChange(was, is, region.change.kind) : is, `${område} ${transports} ${date}`).toBe(region ? claimedChange(region, citizen) : was);
                }
            }
        }
        // A rate off the öre grid: the rounding rounds, so the whole numbers are tried one by one, past the budget, as before.
        expect((await check('82,255')).entry?.outside).toBe('cell-budget');
    });
});
