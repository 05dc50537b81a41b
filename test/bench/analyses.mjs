/**
 * Times the analyses in-process, through the same checkPolicies the CLI uses, on the Örebro set and
 * on worst cases built to stress each analysis: many attributes, many förlopp, long tables, long
 * inclusion rules, and the case budget being exhausted. Prints a Markdown table.
 * Also exact partitions (test/bench/partition-tables.mjs) of 8 × 48 up to 20 × 1 000, as a decision
 * table and as a förloppsmodell, clean and with one row left out (one gap).
 * Usage: node test/bench/analyses.mjs [--runs N] [--only TEXT] (only the inputs whose label contains TEXT)
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { ExactNumber } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, splitCases } from '@regelratt/language';
import { exactPartition, pathwayModelText, tableText } from './partition-tables.mjs';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : '7');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

function folder(name) {
    const dir = path.join(repository, 'examples', name);
    return readdirSync(dir).filter(f => f.endsWith('.regel')).map(f => ({ path: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));
}

function pathwaysOverRanges(attributes, pathways) {
    const lines = Array.from({ length: attributes }, (_, i) => `egenskap x${i} : heltal 0–100`);
    // Förlopp i covers x0 in [10i, 10i+9] and constrains the others, so every attribute is split many ways.
    const body = Array.from({ length: pathways }, (_, i) => {
        const others = Array.from({ length: attributes - 1 }, (_, j) => `x${j + 1} ${i % 2 ? '<' : '>='} ${(i * 7 + j * 13) % 100}`).join(' och ');
        return `förlopp p${i} { när x0 i ${i * 10}–${i * 10 + 9}${others ? ` och (${others} eller x0 = ${i * 10})` : ''} }`;
    }).join('\n');
    return [{ path: '/bench/ranges.regel', text: `${lines.join('\n')}\nförloppsmodell m {\n${body}\n}\n` }];
}

function independentBooleans(count) {
    const lines = Array.from({ length: count }, (_, i) => `egenskap b${i} : ja/nej`);
    const body = Array.from({ length: count }, (_, i) => `förlopp p${i} { när b${i} }`).join('\n');
    return [{ path: '/bench/booleans.regel', text: `${lines.join('\n')}\nförloppsmodell m {\n${body}\n}\n` }];
}

function longTable(levels) {
    const rows = Array.from({ length: levels }, (_, i) => `    nivå ${i} : ${1000 + i * 10} kr`).join('\n');
    return [{ path: '/bench/table.regel', text: `nivåtabell t {\n    nivåer 0–${levels - 1}\n${rows}\n}\n` }];
}

function longInclusion(conditions) {
    const lines = Array.from({ length: conditions }, (_, i) => `egenskap y${i} : heltal 0–100`);
    const rule = Array.from({ length: conditions }, (_, i) => `y${i} > ${i}`).join(' och ');
    return [{ path: '/bench/pilot.regel', text: `${lines.join('\n')}\npilot p { inkludera när ${rule} exkludera när y0 < 5 }\n` }];
}

async function time(sources) {
    const samples = [];
    let diagnostics = 0;
    for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const checked = await checkPolicies(Regelratt, sources);
        samples.push(performance.now() - start);
        diagnostics = checked.reduce((n, c) => n + c.diagnostics.length, 0);
    }
    samples.sort((a, b) => a - b);
    return { median: samples[Math.floor(samples.length / 2)], diagnostics };
}

const PARTITIONS = [[8, 48], [12, 100], [16, 200], [20, 500], [20, 1000]];

/** How many cases the split of a partition's förloppsmodell (one row left out) needs, with no budget. */
async function splitSize(columns, rows) {
    const partition = exactPartition({ columns, rows, seed: 20261205 + columns });
    const [checked] = await checkPolicies(Regelratt, [{ path: '/bench/m.regel', text: pathwayModelText(partition, { drop: 0 }) }]);
    const model = compilePolicy(checked.document.parseResult.value, 'm.regel').elements.find(e => e.kind === 'pathwayModel');
    const attributes = new Map(partition.attributes.map(a => [`attribute/${a.name}`, {
        id: `attribute/${a.name}`, name: a.name,
        domain: a.kind === 'choice' ? { kind: 'enumeration', values: a.values } : { kind: 'integer', min: ExactNumber.ZERO, max: ExactNumber.of(BigInt(a.max)) },
    }]));
    return splitCases(model.pathways.map(p => p.criterion), attributes, { budget: Number.MAX_SAFE_INTEGER }).cases.length;
}

const cases = [
    ['examples/orebro, whole check', folder('orebro')],
    ['examples/broken, whole check', folder('broken')],
    ['6 whole-number attributes, 10 förlopp', pathwaysOverRanges(6, 10)],
    ['3 whole-number attributes, 10 förlopp', pathwaysOverRanges(3, 10)],
    ['15 independent yes/no förlopp (budget exhausted)', independentBooleans(15)],
    ['10 independent yes/no förlopp (1 024 cases)', independentBooleans(10)],
    ['level table with 2 000 levels', longTable(2000)],
    ['inclusion rule with 20 conditions', longInclusion(20)],
    ...PARTITIONS.flatMap(([columns, rows]) => {
        const partition = exactPartition({ columns, rows, seed: 20261205 + columns });
        return [
            [`exact partition ${columns} × ${rows}, beslutstabell`, [{ path: '/bench/t.regel', text: tableText(partition) }]],
            [`exact partition ${columns} × ${rows}, beslutstabell, one row left out`, [{ path: '/bench/t.regel', text: tableText(partition, { drop: 0 }) }]],
            // Outputs from five levels, so that rows agree and the merge and redundancy analyses compare them.
            [`exact partition ${columns} × ${rows}, beslutstabell, five outputs`, [{ path: '/bench/t.regel', text: tableText(partition).replace(/\|\| (\d+) \|$/gm, (_, row) => `|| ${Number(row) % 5} |`) }]],
            [`exact partition ${columns} × ${rows}, förloppsmodell`, [{ path: '/bench/m.regel', text: pathwayModelText(partition) }]],
            [`exact partition ${columns} × ${rows}, förloppsmodell, one row left out`, [{ path: '/bench/m.regel', text: pathwayModelText(partition, { drop: 0 }) }]],
        ];
    }),
].filter(([label]) => label.includes(only));
console.log(`Node ${process.version}; median of ${runs} runs, in-process (parse, link, validate, analyse)\n`);
console.log('| input | ms | diagnostics |');
console.log('| --- | ---: | ---: |');
for (const [label, sources] of cases) {
    const { median, diagnostics } = await time(sources);
    console.log(`| ${label} | ${median.toFixed(1)} | ${diagnostics} |`);
}
if ('exact partition'.includes(only) || only.startsWith('exact partition')) {
    console.log('\n| exact partition, förloppsmodell with one row left out | cases of the split |');
    console.log('| --- | ---: |');
    for (const [columns, rows] of PARTITIONS) {
        console.log(`| ${columns} × ${rows} | ${await splitSize(columns, rows)} |`);
    }
}
