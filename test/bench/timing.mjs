/**
 * Throughput of several evaluators over the same cases, measured so that their figures compare:
 *
 * - Each evaluator gets its own timing loop. A loop shared by several sees several functions at one
 *   call site, V8 stops inlining them, and whichever is measured later looks slower than it is. The
 *   loops are made by `new Function` with a comment naming the evaluator, because V8 shares the
 *   feedback of `new Function`s with the same source (which undoes the separation).
 * - Passes of all evaluators are interleaved, so a slow spell of a shared machine hits them alike,
 *   and each evaluator's fastest pass is its figure.
 *
 * `weigh(answer)` turns each answer into a number summed over the pass, so nothing is optimised
 * away; the sums must agree between evaluators (a cheap check that they answered alike).
 */
export function measureInterleaved(evaluators, cases, { rounds = 15, weigh = answer => answer.length, warmup = 5000 } = {}) {
    const loops = evaluators.map(([label]) => new Function('evaluate', 'weigh', 'cases', `// ${JSON.stringify(label).replace(/\n/g, ' ')}
        let sum = 0;
        const start = performance.now();
        for (const c of cases) sum += weigh(evaluate(c));
        return [performance.now() - start, sum];`));
    evaluators.forEach(([, evaluate]) => {
        for (let i = 0; i < Math.min(warmup, cases.length); i++) evaluate(cases[i]);
    });
    const best = evaluators.map(() => Infinity);
    const sums = evaluators.map(() => 0);
    for (let round = 0; round < rounds; round++) {
        evaluators.forEach(([, evaluate], i) => {
            const [ms, sum] = loops[i](evaluate, weigh, cases);
            best[i] = Math.min(best[i], ms);
            sums[i] = sum;
        });
    }
    if (new Set(sums).size !== 1) {
        throw new Error(`the evaluators' answers differ: ${evaluators.map(([label], i) => `${label} ${sums[i]}`).join(', ')}`);
    }
    return evaluators.map(([label], i) => ({ label, ms: best[i], perSecond: cases.length / (best[i] / 1000) }));
}
