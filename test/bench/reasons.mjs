/**
 * What a reason costs: one case answered by the runtime (`evaluateCase`, no explanation) against the
 * same case answered with a reason on every answer (`withReasons`, as `eval` for one case and
 * `serve`'s /v1/evaluate give it), in-process, for Habo (formulas with caps) and Örebro (förlopp,
 * pilots, tables). Median of --runs runs of --cases cases each. Run after `npm run build`.
 */

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { withReasons } from '@regelratt/document';
import { evaluateCase, PolicyRuntime } from '@regelratt/runtime';
import { compiledExampleSet } from './example-set.mjs';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' } } });
const cases = Number(values.cases);
const runs = Number(values.runs);
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SETS = [
    ['habo', { citizen: { besök_per_vecka: 10, ledsagning_per_månad: 0, städning: false, tvätt: true, inköp: false, portioner: 0, larm: 'digitalt', sammanboende: false }, date: '2017-05-01' }],
    ['orebro', { citizen: { aktivitetsförmåga: 'nedsatt', ålder: 70, kan_ta_sig_till_vårdcentral: false, kognitiv_svikt: false, motiverad_till_träning: true, inkomst: 20000, boendekostnad: 5000 }, level: 4, date: '2021-06-01' }],
];
const median = list => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const perCase = run => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < cases; i++) {
        run();
    }
    return Number(process.hrtime.bigint() - start) / cases / 1000;
};
console.log('| policy | answered µs/case | with reasons µs/case | × |');
console.log('| --- | ---: | ---: | ---: |');
for (const [set, input] of SETS) {
    const folder = path.join(repository, 'examples', set);
    const runtime = new PolicyRuntime(await compiledExampleSet(folder));
    const plain = () => evaluateCase(runtime, input, false);
    const reasoned = () => withReasons(runtime, input, evaluateCase(runtime, input, false), 'sv');
    perCase(plain);
    perCase(reasoned);
    const a = median(Array.from({ length: runs }, () => perCase(plain)));
    const b = median(Array.from({ length: runs }, () => perCase(reasoned)));
    console.log(`| examples/${set} | ${a.toFixed(1)} | ${b.toFixed(0)} | ${(b / a).toFixed(0)} |`);
}
