import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, test } from 'vitest';
import { URI } from 'langium';
import { BundledLibraryFileSystem, checkPolicies, compilePolicy, createRegelrattServices, shippedLibraryRoot } from '@regelratt/language';
import { startServer } from './lsp-stdio.js';

/** `använd`: the shipped national library and local files, through the checker, the command line and the editor. */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-imports-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const shipped = JSON.parse(readFileSync(path.join(repository, 'packages/language/library/nationellt/bibliotek.json'), 'utf8')) as { version: string };

let folders = 0;
/** Writes files into a fresh folder and returns it. */
function folder(files: Record<string, string>): string {
    const root = path.join(scratch, `set${++folders}`);
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        writeFileSync(path.join(root, name), text);
    }
    return root;
}

const { Regelratt: services } = createRegelrattServices(NodeFileSystem, { referenceIndex: false });
/** Checks the given files of a folder as the command line does (their imports follow). */
async function check(root: string, names: string[]) {
    const checked = await checkPolicies(services, names.map(name => ({ path: path.join(root, name), text: readFileSync(path.join(root, name), 'utf8') })));
    return checked.flatMap(c => c.diagnostics.map(d => ({ file: path.relative(root, c.path), ...d })));
}

function regelratt(args: string[], cwd = repository) {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, REGELRATT_DEBUG: '' } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('använd nationellt', () => {
    test('a library name resolves only in a policy set that imports the library', async () => {
        const without = folder({ 'p.regel': 'beräkning dubbel = prisbasbelopp × 2\n' });
        expect((await check(without, ['p.regel'])).map(d => d.code)).toEqual(['unresolved-reference']);
        const withImport = folder({ 'p.regel': 'använd nationellt\nberäkning dubbel = prisbasbelopp × 2\n' });
        expect(await check(withImport, ['p.regel'])).toEqual([]);
    });

    test('a library that is not shipped, and a path that names nothing, are import-not-found', async () => {
        const root = folder({ 'p.regel': 'använd nationell\nanvänd "../saknas"\n' });
        const found = await check(root, ['p.regel']);
        expect(found.map(d => [d.code, d.line])).toEqual([['import-not-found', 1], ['import-not-found', 2]]);
        expect(found[0].message).toBe("Det finns inget bibliotek 'nationell'; bibliotek som följer med Regelrätt: nationellt.");
        expect(found[1].message).toContain("'../saknas' finns inte");
    });

    test('a pinned version other than the shipped one is a warning naming both; the shipped one is none', async () => {
        const other = folder({ 'p.regel': 'använd nationellt version "2000.1"\n' });
        const found = await check(other, ['p.regel']);
        expect(found.map(d => [d.code, d.severity])).toEqual([['library-version-mismatch', 'warning']]);
        expect(found[0].message).toContain(`version 2000.1, som inte följer med (versioner som följer med: ${shipped.version}): namnen läses ur ${shipped.version}`);
        const same = folder({ 'p.regel': `använd nationellt version "${shipped.version}"\n` });
        expect(await check(same, ['p.regel'])).toEqual([]);
    });

    test('a name declared in the policy and in the library is duplicate-name', async () => {
        const root = folder({ 'p.regel': 'använd nationellt\nparameter prisbasbelopp : belopp { från 2024-01-01 : 57 300 kr }\n' });
        const errors = (await check(root, ['p.regel'])).filter(d => d.severity === 'error');
        expect(errors.map(d => [d.code, d.line])).toEqual([['duplicate-name', 2]]);
        expect(errors[0].message).toContain('prisbasbelopp.regel');
    });
});

describe('library versions selected by their pin', () => {
    // A library root with the current version and an earlier one kept beside it, as a later
    // Regelrätt ships them: `nationellt/` (the shipped text) and `nationellt@2025.1/` (2026's
    // prisbasbelopp not yet in it, 2025's a different figure to tell the two apart).
    const root = path.join(scratch, 'library-root');
    cpSync(path.join(repository, 'packages/language/library/nationellt'), path.join(root, 'nationellt'), { recursive: true });
    const earlier = path.join(root, 'nationellt@2025.1');
    cpSync(path.join(root, 'nationellt'), earlier, { recursive: true });
    writeFileSync(path.join(earlier, 'bibliotek.json'), JSON.stringify({ version: '2025.1', title: 'Nationella regler (2025.1)' }));
    const pbb = path.join(earlier, 'prisbasbelopp.regel');
    writeFileSync(pbb, readFileSync(pbb, 'utf8').replace(/ *från 2026-01-01 till 2026-12-31 : 59 200 kr[^\n]*\n/u, '').replace('58 800 kr', '58 000 kr'));
    const { Regelratt: versioned } = createRegelrattServices(NodeFileSystem, { referenceIndex: false, libraryRoot: URI.file(root) });
    const checkWith = async (at: string, names: string[]) => {
        const checked = await checkPolicies(versioned, names.map(name => ({ path: path.join(at, name), text: readFileSync(path.join(at, name), 'utf8') })));
        return { checked, findings: checked.flatMap(c => c.diagnostics.map(d => ({ file: path.relative(at, c.path), ...d }))) };
    };
    const prisbasbelopp2025 = (checked: Awaited<ReturnType<typeof checkPolicies>>) => {
        const library = checked.filter(c => c.library);
        const compiled = library.map(c => compilePolicy(c.document.parseResult.value, `regelratt:${c.library!.name}@${c.library!.version}/${c.library!.file}`));
        const parameter = compiled.flatMap(f => f.elements).find(e => e.id === 'parameter/prisbasbelopp') as { versions: Array<{ from: string; value: { value: string } }> };
        return { versions: new Set(library.map(c => c.library!.version)), value: parameter.versions.find(v => v.from === '2025-01-01')!.value.value, years: parameter.versions.length, sources: new Set(compiled.map(f => f.source.split('/')[0])) };
    };

    test('a pinned earlier version is read as it was, with no finding; an unpinned import reads the current one', async () => {
        const pinned = await checkWith(folder({ 'p.regel': 'använd nationellt version "2025.1"\nberäkning dubbel = prisbasbelopp × 2\n' }), ['p.regel']);
        expect(pinned.findings).toEqual([]);
        const read = prisbasbelopp2025(pinned.checked);
        expect(read.versions).toEqual(new Set(['2025.1']));
        expect(read.value).toBe('58000');
        expect(read.sources).toEqual(new Set(['regelratt:nationellt@2025.1']));
        const current = await checkWith(folder({ 'p.regel': 'använd nationellt\nberäkning dubbel = prisbasbelopp × 2\n' }), ['p.regel']);
        expect(current.findings).toEqual([]);
        expect(prisbasbelopp2025(current.checked).value).toBe('58800');
        expect(prisbasbelopp2025(current.checked).years).toBe(read.years + 1);
    });

    test('a version not shipped is library-version-mismatch listing those that are; the current one is read', async () => {
        const { findings } = await checkWith(folder({ 'p.regel': 'använd nationellt version "2000.1"\n' }), ['p.regel']);
        expect(findings.map(d => [d.code, d.severity])).toEqual([['library-version-mismatch', 'warning']]);
        expect(findings[0].message).toContain(`version 2000.1, som inte följer med (versioner som följer med: 2025.1, ${shipped.version})`);
    });

    test('two files importing the library in two versions is library-version-conflict, on each import', async () => {
        const at = folder({ 'a.regel': 'använd nationellt version "2025.1"\n', 'b.regel': 'använd nationellt\n' });
        const { findings } = await checkWith(at, ['a.regel', 'b.regel']);
        expect(findings.filter(d => d.code === 'library-version-conflict').map(d => [d.file, d.line, d.severity]))
            .toEqual([['a.regel', 1, 'error'], ['b.regel', 1, 'error']]);
        expect(findings.find(d => d.file === 'a.regel')!.message)
            .toBe(`Policyn använder biblioteket nationellt i två versioner: 2025.1 här och ${shipped.version} i b.regel. Policyn kan bara läsa ett bibliotek i en version; ange samma version i alla filer.`);
        const agreeing = folder({ 'a.regel': 'använd nationellt version "2025.1"\n', 'b.regel': 'använd nationellt version "2025.1"\n' });
        expect((await checkWith(agreeing, ['a.regel', 'b.regel'])).findings).toEqual([]);
    });

    test('a version folder whose manifest names another version is no library', async () => {
        const wrong = path.join(root, 'nationellt@2024.9');
        cpSync(earlier, wrong, { recursive: true });
        try {
            const { findings } = await checkWith(folder({ 'p.regel': 'använd nationellt version "2024.9"\n' }), ['p.regel']);
            expect(findings.map(d => d.code)).toEqual(['library-version-mismatch']);
            expect(findings[0].message).toContain(`(versioner som följer med: 2025.1, ${shipped.version})`);
        } finally {
            rmSync(wrong, { recursive: true, force: true });
        }
    });
});

describe('använd "path"', () => {
    test('a folder beside the policy is imported with every .regel file in it', async () => {
        const root = folder({
            'policy/p.regel': 'använd "../gemensamt"\nberäkning x = a + b\n',
            'gemensamt/a.regel': 'beräkning a = 1 kr\n',
            'gemensamt/under/b.regel': 'beräkning b = 2 kr\n',
        });
        expect(await check(root, ['policy/p.regel'])).toEqual([]);
    });

    test('files that import each other are import-cycle, with the chain', async () => {
        const root = folder({ 'a.regel': 'använd "sub/b.regel"\n', 'sub/b.regel': 'använd "../a.regel"\n' });
        const found = await check(root, ['a.regel']);
        expect(found.map(d => [d.file, d.code, d.message])).toEqual([
            ['a.regel', 'import-cycle', 'Filerna använder varandra i en cirkel: a.regel → sub/b.regel → a.regel. Flytta det gemensamma till en fil som inte använder någon av dem.'],
            [path.join('sub', 'b.regel'), 'import-cycle', 'Filerna använder varandra i en cirkel: b.regel → ../a.regel → b.regel. Flytta det gemensamma till en fil som inte använder någon av dem.'],
        ]);
    });

    test('files that import without a cycle are no finding', async () => {
        const root = folder({ 'a.regel': 'använd "sub/b.regel"\nberäkning x = y\n', 'sub/b.regel': 'använd "c.regel"\nberäkning y = z\n', 'sub/c.regel': 'beräkning z = 1 kr\n' });
        expect(await check(root, ['a.regel'])).toEqual([]);
    });
});

describe('the command line', () => {
    test('compile writes the imported library files beside the policy, naming the library and its version as their source', () => {
        const root = folder({ 'p.regel': 'använd nationellt\nberäkning dubbel = prisbasbelopp × 2\nexempel e { datum 2024-05-01  beräkning dubbel  förväntat 114 600 kr }\n' });
        const out = path.join(root, 'ut');
        const result = regelratt(['compile', 'p.regel', '-o', out], root);
        expect(result.stderr).toContain('1 fil kontrollerad: 0 fel, 0 varningar.');
        expect(result.code).toBe(0);
        const compiled = JSON.parse(readFileSync(path.join(out, 'regelratt-bibliotek/nationellt/prisbasbelopp.json'), 'utf8')) as { source: string; elements: { id: string; source: { file: string } }[] };
        expect(compiled.source).toBe(`regelratt:nationellt@${shipped.version}/prisbasbelopp.regel`);
        expect(compiled.elements.map(e => e.id)).toContain('parameter/prisbasbelopp');
        expect(compiled.elements[0].source.file).toBe(compiled.source);
        // The inline example is answered from the library's prisbasbelopp (57 300 kr in 2024).
        expect(regelratt(['test', 'p.regel'], root).code).toBe(0);
    });
});

describe('examples/orebro on the library (issue 25)', () => {
    // Örebro once typed minimibelopp_andel 1,3546 with no end, so its 2022 minimibelopp was too low
    // (5 452,265 kr all year). Its own examples now pin, by hand, the library's factors with 2022's
    // prisbasbelopp 48 300 kr: 1,4045 × 48 300 / 12 = 5 653,1125 kr until 2022-07-31,
    // 1,4541 × 48 300 / 12 = 5 852,7525 kr from 2022-08-01. The old figure in their place fails.
    const run = (spring: string) => {
        const copy = path.join(scratch, `orebro-${spring.replace(/\D/g, '')}`);
        cpSync(path.join(repository, 'examples/orebro'), copy, { recursive: true });
        const file = path.join(copy, 'exempel.regel');
        const text = readFileSync(file, 'utf8');
        expect(text).toContain('förväntat 5 653,1125 kr');
        writeFileSync(file, text.replace('förväntat 5 653,1125 kr', `förväntat ${spring} kr`));
        return regelratt(['test', copy]);
    };

    test('its 2022 minimibelopp follows the law\'s two changes that year, and the old figure fails', () => {
        const right = run('5 653,1125');
        expect(right.stderr).toBe('');
        expect(right.stdout).toContain('ok: minimibelopp_januari_2022');
        expect(right.stdout).toContain('ok: minimibelopp_augusti_2022');
        expect(right.stdout).toContain('Exempel: 33 gick igenom, 0 misslyckades');
        expect(right.code).toBe(0);
        const old = run('5 452,265');
        expect(old.stdout).toContain('Exempel: 32 gick igenom, 1 misslyckades');
        expect(old.code).toBe(1);
    });
});

describe('the editor', () => {
    test('go-to-definition and hover reach into the library; completion offers its names', async () => {
        const root = folder({ 'p.regel': 'använd nationellt\nberäkning dubbel = prisbasbelopp × 2\n' });
        const server = await startServer(process.execPath, root);
        try {
            server.open('p.regel', readFileSync(path.join(root, 'p.regel'), 'utf8'));
            const library = pathToFileURL(path.join(repository, 'packages/vscode/library/nationellt/prisbasbelopp.regel')).toString();
            // The library is loaded in the build after the first: ask until it answers from there.
            let definition: { uri?: string; targetUri?: string }[] = [];
            for (let attempt = 0; attempt < 60 && !definition.some(d => (d.targetUri ?? d.uri) === library); attempt++) {
                definition = (await server.request('textDocument/definition', 'p.regel', { position: { line: 1, character: 22 } }) ?? []) as typeof definition;
                await new Promise(resolve => setTimeout(resolve, 250));
            }
            expect(definition.map(d => d.targetUri ?? d.uri)).toEqual([library]);
            const hover = await server.hover('p.regel', 1, 22);
            expect(JSON.stringify(hover?.contents)).toContain('Prisbasbelopp');
            const completion = await server.request('textDocument/completion', 'p.regel', { position: { line: 1, character: 19 } }) as { items: { label: string }[] } | { label: string }[];
            const items = Array.isArray(completion) ? completion : completion.items;
            expect(items.map(item => item.label)).toContain('prisbasbelopp');
        } finally {
            await server.stop();
        }
    }, 120_000);
});

describe('without a file system (the studio\'s web worker)', () => {
    test('the library embedded as texts is imported as from disk; other paths do not exist', async () => {
        const root = path.join(repository, 'packages/language/library');
        const files = Object.fromEntries(readdirSync(root, { recursive: true, withFileTypes: true }).filter(entry => entry.isFile()).map(entry => {
            const full = path.join(entry.parentPath, entry.name);
            return [path.relative(root, full).split(path.sep).join('/'), readFileSync(full, 'utf8')];
        }));
        const { Regelratt: browser } = createRegelrattServices({ fileSystemProvider: () => new BundledLibraryFileSystem(shippedLibraryRoot(), files) });
        const [checked] = await checkPolicies(browser, [{ path: '/studio/p.regel', text: 'använd nationellt\nanvänd "../gemensamt"\nberäkning dubbel = prisbasbelopp × 2\n' }]);
        expect(checked.diagnostics.map(d => [d.code, d.line])).toEqual([['import-not-found', 2]]);
        const [without] = await checkPolicies(browser, [{ path: '/studio/p.regel', text: 'beräkning dubbel = prisbasbelopp × 2\n' }]);
        expect(without.diagnostics.map(d => d.code)).toEqual(['unresolved-reference']);
    });
});
