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
import { haboRevisionText } from './bench/habo-revision.mjs';
import { calculationAnswer, claimedChange, inRegion, observedChange } from './region-membership.js';

/**
 * The exact regions of an amount's change (answer-regions.ts) on Habo's fee revision: every region's
 * example citizen is answered by both runtimes as claimed, every sampled citizen inside a region
 * changes by the region's change, and every sampled citizen outside all regions gets the same answer.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { Regelratt } = createRegelrattServices(NodeFileSystem);
const source = readFileSync(path.join(repository, 'examples/habo/hemtjänst.regel'), 'utf8');

async function compiled(text: string): Promise<CompiledPolicyFile[]> {
    return compiledSet(text);
}

/** Every file the policy's checking loads, the imported library's too, compiled. */
async function compiledSet(text: string): Promise<CompiledPolicyFile[]> {
    const checked = await checkPolicies(Regelratt, [{ path: '/habo/hemtjänst.regel', text }]);
    expect(checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error'))).toEqual([]);
    return checked.map(c => compilePolicy(c.document.parseResult.value, path.basename(c.path)));
}

const answer = calculationAnswer;

/** A signed amount as the diff writes it (`+8,5`, `−13`) as a number, for comparing ranges. */
function amountOf(text: string): number {
    return Number(text.replace('−', '-').replace(/\s/g, '').replace(',', '.'));
}

describe('exact regions of an amount\'s change (Habo 2017: städavgift 503 → 520, level 3 from 15 visits)', () => {
    test('hemtjänstavgift: regions whose examples, members and non-members the runtimes confirm', async () => {
        const revised = source
            .replace('städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 503 kr/mån }', 'städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 520 kr/mån }')
            .replace('| 7–20            || 2    | 1 409 kr/mån |', '| 7–14            || 2    | 1 409 kr/mån |')
            .replace('| >= 21           || 3    | 2 013 kr/mån |', '| >= 15           || 3    | 2 013 kr/mån |');
        expect(revised).not.toBe(source);
        const [before, after] = [await compiled(source), await compiled(revised)];
        const diff = diffPolicies(before, after, 'sv');
        const entry = diff.entries.find(e => e.change === 'amount-answers' && e.element.name === 'hemtjänstavgift') as Extract<DiffEntry, { change: 'amount-answers' }> | undefined;
        expect(entry?.outside).toBeUndefined();
        const regions = entry!.regions!;
        expect(regions.length).toBeGreaterThan(0);
        const runtimes = [new PolicyRuntime(before), new PolicyRuntime(after)];
        for (const region of regions) {
            const was = answer(runtimes[0], 'hemtjänstavgift', region.citizen, region.example.date);
            const is = answer(runtimes[1], 'hemtjänstavgift', region.citizen, region.example.date);
            expect(was).not.toBe(is);
            expect(inRegion(region, region.citizen, region.example.date), region.text).toBe(true);
            expect(observedChange(was, is, region.change.kind)).toBe(claimedChange(region, region.citizen));
        }
        // The städavgift: +17 for who has städning alone, below the cap, as a region in words with titles.
        expect(regions.some(r => r.changeText === '+17' && r.text.includes('Har städning = ja'))).toBe(true);
        // Where the cap is reached part of the way: a change that shrinks with each portion.
        expect(regions.some(r => r.change.kind === 'affine' && r.changeText.includes('Levererade matportioner under månaden'))).toBe(true);
        // "Tills maxtaxan nås": a region of +17 that ends where the highest total fee is reached, said with its title.
        const capped = regions.filter(r => r.until === 'Högsta sammanlagda avgift per månad');
        expect(capped.some(r => r.changeText === '+17, tills Högsta sammanlagda avgift per månad nås')).toBe(true);
        for (const region of capped) {
            // Past the region's end along the portions, the fee of the old version is the maxtaxa or the change is smaller.
            const end = region.box.find(b => b.attribute === 'portioner')!;
            const past = { ...region.citizen, portioner: Number(end.to) + 1 };
            const beyond = [answer(runtimes[0], 'hemtjänstavgift', past, region.example.date), answer(runtimes[1], 'hemtjänstavgift', past, region.example.date)];
            expect(beyond.includes('2013'), JSON.stringify({ past, beyond })).toBe(true);
        }

        let state = 20261205;
        const next = (limit: number) => ((state = (state * 48271) % 2147483647) % limit);
        let inside = 0;
        for (let i = 0; i < 400; i++) {
            const citizen = {
                besök_per_vecka: next(30), ledsagning_per_månad: next(12), städning: next(2) === 1, tvätt: next(2) === 1, inköp: next(2) === 1,
                portioner: next(94), larm: ['saknas', 'analogt', 'digitalt'][next(3)], sammanboende: next(2) === 1,
            };
            const date = ['2016-06-01', '2017-03-01', '2017-12-31', '2018-02-01'][next(4)];
            const was = answer(runtimes[0], 'hemtjänstavgift', citizen, date);
            const is = answer(runtimes[1], 'hemtjänstavgift', citizen, date);
            const containing = regions.filter(r => inRegion(r, citizen, date));
            if (containing.length === 0) {
                expect(is, JSON.stringify({ citizen, date })).toBe(was);
                continue;
            }
            inside++;
            for (const region of containing) {
                expect(observedChange(was, is, region.change.kind), `${JSON.stringify({ citizen, date })} in ${region.text}`).toBe(claimedChange(region, citizen));
            }
        }
        expect(inside).toBeGreaterThan(4);
    }, 120_000);

    test('the regions told by kind: each set of changed parts once, with its count, its range and an example the runtimes confirm', async () => {
        const [before, after] = [await compiled(source), await compiled(haboRevisionText(source))];
        const diff = diffPolicies(before, after, 'sv');
        const entry = diff.entries.find(e => e.change === 'amount-answers' && e.element.name === 'hemtjänstavgift') as Extract<DiffEntry, { change: 'amount-answers' }>;
        const kinds = entry.kinds!;
        // Two reasons (the service's price, the level from 15 visits) and where both meet: three kinds, every region in one.
        expect(kinds.map(k => k.parts.map(p => `${p.title} ${p.difference?.min}..${p.difference?.max}`).sort())).toEqual([
            ['Personlig omvårdnad, avgift +604..+604'],
            ['Personlig omvårdnad, avgift +604..+604', 'Serviceinsatser per månad +8,5..+17'],
            ['Serviceinsatser per månad +8,5..+17'],
        ]);
        expect(kinds.reduce((sum, k) => sum + k.regions, 0)).toBe(entry.regions!.length);
        expect(entry.regions!.length).toBeGreaterThan(kinds.length * 10);
        const runtimes = [new PolicyRuntime(before), new PolicyRuntime(after)];
        for (const kind of kinds) {
            const citizen = Object.fromEntries(kind.example.citizen.split(', ').map(pair => pair.split(' = ')).map(([name, value]) =>
                [name, value === 'ja' ? true : value === 'nej' ? false : /^\d/.test(value) ? Number(value.replace(/\s/g, '').replace(',', '.')) : value]));
            expect([answer(runtimes[0], 'hemtjänstavgift', citizen, kind.example.date), answer(runtimes[1], 'hemtjänstavgift', citizen, kind.example.date)])
                .toEqual([kind.example.before.replace(/\s/g, ''), kind.example.after.replace(/\s/g, '')]);
            // The answer's change over the kind's regions lies within the whole answer's.
            expect(kind.difference).toBeDefined();
            expect(amountOf(kind.difference!.min)).toBeGreaterThanOrEqual(amountOf(entry.difference!.min));
            expect(amountOf(kind.difference!.max)).toBeLessThanOrEqual(amountOf(entry.difference!.max));
        }
        // The service alone never raises the fee by more than its own +17; the level by at most its +604.
        expect(kinds.find(k => k.parts.length === 1 && k.parts[0].name === 'service')!.difference!.max).toBe('+17');
        expect(kinds.find(k => k.parts.length === 1 && k.parts[0].name === 'omvårdnad, avgift')!.difference!.max).toBe('+604');
    }, 120_000);

    test('a changed intermediate calculation is reported under the answer that reads it, with the answer\'s exact regions', async () => {
        const revised = source.replace('min(portioner × portionsavgift, matdistribution_högst)', 'min(portioner × portionsavgift, 300 kr/mån)');
        expect(revised).not.toBe(source);
        const [before, after] = [await compiled(source), await compiled(revised)];
        const diff = diffPolicies(before, after, 'sv');
        const entry = diff.entries.find(e => e.change === 'amount-answers' && e.element.name === 'hemtjänstavgift') as Extract<DiffEntry, { change: 'amount-answers' }> | undefined;
        expect(entry?.through).toEqual(['matdistribution']);
        // The cap of 310 kr is reached from 31 portions: only there does the fee change, by at most −10.
        const runtimes = [new PolicyRuntime(before), new PolicyRuntime(after)];
        expect(entry!.regions!.length).toBeGreaterThan(0);
        for (const region of entry!.regions!) {
            expect(Number(region.citizen.portioner)).toBeGreaterThanOrEqual(30);
            const was = answer(runtimes[0], 'hemtjänstavgift', region.citizen, region.example.date);
            const is = answer(runtimes[1], 'hemtjänstavgift', region.citizen, region.example.date);
            expect(observedChange(was, is, region.change.kind)).toBe(claimedChange(region, region.citizen));
        }
        expect(entry!.difference?.min).toBe('−10');
        expect(entry!.difference?.max).toMatch(/^−/);
    }, 120_000);

    test('on the national library, the library\'s years where neither version answers do not count against the budget: the same exact regions', async () => {
        // Habo takes its prisbasbelopp and maxtaxa from the library, which adds a date piece for every
        // year 2015–2026 and each factor change, on all of which (but 2017) both versions answer
        // no-valid-version (Habo's own figures are 2017's only) whatever the citizen. Compared with
        // the same policy typing its 2017 prisbasbelopp itself, as it once did.
        const ownFigures = (text: string) => {
            const changed = text
                .replace('använd nationellt version "2026.1"\n', 'parameter prisbasbelopp "Prisbasbelopp" : belopp { från 2017-01-01 till 2017-12-31 : 44 800 kr }\n')
                .replace('= maxtaxa_hemtjänst avrundat till hela kronor', '= 0,5392 × prisbasbelopp / 12 avrundat till hela kronor');
            expect(changed).not.toContain('använd nationellt');
            expect(changed).toContain('0,5392 × prisbasbelopp / 12');
            return changed;
        };
        const revise = (text: string) => text.replace('städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 503 kr/mån }', 'städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 520 kr/mån }');
        const entryOf = async (before: string, after: string) => {
            const diff = diffPolicies(await compiledSet(before), await compiledSet(after), 'sv');
            return diff.entries.find(e => e.change === 'amount-answers' && e.element.name === 'hemtjänstavgift') as Extract<DiffEntry, { change: 'amount-answers' }> | undefined;
        };
        const own = await entryOf(ownFigures(source), revise(ownFigures(source)));
        const library = await entryOf(source, revise(source));
        expect(own?.outside).toBeUndefined();
        expect(library?.outside).toBeUndefined();
        expect(library!.regions!.map(r => `${r.text}: ${r.changeText}`).sort()).toEqual(own!.regions!.map(r => `${r.text}: ${r.changeText}`).sort());
        expect(library!.difference).toEqual(own!.difference);
    }, 120_000);

    test('outside the fragment (a product of two attributes): sampled, and the entry says why it is not exact', async () => {
        const policy = (factor: string) => `egenskap a "A" : decimaltal 0–10\negenskap c "C" : decimaltal 0–10\nberäkning svar "Svar" = a × c × ${factor} kr`;
        const [checkedBefore] = await checkPolicies(Regelratt, [{ path: '/p/p.regel', text: policy('1') }]);
        const [checkedAfter] = await checkPolicies(Regelratt, [{ path: '/p/p.regel', text: policy('2') }]);
        const diff = diffPolicies([compilePolicy(checkedBefore.document.parseResult.value, 'p.regel')], [compilePolicy(checkedAfter.document.parseResult.value, 'p.regel')], 'sv');
        const entry = diff.entries.find(e => e.element.name === 'svar' && e.change === 'amount-answers') as Extract<DiffEntry, { change: 'amount-answers' }> | undefined;
        expect(entry?.outside).toBe('not-linear');
        expect(entry?.regions).toBeUndefined();
        expect(entry!.samples.length).toBeGreaterThan(0);
    });

    test('a fee: the level whose takbelopp changes, on the fee\'s validity, exactly (Örebro\'s fee with a fixed avgiftsutrymme)', () => {
        const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-fee-regions-'));
        try {
            const folder = (name: string, cap2: string) => {
                const target = path.join(scratch, name);
                cpSync(path.join(repository, 'examples/orebro'), target, { recursive: true });
                const file = path.join(target, 'avgifter.regel');
                const text = readFileSync(file, 'utf8')
                    .replace('avgiftsutrymme inkomst − boendekostnad − minimibelopp_ensamstående', 'avgiftsutrymme 1 800 kr/mån')
                    .replace('nivå 1 : ej angivet', 'nivå 1 : 300 kr/mån').replace('nivå 2 : ej angivet', `nivå 2 : ${cap2} kr/mån`).replace('nivå 3 : ej angivet', 'nivå 3 : 1 500 kr/mån');
                // The replacements must have taken: a silent no-op would test Örebro's own fee instead.
                expect(text).toContain('avgiftsutrymme 1 800 kr/mån');
                expect(text).toContain(`nivå 2 : ${cap2} kr/mån`);
                writeFileSync(file, text);
                return target;
            };
            const run = spawnSync(process.execPath, [path.join(repository, 'packages/cli/bin/regelratt.js'), 'diff', folder('före', '900'), folder('efter', '950'), '--format', 'json'], { encoding: 'utf8' });
            expect(run.status).toBe(1);
            const entry = (JSON.parse(run.stdout) as { entries: DiffEntry[] }).entries.find(e => e.change === 'amount-answers') as Extract<DiffEntry, { change: 'amount-answers' }>;
            // By hand: the avgiftsutrymme (1 800 kr) and the maxtaxa (the library's 0,5392 × prisbasbelopp / 12:
            // 2 138,83 kr in 2021, 2 170,28 kr in 2022) lie above both takbelopp, so level 2 pays its takbelopp.
            expect(entry.regions?.map(r => ({ box: r.box, change: r.change }))).toEqual([{
                box: [
                    { attribute: 'datum', from: '2021-01-01', fromIncluded: true, to: '2022-12-31', toIncluded: true },
                    { attribute: 'nivå', from: '2', fromIncluded: true, to: '2', toIncluded: true },
                ],
                change: { kind: 'constant', difference: '50' },
            }]);
        } finally {
            rmSync(scratch, { recursive: true, force: true });
        }
    }, 120_000);
});
