import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';

/** The extension by VS Code's conventions: what VS Code reads from its files, checked the way VS Code reads it. */
const extension = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/vscode');
const read = (file: string) => JSON.parse(readFileSync(path.join(extension, file), 'utf8'));
const manifest = read('package.json');

describe('the word pattern', () => {
    const { wordPattern } = read('language-configuration.json') as { wordPattern: { pattern: string; flags: string } };
    // VS Code builds the word pattern as new RegExp(pattern, flags): without `u`, \p{L} is the letter p.
    const word = new RegExp(wordPattern.pattern, wordPattern.flags);

    test.each(['hemvård_tätort', 'förlopp_1', 'ålder', 'Karla_hemvård', 'besök_per_vecka'])('matches the name %s whole', name => {
        expect(word.exec(`  ${name} `)?.[0]).toBe(name);
    });

    test('does not take a number, an operator or a quote for a word', () => {
        expect('9 676 kr'.match(new RegExp(wordPattern.pattern, `${wordPattern.flags}g`))).toEqual(['kr']);
        expect(word.exec('"ålder"')?.[0]).toBe('ålder');
    });
});

describe('contributed snippets', () => {
    const snippets = Object.entries(read('snippets/regelratt.json') as Record<string, { prefix: string; body: string[] }>);

    test('cover the blocks a writer starts most', () => {
        expect(snippets.map(([name]) => name).sort()).toEqual(['avgift', 'beräkning', 'beslutstabell', 'exempel', 'förloppsmodell', 'nivåtabell', 'pilot']);
        expect(manifest.contributes.snippets).toEqual([{ language: 'regelratt', path: './snippets/regelratt.json' }]);
    });

    test.each(snippets)('%s, with its placeholders left at their defaults, is valid syntax', async (_name, snippet) => {
        const text = snippet.body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/snippet/s.regel', text }]);
        expect(checked.diagnostics.filter(d => d.code === 'syntax-error' || d.code === 'lexical-error').map(d => d.message), text).toEqual([]);
    });
});

describe('translations', () => {
    const english = read('package.nls.json') as Record<string, string>;
    const swedish = read('package.nls.sv.json') as Record<string, string>;
    const bundle = read('l10n/bundle.l10n.sv.json') as Record<string, string>;

    test('every %key% of package.json has an English and a Swedish text', () => {
        const keys = [...JSON.stringify(manifest).matchAll(/"%([\w.]+)%"/g)].map(m => m[1]);
        expect(keys.length).toBeGreaterThan(3);
        for (const key of keys) {
            expect(english[key], key).toBeTruthy();
            expect(swedish[key], key).toBeTruthy();
        }
        expect(Object.keys(swedish).sort()).toEqual(Object.keys(english).sort());
    });

    test('the Swedish texts say what a writer calls a finding, not the jargon "diagnos"', () => {
        for (const [key, text] of Object.entries({ ...swedish, ...bundle })) {
            expect(text, key).not.toMatch(/diagnos/i);
        }
    });

    test('every string the extension shows has a Swedish translation', () => {
        const source = readFileSync(path.join(extension, 'src/extension.ts'), 'utf8');
        const shown = [...source.matchAll(/l10n\.t\('([^']+)'/g)].map(m => m[1]);
        expect(shown.length).toBeGreaterThan(2);
        for (const text of shown) {
            expect(bundle[text], text).toBeTruthy();
        }
        // No user-facing text outside the catalogue.
        expect(source).not.toMatch(/show(Information|Error|Warning)Message\(\s*['`"]/);
    });
});

describe('commands', () => {
    test('"Starta om språkservern", "Förhandsgranska dokument" and "Jämför med senaste commit" are contributed and registered', () => {
        const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
        expect(commands).toEqual(['regelratt.restartServer', 'regelratt.previewDocument', 'regelratt.compareWithLastCommit']);
        const source = readFileSync(path.join(extension, 'src/extension.ts'), 'utf8');
        for (const command of commands) {
            expect(source).toContain(`registerCommand('${command}'`);
        }
        // VS Code (1.74 and later) activates on a contributed command by itself; listing it again is noise.
        expect(manifest.activationEvents).toEqual(['onLanguage:regelratt']);
        // The preview is one click away in a .regel editor's title bar.
        expect(manifest.contributes.menus['editor/title']).toEqual([{ command: 'regelratt.previewDocument', when: 'editorLangId == regelratt', group: 'navigation' }]);
    });

    test('"Jämför med senaste commit" is titled in both languages and asks the server for the diff against HEAD', () => {
        const contributed = manifest.contributes.commands.find((c: { command: string }) => c.command === 'regelratt.compareWithLastCommit');
        expect(contributed).toMatchObject({ title: '%command.compareWithLastCommit%', category: 'Regelrätt' });
        expect(read('package.nls.sv.json')['command.compareWithLastCommit']).toBe('Jämför med senaste commit');
        expect(read('package.nls.json')['command.compareWithLastCommit']).toBe('Compare with the last commit');
        const source = readFileSync(path.join(extension, 'src/extension.ts'), 'utf8');
        expect(source).toContain("request: 'regelratt/revisionDiff'");
    });
});
