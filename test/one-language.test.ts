import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstUtils } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { beforeAll, describe, expect, test } from 'vitest';
import { UNIT_NAMES } from '@regelratt/format';
import { checkPolicies, createRegelrattServices, diagnosticCatalogue, type MessageArgs } from '@regelratt/language';
import { LOG_LEVELS } from '../packages/cli/dist/arguments.js';
import { choicesOf, commandHelp, COMMANDS, globalHelp, OPTIONS, type CommandName, type OptionName } from '../packages/cli/dist/commands-spec.js';

/**
 * One language at a time (issue 24 part 3): every diagnostic, in Swedish and in English, says nothing
 * in the other language. The word lists are the catalogue's own: a word that only the English
 * messages use is English, one only the Swedish use is Swedish. Then the messages real policies get
 * (SARIF carries both languages of each) are held to those lists, in both directions.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');

// Every argument a figure: the catalogue's own words are what remain.
const anyArgs = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? '7' : undefined), has: () => true }) as MessageArgs;
/** The language's keywords and examples quoted in a message ('träff första', om … så …) are the policy's words, not the message's. */
const unquoted = (text: string) => text.replace(/'[^']*'/g, ' ').replace(/\([^)]*…[^)]*\)/g, ' ');
/** The units a policy writes (timmar, mån), the same in both languages' messages by design (answer-unit.ts). */
const unitWords = new Set(Object.values(UNIT_NAMES).flatMap(n => [n.plural, n.singular, n.short, n.shortPer]));
/** Words of three letters or more; a name with an underscore is the policy's identifier, not a word of either language. */
const words = (text: string): string[] => (unquoted(text).toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [])
    .filter(w => w.length >= 3 && !w.includes('_') && /^\p{L}+$/u.test(w) && !unitWords.has(w));

const rendered = Object.values(diagnosticCatalogue).map(d => ({ sv: d.sv(anyArgs), en: d.en(anyArgs) }));
const swedishWords = new Set(rendered.flatMap(r => words(r.sv)));
const englishWords = new Set(rendered.flatMap(r => words(r.en)));
const onlySwedish = new Set([...swedishWords].filter(w => !englishWords.has(w)));
const onlyEnglish = new Set([...englishWords].filter(w => !swedishWords.has(w)));

/** The Swedish terms English messages keep, as the English docs do: no English word says the same. */
const SWEDISH_TERMS = ['regelrätt', 'förlopp', 'avgiftsutrymme', 'maxtaxa', 'minimibelopp', 'kronor', 'öre', 'åtgärd', 'nationellt'];

describe('diagnostics in one language at a time', () => {
    test('the catalogue: no message uses a word only the other language\'s messages use', () => {
        expect(onlySwedish.size).toBeGreaterThan(300);
        expect(onlyEnglish.size).toBeGreaterThan(300);
        const shared = [...swedishWords].filter(w => englishWords.has(w) && !SWEDISH_TERMS.includes(w));
        // Words both languages spell alike; any other shared word is a message in the wrong language.
        expect(shared.sort()).toEqual(['block', 'division', 'dmn', 'max', 'parameter', 'per', 'regel', 'text', 'utf', 'version']);
    });

    const sets = [...readdirSync(path.join(repository, 'examples'))].sort();
    /** The names and titles the policies declare (hemtjänst, Dagverksamhet): the policy's words, said as written in either language. */
    const declared = new Set<string>();
    beforeAll(async () => {
        const { Regelratt: services } = createRegelrattServices(NodeFileSystem, { referenceIndex: false });
        for (const set of sets) {
            const folder = path.join(repository, 'examples', set);
            const files = readdirSync(folder).filter(f => f.endsWith('.regel')).map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') }));
            for (const checked of await checkPolicies(services, files)) {
                for (const node of AstUtils.streamAst(checked.document.parseResult.value)) {
                    for (const text of [(node as { name?: unknown }).name, (node as { title?: unknown }).title]) {
                        if (typeof text === 'string') {
                            for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) declared.add(word);
                        }
                    }
                }
            }
        }
    }, 120_000);
    const results = sets.flatMap(set => {
        const run = spawnSync(process.execPath, [bin, 'check', `examples/${set}`, '--format', 'sarif', '--info'], { cwd: repository, encoding: 'utf8' });
        const log = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; properties: { messages: { sv?: string; en?: string } } }> }> };
        return log.runs[0].results.map(r => ({ set, code: r.ruleId, ...r.properties.messages }));
    });

    test('every example set\'s findings, broken ones included, come in both languages', () => {
        expect(results.length).toBeGreaterThan(25);
        expect(results.filter(r => !r.sv || !r.en).map(r => `${r.set}: ${r.code}`)).toEqual([]);
    });

    test('the Swedish text of every finding has no English-only word, the English none Swedish-only', () => {
        const mixed: string[] = [];
        for (const r of results) {
            expect(declared.size).toBeGreaterThan(100);
            const english = words(r.sv ?? '').filter(w => onlyEnglish.has(w) && !declared.has(w));
            const swedish = words(r.en ?? '').filter(w => onlySwedish.has(w) && !declared.has(w));
            if (english.length > 0) mixed.push(`${r.set} ${r.code} sv: ${r.sv} [${english.join(', ')}]`);
            if (swedish.length > 0) mixed.push(`${r.set} ${r.code} en: ${r.en} [${swedish.join(', ')}]`);
            // Yes and no are too short for the word lists: a criterion's value is said in the message's language.
            if (/= (?:yes|no)\b/.test(r.sv ?? '')) mixed.push(`${r.set} ${r.code} sv: ${r.sv} [yes/no]`);
            if (/= (?:ja|nej)\b/.test(r.en ?? '')) mixed.push(`${r.set} ${r.code} en: ${r.en} [ja/nej]`);
        }
        expect(mixed).toEqual([]);
    });
});

describe('help in one language at a time', () => {
    /** What the reader types is code, not prose: options, placeholders, command names and option values. */
    const code = new Set([...Object.keys(COMMANDS), ...Object.values(COMMANDS).flatMap(c => ('subcommands' in c ? c.subcommands : [])), ...LOG_LEVELS, ...(Object.keys(COMMANDS) as CommandName[]).flatMap(c => (Object.keys(OPTIONS) as OptionName[]).flatMap(o => choicesOf(o, c) ?? []))]);
    // Swedish words the catalogue happens to use only in English: spelled alike in both languages.
    const alike = new Set(['policy', 'under']);
    const prose = (help: string) => words(help.replace(/--?[\w-]+/g, ' ').replace(/<[^>]*>/g, ' ')).filter(w => !code.has(w) && !alike.has(w));

    test('the help of the tool and of every command has no word only the other language uses', () => {
        const mixed: string[] = [];
        const helps: Array<[string, (locale: 'sv' | 'en') => string]> = [
            ['regelratt', locale => globalHelp(locale)],
            ...(Object.keys(COMMANDS) as CommandName[]).map((c): [string, (locale: 'sv' | 'en') => string] => [c, locale => commandHelp(c, locale)]),
        ];
        for (const [name, help] of helps) {
            const swedish = help('sv');
            const english = help('en');
            expect(english).not.toBe(swedish);
            const inSwedish = prose(swedish).filter(w => onlyEnglish.has(w));
            const inEnglish = prose(english).filter(w => onlySwedish.has(w) && !SWEDISH_TERMS.includes(w));
            if (inSwedish.length > 0) mixed.push(`${name} sv: ${[...new Set(inSwedish)].join(', ')}`);
            if (inEnglish.length > 0) mixed.push(`${name} en: ${[...new Set(inEnglish)].join(', ')}`);
        }
        expect(mixed).toEqual([]);
    });
});
