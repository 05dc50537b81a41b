/**
 * The check of a decision table whose cells name a dated parameter (`> gräns`), against the same
 * table with a constant: the analysis runs once per distinct value of the parameter over the table's
 * dates, so its cost grows with the number of versions. Usage: node test/bench/named-bounds.mjs [--runs 21]
 */
import { EmptyFileSystem } from 'langium';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';

const args = process.argv.slice(2);
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : '21');
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

function policy(versions, named) {
    const dated = Array.from({ length: versions }, (_, i) => `från ${2000 + i}-01-01 till ${2000 + i}-12-31 : ${40 + i} år`).join('  ');
    const bound = named ? 'gräns' : '40';
    return [
        'egenskap ålder : heltal 0–120 år', 'egenskap förmåga : en av { hög, utvecklingsbar, nedsatt }',
        `parameter gräns : heltal { ${dated} }`,
        'beslutstabell t {', '    träff första', '    | ålder | förmåga || nivå |',
        '    | < 10 | hög || 1 |', `    | 10–${bound} | hög || 2 |`, `    | > ${bound} | hög || 3 |`,
        `    | <= ${bound} | utvecklingsbar || 4 |`, `    | > ${bound} | utvecklingsbar || 5 |`, '    | - | nedsatt || 6 |', '}',
    ].join('\n');
}

const cases = [['constant', policy(1, false)], ['1 version', policy(1, true)], ['10 versions', policy(10, true)], ['50 versions', policy(50, true)]];
// Every case `runs` times to warm up (the compiler's tiers), then the median of `runs` checks of each.
for (let i = 0; i < runs; i++) {
    for (const [name, text] of cases) {
        await checkPolicies(Regelratt, [{ path: `/bench/${name}-warm${i}.regel`, text }]);
    }
}
for (const [name, text] of cases) {
    const times = [];
    for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await checkPolicies(Regelratt, [{ path: `/bench/${name}-${i}.regel`, text }]);
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    console.log(`${name}: ${times[Math.floor(runs / 2)].toFixed(1)} ms`);
}
