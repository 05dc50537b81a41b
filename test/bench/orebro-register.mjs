/**
 * The synthetic Örebro register and the hand-written function for the same rules, shared by the
 * runtime bench (runtime.mjs) and the register benches (eval-register.mjs, register-impact.mjs,
 * readline-baseline.mjs).
 */
import { createWriteStream } from 'node:fs';

// ---------------------------------------------------------------- the register
export function* register(n) {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const abilities = ['hög', 'utvecklingsbar', 'nedsatt'];
    const kinds = ['första_ansökan', 'utökning', 'uppföljning', 'övrigt'];
    const levels = [0, 4, 5, 7, 8, 10, 11, 12, 13, 14, 23];
    for (let i = 0; i < n; i++) {
        yield {
            id: i,
            citizen: {
                aktivitetsförmåga: abilities[Math.floor(random() * 3)],
                ålder: 18 + Math.floor(random() * 85),
                kan_ta_sig_till_vårdcentral: random() < 0.5,
                kognitiv_svikt: random() < 0.3,
                motiverad_till_träning: random() < 0.7,
                ärendetyp: kinds[Math.floor(random() * 4)],
            },
            level: levels[Math.floor(random() * levels.length)],
            date: '2021-06-01',
        };
    }
}

/** The register of n cases as an NDJSON file, written as a stream (a million cases are 219 MB). */
export async function writeRegister(file, n) {
    const out = createWriteStream(file);
    for (const c of register(n)) {
        if (!out.write(`${JSON.stringify(c)}\n`)) await new Promise(resolve => out.once('drain', resolve));
    }
    await new Promise(resolve => out.end(resolve));
}

// ---------------------------------------------------------------- the hand-written baseline
// Örebro's fee has its takbelopp open (the sources do not give them), so for every level the answer is
// the same typed error; a hand-written system would also decide that once per level.
const FEE_LEVELS = new Set([1, 2, 3]);
const FEE_ERRORS = new Map();
function feeAnswer(level) {
    let error = FEE_ERRORS.get(level);
    if (!error) {
        error = FEE_LEVELS.has(level)
            ? { code: 'open-amount', message: `Policyn anger inget belopp för takbeloppet för nivå ${level} i hemvårdsavgift.`, details: { fee: 'fee/hemvårdsavgift', level } }
            : { code: 'unknown-level', message: `hemvårdsavgift har inget takbelopp för nivå ${level}.`, details: { fee: 'fee/hemvårdsavgift', level } };
        FEE_ERRORS.set(level, error);
    }
    return [{ fee: 'fee/hemvårdsavgift', error }];
}
let RATES = [];
/** Örebro's rates on the register's date, as a hand-written system would have them configured. */
export function setRates(rates) {
    RATES = rates;
}
const AMOUNTS = new Map([[0, '0'], [4, '2037'], [5, '2910'], [7, '5723'], [8, '7154'], [10, '9676'], [11, '11058'], [12, '12440'], [13, '13823'], [14, '15205'], [23, '37830']]);
const PATHWAYS = { hög: 'pathway/förlopp_1', utvecklingsbar: 'pathway/förlopp_2', nedsatt: 'pathway/förlopp_3' };
const KINDS = new Set(['första_ansökan', 'utökning', 'uppföljning', 'övrigt']);
function bool(value, name) {
    if (value === true || value === 'ja') return true;
    if (value === false || value === 'nej') return false;
    throw new Error(`${name}: not yes/no`);
}
export function baseline(c) {
    const p = c.citizen;
    const pathway = PATHWAYS[p.aktivitetsförmåga];
    if (!pathway) throw new Error('aktivitetsförmåga outside domain');
    const age = p.ålder;
    if (!Number.isInteger(age) || age < 0 || age > 120) throw new Error('ålder outside domain');
    if (!KINDS.has(p.ärendetyp)) throw new Error('ärendetyp outside domain');
    const inDagrehab = c.date >= '2021-03-01' && c.date <= '2021-12-31';
    const inHandläggare = c.date >= '2020-01-01' && c.date <= '2021-12-31';
    const dagrehab = age > 65 && !bool(p.kan_ta_sig_till_vårdcentral, 'vc') && !bool(p.kognitiv_svikt, 'svikt') && bool(p.motiverad_till_träning, 'motiverad') && inDagrehab;
    const handläggare = (p.ärendetyp === 'första_ansökan' || p.ärendetyp === 'utökning' || p.ärendetyp === 'uppföljning') && inHandläggare;
    const amount = AMOUNTS.get(c.level);
    return {
        id: c.id,
        placements: [{ model: 'pathwayModel/rehabiliterande_förlopp', pathway, secondary: null }],
        inclusions: [{ pilot: 'pilot/dagrehab_hemrehab', included: dagrehab, requirements: [] }, { pilot: 'pilot/handläggare_och_arbetsterapeut', included: handläggare, requirements: [] }],
        compensation: amount === undefined ? [] : [{ table: 'levelTable/hemvård_tätort', amount }],
        fees: feeAnswer(c.level),
        // The rates do not depend on the citizen: the same entries in a list of each case's own, as the runtime gives them.
        rates: RATES.slice(),
    };
}

