import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the built command as a user would, with the same Node that runs the tests. */
function regelratt(args: string[], cwd = repository) {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, REGELRATT_DEBUG: '' } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Buffer): string {
    const target = path.join(scratch, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
    return target;
}

function expectNoStackTrace(output: { stdout: string; stderr: string }) {
    expect(output.stdout + output.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('regelratt check', () => {
    test('the Örebro policy set has no errors, only what the source really lacks: exit 0', () => {
        const result = regelratt(['check', 'examples/orebro']);
        expect(result.code).toBe(0);
        // The seed gives no amounts for these levels; that is the one finding the policy set has.
        expect(result.stdout).toBe('examples/orebro/hemvard-ersattning.regel:6:12: varning: Belopp är inte angivet för nivå 1–3, 6, 9 och 15–22. [open-amount]\n');
        expect(result.stderr).toBe('13 filer kontrollerade: 0 fel, 1 varning. (4 upplysningar om oanvända namn och 3 tips om regioner utan exempel; visa med --info.)\n');
    });

    test('--info shows the notes about unused names', () => {
        const result = regelratt(['check', 'examples/orebro', '--info']);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('examples/orebro/organisation.regel:12:8: info: Område landsbygd används inte någonstans i arbetsytan. [unused-declaration]');
        expect(result.stderr).toBe('13 filer kontrollerade: 0 fel, 1 varning.\n');
    });

    test('errors are printed as file:line:col: fel: message [code] with exit 1', () => {
        const broken = file('broken/tabell.regel', 'insats hemvård\nnivåtabell t {\n  insats hemvård\n  nivå 4 : 2 037\n}\n');
        const result = regelratt(['check', broken], scratch);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('broken/tabell.regel:4:12: fel: Beloppet 2 037 saknar enhet; skriv 2 037 kr. [missing-unit]\n');
        expect(result.stderr).toContain('1 fil kontrollerad: 1 fel, 0 varningar.');
    });

    test('a hint that two rows can merge is counted apart from the regions without an example', () => {
        const table = file('merge/a.regel', 'egenskap ålder : heltal 0–120 år\nbeslutstabell t {\n | ålder || nivå |\n | 0–17 || 0 |\n | 18–64 || 1 |\n | >= 65 || 1 |\n}\n');
        const result = regelratt(['check', table], scratch);
        expect(result.code).toBe(0);
        expect(result.stderr).toBe('1 fil kontrollerad: 0 fel, 0 varningar. (1 annat tips; visa med --info.)\n');
    });

    test('warnings alone leave the exit code 0', () => {
        const warned = file('warned/a.regel', 'egenskap ålder : heltal 0–120 år\npilot p { inkludera när ålder < 150 }\n');
        const result = regelratt(['check', warned], scratch);
        expect(result.code).toBe(0);
        expect(result.stdout).toBe('warned/a.regel:2:33: varning: 150 ligger utanför ålders definitionsområde 0–120. [value-outside-domain]\n');
    });

    test('--lang en gives English', () => {
        const broken = file('english/a.regel', 'nivåtabell t { nivå 4 : 2 037 }\n');
        const result = regelratt(['check', broken, '--lang', 'en'], scratch);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('english/a.regel:1:25: error: The amount 2 037 has no unit; write 2 037 kr. [missing-unit]\n');
        expect(result.stderr).toContain('1 file checked: 1 error, 0 warnings.');
    });

    test('--format json gives machine-readable diagnostics', () => {
        const broken = file('json/a.regel', 'nivåtabell t { nivå 4 : 1 kr\nnivå 4 : 2 kr }\n');
        const result = regelratt(['check', broken, '--format', 'json'], scratch);
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout);
        expect(report.summary).toEqual({ files: 1, errors: 1, warnings: 0, infos: 0 });
        expect(report.diagnostics[0]).toMatchObject({ file: 'json/a.regel', line: 2, column: 6, severity: 'error', code: 'duplicate-level', args: { level: '4', line: 1 } });
    });

    test('many findings of one kind at one place: three in the text and a count, every one in --format json', () => {
        // Twenty förlopp each take one age and one answer: every age leaves the other answer uncovered.
        const pathways = Array.from({ length: 20 }, (_, age) => `  förlopp f${age} "F" { när ålder = ${age} och ${age % 2 ? 'k' : 'inte k'} }`);
        const many = file('many/a.regel', [
            'insats hv "HV"', 'egenskap ålder "Å" : heltal 0–19 år', 'egenskap k "K" : ja/nej',
            'förloppsmodell m "M" {', '  avser hv', ...pathways, '}', '',
        ].join('\n'));
        const text = regelratt(['check', many], scratch);
        expect(text.code).toBe(1);
        const lines = text.stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(4);
        expect(lines.slice(0, 3).every(line => line.startsWith('many/a.regel:4:16: fel: Inget förlopp gäller för:') && line.endsWith('[pathway-gap]'))).toBe(true);
        expect(lines[3]).toBe('many/a.regel:4:16: … och 17 fall till av samma slag [pathway-gap]; alla visas med --format json.');
        expect(text.stderr).toContain('1 fil kontrollerad: 20 fel, 0 varningar.');
        const json = JSON.parse(regelratt(['check', many, '--format', 'json'], scratch).stdout);
        const gaps = json.diagnostics.filter((d: { code: string }) => d.code === 'pathway-gap');
        expect(gaps).toHaveLength(20);
        expect(new Set(gaps.map((d: { witness: { text: string } }) => d.witness.text)).size).toBe(20);
        expect(json.summary.errors).toBe(20);
    });

    test('names resolve across the files of a folder', () => {
        file('across/a.regel', 'område tätort\n');
        file('across/b.regel', 'nivåtabell t { område tätort }\n');
        expect(regelratt(['check', 'across'], scratch).code).toBe(0);
    });
});

describe('bad input: a clear message, exit 2, never a stack trace', () => {
    test.each([
        ['a missing path', ['check', 'finns-inte.regel'], /finns-inte\.regel:1:1: fel: Hittar inte finns-inte\.regel\. \[file-not-found\]/],
        ['a folder without .regel files', ['check', 'tom'], /Mappen tom innehåller inga \.regel-filer\. \[no-policy-files\]/],
        ['a file that is not .regel', ['check', 'annat.txt'], /annat\.txt är ingen \.regel-fil\. \[not-a-policy-file\]/],
        ['a binary file', ['check', 'binär.regel'], /binär\.regel:1:1: fel: Filen är binär, inte text.*\[binary-file\]/],
        ['a file that is not UTF-8', ['check', 'latin1.regel'], /latin1\.regel:1:1: fel: Filen är inte giltig UTF-8.*\[not-utf8\]/],
        ['a 10 MB file', ['check', 'stor.regel'], /stor\.regel:1:1: fel: Filen är 10,0 MB stor; gränsen är 4,0 MB\..*\[file-too-large\]/],
    ])('%s', (_label, args, message) => {
        mkdirSync(path.join(scratch, 'tom'), { recursive: true });
        file('annat.txt', 'text');
        file('binär.regel', Buffer.from([0x6c, 0x61, 0x67, 0x00, 0x01, 0x02]));
        file('latin1.regel', Buffer.from('område r "Rostahemmet på Östra"', 'latin1'));
        file('stor.regel', Buffer.alloc(10 * 1024 * 1024, 0x20));
        const result = regelratt(args, scratch);
        expect(result.code).toBe(2);
        expect(result.stdout).toMatch(message);
        expectNoStackTrace(result);
    });

    test.each([
        ['no command', [], /inget kommando angivet/],
        ['an unknown command', ['kolla', 'x'], /okänt kommando 'kolla'/],
        ['no inputs', ['check'], /ange minst en fil eller mapp/],
        ['compile without -o', ['compile', 'examples/orebro'], /compile behöver en utmapp/],
        ['an unknown flag', ['check', '--snabbt', 'x'], /okänd flagga '--snabbt' för check\./],
        ['a bad --format', ['check', 'x', '--format', 'xml'], /ogiltigt värde 'xml' för --format/],
        ['a bad --log-level', ['serve', 'x', '--log-level', 'loud'], /ogiltigt värde 'loud' för --log-level; välj fatal, error, warn, info, debug, silent\./],
        ['a share of requests to log above 1', ['serve', 'x', '--log-requests', '2'], /ogiltigt värde '2' för --log-requests\./],
        ['a timeout of 0 s', ['serve', 'x', '--body-timeout', '0'], /ogiltigt värde '0' för --body-timeout\./],
        ['a timeout that is not a number', ['serve', 'x', '--request-timeout', 'snart'], /ogiltigt värde 'snart' för --request-timeout\./],
    ])('usage problem: %s', (_label, args, message) => {
        const result = regelratt(args);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).toMatch(/Skriv 'regelratt( [a-z]+)? --help' för hjälp\./);
        expectNoStackTrace(result);
    });

    test.each([
        ['a misspelt command gets a suggestion', ['chekc', 'x'], "okänt kommando 'chekc'. Menade du 'check'?"],
        ['a misspelt flag gets a suggestion among the command\'s own', ['check', '--fromat', 'json', 'x'], "okänd flagga '--fromat' för check. Menade du '--format'?"],
        ['a flag meant for another command is refused, not ignored', ['check', '-o', 'ut', 'examples/orebro'], "flaggan '-o' gäller inte check (den gäller compile och dokument och dmn)."],
        ['a flag of another command, misspelt', ['check', '--inputt', 'x'], "okänd flagga '--inputt' för check. Menade du '--input'? Den gäller eval."],
        ['a flag without its value', ['compile', 'examples/orebro', '-o'], "flaggan '--out' behöver ett värde."],
    ])('%s, with exit 2 and the command\'s own help named', (_label, args, message) => {
        const result = regelratt(args as string[]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(message);
        expectNoStackTrace(result);
    });

    test('each command has its own help, listing exactly its options', () => {
        const compile = regelratt(['compile', '--help']);
        expect(compile.code).toBe(0);
        expect(compile.stdout).toContain('Användning: regelratt compile <filer eller mappar> -o <mapp> [flaggor]');
        expect(compile.stdout).toContain('-o, --out <mapp>');
        expect(compile.stdout).toContain('--max-file-size <MB>');
        expect(compile.stdout).not.toContain('--input');
        const evaluate = regelratt(['eval', '-h', '--lang', 'en']);
        // The usage wraps at 80 columns; the words are what matters.
        expect(evaluate.stdout.replace(/\s+/g, ' ')).toContain('Usage: regelratt eval <files or folders> --input <case.json | register.ndjson> [options]');
        expect(evaluate.stdout).toContain('--date <YYYY-MM-DD>');
        expect(evaluate.stdout).not.toContain('--out');
    });

    test('counts agree with their words: one file is checked, one JSON file is written', () => {
        const one = file('en/ett.regel', 'område tätort\n');
        const checked = regelratt(['check', one], scratch);
        expect(checked.stderr).toContain('1 fil kontrollerad: 0 fel, 0 varningar.');
        const compiled = regelratt(['compile', one, '-o', path.join(scratch, 'en-ut')], scratch);
        expect(compiled.stderr).toContain('1 JSON-fil skriven till');
    });

    test('colour on request (FORCE_COLOR), never in a pipe by default or with NO_COLOR', () => {
        const run = (env: Record<string, string>) => spawnSync(process.execPath, [bin, 'check', 'examples/orebro'], { cwd: repository, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
        expect(run({ FORCE_COLOR: '1' }).stdout).toContain('\u001b[33mvarning\u001b[0m');
        expect(run({}).stdout).not.toContain('\u001b[');
        expect(run({ FORCE_COLOR: '', NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
    });

    test('a reader that stops early closes the pipe quietly (no EPIPE crash)', () => {
        const result = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" test examples/orebro | head -1 >/dev/null; echo "status \${PIPESTATUS[0]}"`], { cwd: repository, encoding: 'utf8' });
        expect(result.stdout).toContain('status 0');
        expect(result.stderr).not.toContain('EPIPE');
    });

    test('garbage text is reported as policy errors, not a crash', () => {
        const garbage = file('garbage.regel', '§§§ }{ nivå nivå : : kr % ”oavslutad\n\u0007\u0001 2021-13-45 förlopp {');
        const result = regelratt(['check', garbage], scratch);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/garbage\.regel:1:1: fel: /);
        expectNoStackTrace(result);
    });

    test('--help prints the usage in Swedish and exits 0', () => {
        const result = regelratt(['--help']);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('Användning: regelratt <kommando> [flaggor]');
        expect(result.stdout).toMatch(/^ {2}compile +Kontrollerar och kompilerar till JSON/m);
    });
});

describe('regelratt compile', () => {
    test('`npm start` (compile, then test) shows each finding once', () => {
        const started = spawnSync('npm', ['start', '--silent'], { cwd: repository, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        expect(started.status).toBe(0);
        const output = started.stdout + started.stderr;
        expect(output.match(/\[open-amount\]/g)).toHaveLength(1);
        expect(output.match(/13 filer kontrollerade/g)).toHaveLength(1);
        // Thirteen policy files and the three files of the national library it uses (`använd nationellt`).
        expect(output).toContain('16 JSON-filer skrivna till out/orebro.');
        expect(output).toContain('Exempel: 33 gick igenom, 0 misslyckades');
    });

    test('writes one JSON file per source file, the same bytes on every run', () => {
        const first = path.join(scratch, 'out1');
        const second = path.join(scratch, 'out2');
        expect(regelratt(['compile', 'examples/orebro', '-o', first]).code).toBe(0);
        const result = regelratt(['compile', 'examples/orebro', '-o', second]);
        expect(result.code).toBe(0);
        expect(result.stderr).toContain(`16 JSON-filer skrivna till ${second}.`);
        const files = readdirSync(first).sort();
        expect(files).toContain('hemvard-ersattning.json');
        // Thirteen policy files, the manifest of what the compile wrote, and the national library it
        // uses, compiled beside them so the output is self-contained (the same bytes too).
        expect(files.filter(name => name.endsWith('.json'))).toHaveLength(13);
        expect(files).toContain('.regelratt-kompilerat');
        const library = path.join('regelratt-bibliotek', 'nationellt');
        expect(readdirSync(path.join(first, library)).sort()).toEqual(['avgifter.json', 'lagar.json', 'prisbasbelopp.json']);
        const written = [...files.filter(name => name !== 'regelratt-bibliotek'), ...readdirSync(path.join(first, library)).map(name => path.join(library, name))];
        for (const name of written) {
            expect(readFileSync(path.join(second, name))).toEqual(readFileSync(path.join(first, name)));
        }
        expect(readdirSync(first).filter(name => name.endsWith('.tmp'))).toEqual([]);
    });

    test('a set with an error writes nothing, not even the clean files', () => {
        file('mixed/ok.regel', 'område tätort\n');
        file('mixed/fel.regel', 'nivåtabell t { område tätortt }\n');
        const out = path.join(scratch, 'mixed-out');
        const result = regelratt(['compile', 'mixed', '-o', out], scratch);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain("Menade du 'tätort'?");
        expect(result.stderr).toContain('Ingenting skrevs');
        expect(existsSync(out)).toBe(false);
    });

    test('an output folder that cannot be written is an I/O problem with exit 2', () => {
        const blocker = file('blocker', 'a file where the output folder should be');
        const result = regelratt(['compile', 'examples/uppsala', '-o', path.join(blocker, 'ut')]);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^regelratt: Kan inte skriva .*: en del av sökvägen är en fil, inte en mapp \(ENOTDIR\)\.$/m);
        expectNoStackTrace(result);
    });

    test('nested folders keep their structure under the output folder', () => {
        file('nested/vokabulär/område.regel', 'område tätort\n');
        file('nested/tabeller/t.regel', 'nivåtabell t { område tätort }\n');
        const out = path.join(scratch, 'nested-out');
        expect(regelratt(['compile', 'nested', '-o', out], scratch).code).toBe(0);
        const table = JSON.parse(readFileSync(path.join(out, 'tabeller/t.json'), 'utf8'));
        expect(table.source).toBe('tabeller/t.regel');
        expect(table.elements[0].area).toBe('area/tätort');
    });
});

describe('examples/broken', () => {
    test('shows the analyses on policies with the mistakes reviewers look for, each with its place and example citizen', () => {
        const result = regelratt(['check', 'examples/broken', '--format', 'json']);
        expect(result.code).toBe(1);
        const report = JSON.parse(result.stdout) as { diagnostics: Array<{ code: string; file: string; line: number; witness?: { text: string; example: Record<string, string> } }> };
        const codes = new Set(report.diagnostics.map(d => d.code));
        for (const code of [
            'pathway-gap', 'pathway-overlap', 'unsatisfiable-criterion', 'exclusion-removes-everyone', 'redundant-criterion',
            'pilot-service-excluded', 'pilot-period-outside-phase', 'unit-outside-area-unmarked', 'missing-level', 'open-amount',
            'amount-decreases', 'fee-rises-as-need-falls', 'cap-never-binds', 'premium-not-a-reduction', 'overlapping-versions',
            'version-gap', 'no-valid-version', 'impossible-term', 'contradicting-obligations', 'unit-mismatch', 'calculation-cycle', 'decision-gap', 'decision-overlap',
        ]) {
            expect(codes, code).toContain(code);
        }
        const gap = report.diagnostics.find(d => d.code === 'pathway-gap')!;
        expect(gap).toMatchObject({ file: 'examples/broken/förlopp.regel', line: 3 });
        expect(gap.witness).toEqual({
            text: 'aktivitetsförmåga = utvecklingsbar, ålder 18–120 år, behov = tillfälligt',
            example: { aktivitetsförmåga: 'utvecklingsbar', ålder: '18', behov: 'tillfälligt' },
        });
    });
});

describe('an internal error', () => {
    // Provoked by an output stream that fails: the command itself is fine, so the message must not blame the files.
    const failingIO = (stderr: string[]) => ({
        stdout: { write: () => { throw new Error('skrivning misslyckades'); } },
        stderr: { write: (text: string) => stderr.push(text) },
        cwd: repository,
    });

    test('says it is not the user\'s fault, what to report and how to see where it happened: exit 3, no stack', async () => {
        const { main } = await import('../packages/cli/dist/index.js');
        const stderr: string[] = [];
        const code = await main(['check', 'examples/orebro'], failingIO(stderr));
        expect(code).toBe(3);
        const text = stderr.join('');
        expect(text).toContain('internt fel i regelratt (inte ett fel i dina filer): skrivning misslyckades.');
        expect(text).toContain('--debug');
        expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
    });

    test('--debug adds the stack', async () => {
        const { main } = await import('../packages/cli/dist/index.js');
        const stderr: string[] = [];
        const code = await main(['check', 'examples/orebro', '--debug', '--lang', 'en'], failingIO(stderr));
        expect(code).toBe(3);
        expect(stderr.join('')).toContain('internal error in regelratt (not an error in your files)');
        expect(stderr.join('')).toMatch(/\n\s+at .+:\d+:\d+/);
    });
});

describe('file-system edges', () => {
    test('a symbolic link to a .regel file in a folder is followed, and a link loop ends', () => {
        const folder = path.join(scratch, 'länkar');
        mkdirSync(path.join(folder, 'inne'), { recursive: true });
        symlinkSync(path.join(repository, 'examples/uppsala/arbetslivsintro.regel'), path.join(folder, 'länkad.regel'));
        symlinkSync(folder, path.join(folder, 'inne', 'slinga'));
        const result = regelratt(['check', folder], scratch);
        expect(result.code).toBe(0);
        expect(result.stderr).toContain('1 fil kontrollerad: 0 fel');
    });

    test('an output folder that cannot be made fails at once with exit 2, whatever the file system', () => {
        const blocker = file('blockerar', 'en fil, ingen mapp');
        const started = Date.now();
        const result = regelratt(['compile', 'examples/uppsala', '-o', path.join(blocker, 'ut')]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('Kan inte skriva');
        expect(Date.now() - started).toBeLessThan(20_000);
        if (existsSync('/proc')) {
            // Node's recursive mkdir spun forever here at full CPU.
            const proc = spawnSync(process.execPath, [bin, 'compile', 'examples/uppsala', '-o', '/proc/regelratt-ut'], { cwd: repository, encoding: 'utf8', timeout: 20_000 });
            expect(proc.status).toBe(2);
        }
    });
});
