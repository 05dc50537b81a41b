import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extension = path.join(repository, 'packages/vscode');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-vsix-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The names in a zip archive (a .vsix is one), read from its central directory. */
function zipEntries(archive: Buffer): string[] {
    const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const count = archive.readUInt16LE(end + 10);
    let offset = archive.readUInt32LE(end + 16);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
        const nameLength = archive.readUInt16LE(offset + 28);
        const extraLength = archive.readUInt16LE(offset + 30);
        const commentLength = archive.readUInt16LE(offset + 32);
        names.push(archive.toString('utf8', offset + 46, offset + 46 + nameLength));
        offset += 46 + nameLength + extraLength + commentLength;
    }
    return names.sort();
}

describe('the VS Code extension package', () => {
    test('builds with vsce and holds the minified bundles, the shipped libraries, grammar, language configuration, snippets, translations, icon and licence, and nothing else', () => {
        // The libraries a policy imports (`använd nationellt`), every file of the language's library folder.
        const library = (readdirSync(path.join(repository, 'packages/language/library'), { recursive: true, withFileTypes: true }))
            .filter(entry => entry.isFile())
            .map(entry => `extension/library/${path.relative(path.join(repository, 'packages/language/library'), path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);
        expect(library).toContain('extension/library/nationellt/bibliotek.json');
        const vsix = path.join(scratch, 'regelratt.vsix');
        const vsce = path.join(repository, 'node_modules/@vscode/vsce/vsce');
        const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], { cwd: extension, encoding: 'utf8', timeout: 120_000 });
        expect(run.status, run.stderr + run.stdout).toBe(0);
        const entries = zipEntries(readFileSync(vsix));
        expect(entries).toEqual(([
            '[Content_Types].xml',
            'extension.vsixmanifest',
            'extension/LICENSE.txt',
            'extension/images/icon.png',
            'extension/l10n/bundle.l10n.sv.json',
            'extension/language-configuration.json',
            ...library,
            'extension/out/extension.cjs',
            'extension/out/server.cjs',
            'extension/package.json',
            'extension/package.nls.json',
            'extension/package.nls.sv.json',
            'extension/readme.md',
            'extension/snippets/regelratt.json',
            'extension/syntaxes/regelratt.tmLanguage.json',
        ]).sort());
        expect(entries.some(e => e.includes('node_modules') || e.endsWith('.ts') || e.endsWith('.map') || e.includes('test'))).toBe(false);
        // About 400 KB: the compressed bundles. The source maps alone were 6,5 MB.
        expect(statSync(vsix).size).toBeLessThan(600_000);
        const manifest = JSON.parse(readFileSync(path.join(extension, 'package.json'), 'utf8'));
        // VS Code reads only engines.vscode; a node engine there promises nothing.
        expect(Object.keys(manifest.engines)).toEqual(['vscode']);
        expect(manifest.activationEvents.filter((event: string) => event.startsWith('onCommand:'))).toEqual([]);
        // Minified: unminified it is about 3,1 MB. At 1,6 MB (December 2026) the largest parts are the
        // compiled format's generated validator (240 KB), vscode-languageserver and Langium (about 180 KB
        // each) and the grammar (115 KB); the bound leaves room for the language to grow, not for a
        // bundle that is not minified or that pulls in a package it should not.
        expect(readFileSync(path.join(extension, 'out/server.cjs')).length).toBeLessThan(1_900_000);
    });

    test('the bundled server runs without node_modules: it requires only Node built-ins', () => {
        const bundle = readFileSync(path.join(extension, 'out/server.cjs'), 'utf8');
        const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map(m => m[1]);
        expect(required.filter(name => !name.startsWith('node:') && !['fs', 'path', 'os', 'util', 'url', 'crypto', 'events', 'stream', 'child_process', 'net', 'assert', 'buffer', 'string_decoder', 'worker_threads', 'readline', 'tty', 'perf_hooks', 'process', 'module', 'zlib', 'http', 'https', 'v8', 'vm', 'timers', 'constants', 'inspector', 'async_hooks'].includes(name))).toEqual([]);
    });
});
