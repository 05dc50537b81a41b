/**
 * Calculation throughput: Habo's 2017 fee (examples/habo: levels derived from visits in a decision
 * table, service fees shared by couples, a capped per-portion fee, the maxtaxa from the prisbasbelopp,
 * a rounding step) for a synthetic register, by the runtime (`calculate` without explanation: the
 * generated code for calculations, exact rationals in safe integers, with the BigInt evaluator behind
 * it) against a hand-written function for the same rules in whole öre.
 * Usage: node test/bench/calculations.mjs [--cases 1000000] [--rounds 15]
 */

import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateCase, PolicyRuntime } from '@regelratt/runtime';
import { compiledExampleSet } from './example-set.mjs';
import { measureInterleaved } from './timing.mjs';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const count = Number(args.includes('--cases') ? args[args.indexOf('--cases') + 1] : '1000000');

function* register(n) {
    let seed = 4711;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alarms = ['saknas', 'analogt', 'digitalt'];
    for (let i = 0; i < n; i++) {
        yield {
            besök_per_vecka: Math.floor(random() * 30),
            ledsagning_per_månad: random() < 0.8 ? 0 : Math.floor(random() * 15),
            städning: random() < 0.5, tvätt: random() < 0.3, inköp: random() < 0.3,
            portioner: random() < 0.6 ? 0 : Math.floor(random() * 60),
            larm: alarms[Math.floor(random() * 3)],
            sammanboende: random() < 0.25,
        };
    }
}

// ---------------------------------------------------------------- the hand-written baseline (öre)
const MAXTAXA = 201300; // 0,5392 × 44 800 / 12 = 2 013,01, rounded to whole kronor
const ALARM = { saknas: 0, analogt: 20100, digitalt: 26900 };
function baseline(c) {
    const visits = c.besök_per_vecka;
    const care = visits === 0 ? 0 : visits <= 6 ? 70500 : visits <= 20 ? 140900 : 201300;
    const hours = c.ledsagning_per_månad;
    const escort = hours === 0 ? 0 : hours <= 4 ? 50300 : hours <= 10 ? 140900 : 201300;
    const service = ((c.städning ? 50300 : 0) + (c.tvätt ? 40300 : 0) + (c.inköp ? 30200 : 0)) * (c.sammanboende ? 0.5 : 1);
    const meals = Math.min(c.portioner * 1000, 31000);
    const total = Math.min(care + escort + service + meals + ALARM[c.larm], MAXTAXA);
    // Whole kronor, halves away from zero.
    return String(Math.round(total / 100));
}

// The same function, checking its input as the runtime does (a whole number in its domain, yes/no, a
// known enumeration value): what a consumer would have to write before trusting a register.
const whole = (v, max) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max) throw new Error(`bad value ${v}`);
    return v;
};
const yesNo = v => {
    if (v !== true && v !== false) throw new Error(`bad value ${v}`);
    return v;
};
function validatingBaseline(c) {
    const visits = whole(c.besök_per_vecka, 200);
    const care = visits === 0 ? 0 : visits <= 6 ? 70500 : visits <= 20 ? 140900 : 201300;
    const hours = whole(c.ledsagning_per_månad, 744);
    const escort = hours === 0 ? 0 : hours <= 4 ? 50300 : hours <= 10 ? 140900 : 201300;
    const service = ((yesNo(c.städning) ? 50300 : 0) + (yesNo(c.tvätt) ? 40300 : 0) + (yesNo(c.inköp) ? 30200 : 0)) * (yesNo(c.sammanboende) ? 0.5 : 1);
    const meals = Math.min(whole(c.portioner, 93) * 1000, 31000);
    const alarm = c.larm;
    // Comparisons written out: V8 runs them several times faster than a Set lookup.
    if (alarm !== 'saknas' && alarm !== 'analogt' && alarm !== 'digitalt') throw new Error(`bad value ${alarm}`);
    const total = Math.min(care + escort + service + meals + ALARM[alarm], MAXTAXA);
    return String(Math.round(total / 100));
}

async function haboRuntime() {
    return new PolicyRuntime(await compiledExampleSet(path.join(repository, 'examples/habo')));
}

const runtime = await haboRuntime();
const cases = [...register(count)];
const viaRuntime = c => runtime.calculate('hemtjänstavgift', { date: '2017-05-01', citizen: c }, { explain: false }).amount;
// What a register's loop would use: the calculation looked up and generated once.
const prepared = runtime.prepareCalculation('hemtjänstavgift');
const viaPrepared = c => prepared(c, '2017-05-01');
// The whole case as \`eval\` answers it: all 11 calculations, the 3 decision tables and the rates; the fee picked out.
const FEE = 'calculation/hemtjänstavgift';
const viaCase = c => evaluateCase(runtime, { citizen: c, date: '2017-05-01' }).amounts.find(a => a.calculation === FEE).amount;
for (const c of cases.slice(0, 20000)) {
    if (baseline(c) !== viaRuntime(c) || viaPrepared(c) !== viaRuntime(c)) {
        throw new Error(`runtime and baseline disagree: ${JSON.stringify(c)}: ${baseline(c)} vs ${viaRuntime(c)}`);
    }
}
for (const c of cases.slice(0, 20000)) {
    if (validatingBaseline(c) !== baseline(c)) {
        throw new Error(`the two baselines disagree: ${JSON.stringify(c)}`);
    }
}
const rounds = Number(args.includes('--rounds') ? args[args.indexOf('--rounds') + 1] : '15');
const results = measureInterleaved([
    ['hand-written baseline (öre)', baseline],
    ['hand-written, checking its input as the runtime does', validatingBaseline],
    ['runtime (calculate)', viaRuntime],
    ['runtime (prepareCalculation)', viaPrepared],
    ['runtime (evaluateCase: every calculation, table and rate of the case)', viaCase],
], cases, { rounds });
console.log(`Node ${process.version}; ${count.toLocaleString('en')} Habo cases; fastest of ${rounds} interleaved passes; agreement checked on the first 20 000\n`);
console.log('| evaluator | cases/s | ms | × baseline time | × checking baseline |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of results) {
    console.log(`| ${r.label} | ${Math.round(r.perSecond).toLocaleString('en')} | ${r.ms.toFixed(0)} | ${(r.ms / results[0].ms).toFixed(2)} | ${(r.ms / results[1].ms).toFixed(2)} |`);
}
