import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';

/**
 * `check --format sarif` gives each message in both languages. The other language's messages come
 * from the documents already loaded, validated again in that language (checkPoliciesAgain), not from
 * a second load of the workspace: the loads are counted (every load checks its files through
 * checkPolicies), and the messages are held to those of a load in the other language.
 */
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('@regelratt/language', async original => {
    const actual = await original<typeof import('@regelratt/language')>();
    return {
        ...actual,
        checkPolicies: (...args: Parameters<typeof actual.checkPolicies>) => {
            loads.count++;
            return actual.checkPolicies(...args);
        },
    };
});

const { parseArguments } = await import('../packages/cli/src/arguments.js');
const { otherLanguage, runCheck } = await import('../packages/cli/src/commands/check.js');
const { loadWorkspace } = await import('../packages/cli/src/load-workspace.js');

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function options(...argv: string[]) {
    const parsed = parseArguments(['check', ...argv]);
    if (!parsed.ok) {
        throw new Error(parsed.problem.en);
    }
    return parsed.options;
}

async function load(argv: string[]) {
    const loaded = await loadWorkspace(options(...argv), repository);
    if (!loaded.ok) {
        throw new Error(loaded.problems.map(p => p.message).join('; '));
    }
    return loaded.workspace;
}

describe('check --format sarif in both languages', () => {
    test('loads the workspace once', async () => {
        let out = '';
        const io = { stdout: { write: (chunk: string | Uint8Array) => { out += String(chunk); } }, stderr: { write: () => undefined }, cwd: repository };
        loads.count = 0;
        const status = await runCheck(options('examples/broken', '--format', 'sarif'), io);
        expect(status).toBe(1);
        expect(loads.count).toBe(1);
        // And every result has its message in both languages, the English one from the second validation.
        const results: Array<{ properties: { messages: Record<string, string> } }> = JSON.parse(out).runs[0].results;
        expect(results.length).toBeGreaterThan(10);
        for (const result of results) {
            expect(Object.keys(result.properties.messages)).toEqual(['sv', 'en']);
            expect(result.properties.messages.en).not.toBe(result.properties.messages.sv);
        }
    }, 120_000);

    test.each([
        // Every example policy checked in Swedish (Örebro's uncovered regions say `= nej` in Swedish,
        // `= no` in English), two in English.
        ...readdirSync(path.join(repository, 'examples')).sort().map(folder => [[`examples/${folder}`]]),
        [['examples/broken', '--lang', 'en']],
        [['examples/orebro', '--lang', 'en']],
    ])('%j: the other language\'s messages are those a load in that language gives, and the first run\'s stay', async argv => {
        const workspace = await load(argv);
        const first = structuredClone(workspace.diagnostics);
        const locale = workspace.services.i18n.Locale.current;
        const translated = await otherLanguage(workspace, options(...argv), repository);
        const other = locale === 'sv' ? 'en' : 'sv';
        const alone = await load([...argv.filter((arg, i) => arg !== '--lang' && argv[i - 1] !== '--lang'), '--lang', other]);
        expect(translated).toEqual(alone.diagnostics);
        // The same findings in the same order, which is how SARIF pairs a message with its translation.
        expect(translated.map(d => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual(first.map(d => `${d.code} ${d.file}:${d.line}:${d.column}`));
        if (first.length > 0) {
            expect(translated.map(d => d.message)).not.toEqual(first.map(d => d.message));
        }
        // The locale is set back and the documents keep the first run's findings.
        expect(workspace.services.i18n.Locale.current).toBe(locale);
        expect(workspace.diagnostics).toEqual(first);
    }, 120_000);
});
