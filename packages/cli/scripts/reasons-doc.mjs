/**
 * Writes the real reasons in docs/reasons.md (between its `reasons:start` and `reasons:end` marks):
 * each listed inline example of the example sets, compiled and answered as `regelratt eval` does,
 * with the reason the runtime's answer gets. test/reasons.test.ts runs this with --check and fails
 * when the page and the rules have drifted apart; run it (after `npm run build`) to bring the page in step.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { exampleQuestion, reasonFor } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const page = path.join(repository, 'docs/reasons.md');

/** Which examples the page shows, and what each shows about reasons. */
const SHOWN = [
    ['habo', 'nivå_två_når_taket', 'sv', "Habo's monthly fee, capped by the maxtaxa"],
    ['habo', 'par_delar_service', 'sv', 'A couple sharing the service fees'],
    ['habo', 'matdistribution_tak', 'sv', 'A cap inside a calculation'],
    ['bollnas', 'sammanboende_2021', 'sv', 'A minimibelopp for a couple, rounded down'],
    ['nordmaling', 'under_förbehållet', 'sv', 'A fee that the avgiftsutrymme brings to its floor of 0 kr'],
    ['sollentuna', 'tio_timmar', 'sv', "Sollentuna's hourly fee at the maxtaxa"],
    ['orebro-revision', 'boende_medborgare_9', 'sv', 'A förlopp, with a fact that did not matter and the change that gives another förlopp'],
    ['orebro', 'dagrehab_65_år', 'sv', 'A pilot: one requirement failed, the others did not matter, and the nearest age that includes'],
    ['orebro', 'dagrehab_före_testet', 'sv', "A pilot: a day outside the pilot's period"],
    ['orebro', 'ersättning_nivå_10', 'sv', 'Compensation to the provider for a level'],
    ['orebro', 'terapeut_rad_11', 'sv', "A net effect with the therapist's hours"],
    ['jonkoping', 'timpris_landsbygd', 'sv', 'A decision table: the row that decided, and the other values that give other answers'],
    ['habo', 'nivå_efter_besök', 'sv', 'A level by visits a week: the nearest boundary each way'],
    ['tranemo', 'vårdar_två_timmar', 'sv', "An insats refused: the limit in the `beviljas när` that grants it"],
    ['tyreso', 'privat_ledsagning_lss', 'sv', 'A rate with a share for private providers, rounded to öre'],
    ['habo', 'nivå_två_når_taket', 'en', "Habo's monthly fee in English (`--lang en`)"],
];

const runtimes = new Map();
async function runtimeOf(set) {
    if (!runtimes.has(set)) {
        const folder = path.join(repository, 'examples', set);
        const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
        // From disk: a set may import the national library (`använd nationellt`).
        const { Regelratt } = createRegelrattServices(NodeFileSystem);
        const checked = await checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
        runtimes.set(set, new PolicyRuntime(checked.map(c => compilePolicy(c.document.parseResult.value, path.basename(c.path)))));
    }
    return runtimes.get(set);
}

const sections = [];
for (const [set, name, locale, heading] of SHOWN) {
    const runtime = await runtimeOf(set);
    const example = runtime.policy.get(name, 'example');
    const reason = reasonFor(runtime, exampleQuestion(example), locale);
    sections.push(`### ${heading}\n\n\`examples/${set}\`, the example \`${name}\`${example.title ? ` ("${example.title}")` : ''}:\n\n\`\`\`text\n${reason.text}\n\`\`\``);
}
const generated = `<!-- reasons:start (written by packages/cli/scripts/reasons-doc.mjs) -->\n\n${sections.join('\n\n')}\n\n<!-- reasons:end -->`;
const current = readFileSync(page, 'utf8');
const next = current.replace(/<!-- reasons:start[\s\S]*<!-- reasons:end -->/, generated);
if (process.argv.includes('--check')) {
    if (next !== current) {
        console.error('docs/reasons.md is behind the rules: run node packages/cli/scripts/reasons-doc.mjs');
        process.exit(1);
    }
} else {
    writeFileSync(page, next);
    console.log('docs/reasons.md written');
}
