import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { checkPolicies, compatibility, compilePolicy, createRegelrattServices } from '@regelratt/language';

/**
 * `regelratt kompatibilitet` on pairs with known breaks: each kind of change a consumer meets, as
 * a small policy before and after, classified breaking or additive with its code.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-compat-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function compiled(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/k/p.regel', text }]);
    expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.message), text).toEqual([]);
    return [compilePolicy(checked.document.parseResult.value, 'p.regel')];
}

const base = [
    'egenskap förmåga : en av { hög, låg }',
    'egenskap ålder : heltal 0–120 år',
    'egenskap svikt : ja/nej',
    'förloppsmodell m { förlopp a { när förmåga = hög } förlopp b { när förmåga = låg } }',
    'nivåtabell t { giltig från 2021-01-01  nivå 1 : 100 kr  nivå 2 : 200 kr }',
    'beslutstabell d { | ålder || nivå | avgift | \n | < 65 || 1 | 100 kr |\n | >= 65 || 2 | 200 kr |\n}',
].join('\n');

describe('compatibility between versions', () => {
    test.each([
        ['an enumeration value removed', base.replace('en av { hög, låg }', 'en av { hög }').replace(' förlopp b { när förmåga = låg }', ''), 'breaking', 'enumeration-value-removed'],
        ['an enumeration value added', base.replace('en av { hög, låg }', 'en av { hög, låg, mellan }').replace('när förmåga = låg', 'när förmåga i { låg, mellan }'), 'additive', 'enumeration-value-added'],
        ['a range narrowed', base.replace('heltal 0–120 år', 'heltal 18–120 år'), 'breaking', 'range-narrowed'],
        ['a range widened', base.replace('heltal 0–120 år', 'heltal 0–130 år'), 'additive', 'range-widened'],
        ['a unit changed', base.replace('heltal 0–120 år', 'heltal 0–120 månader'), 'breaking', 'unit-changed'],
        ['a type changed', base.replace('egenskap svikt : ja/nej', 'egenskap svikt : heltal 0–1'), 'breaking', 'attribute-type-changed'],
        ['an element removed', base.replace('nivåtabell t { giltig från 2021-01-01  nivå 1 : 100 kr  nivå 2 : 200 kr }', ''), 'breaking', 'element-removed'],
        ['an element renamed', base.replace('nivåtabell t {', 'nivåtabell ersättningstabell {'), 'breaking', 'element-renamed'],
        ['an element added', `${base}\nnivåtabell u { nivå 1 : 5 kr }`, 'additive', 'element-added'],
        ['a decision column removed', base.replace('|| nivå | avgift |', '|| nivå |').replace('|| 1 | 100 kr |', '|| 1 |').replace('|| 2 | 200 kr |', '|| 2 |'), 'breaking', 'column-removed'],
        ['a decision column added', base.replace('|| nivå | avgift |', '|| nivå | avgift | tak |').replace('|| 1 | 100 kr |', '|| 1 | 100 kr | 5 kr |').replace('|| 2 | 200 kr |', '|| 2 | 200 kr | 5 kr |'), 'additive', 'column-added'],
        ['a level removed', base.replace('  nivå 2 : 200 kr }', ' }'), 'breaking', 'level-removed'],
        ['a level added', base.replace('  nivå 2 : 200 kr }', '  nivå 2 : 200 kr  nivå 3 : 300 kr }'), 'additive', 'level-added'],
        ['a validity narrowed', base.replace('giltig från 2021-01-01 ', 'giltig från 2021-01-01 till 2022-12-31 '), 'breaking', 'validity-narrowed'],
        ['a calculation newly allowed below zero', `${base}\nberäkning skillnad kan vara negativ = 100 kr − 50 kr`, 'breaking', 'may-be-negative', `${base}\nberäkning skillnad = 100 kr − 50 kr`],
        ['a calculation no longer allowed below zero', `${base}\nberäkning skillnad = 100 kr − 50 kr`, 'additive', 'never-negative', `${base}\nberäkning skillnad kan vara negativ = 100 kr − 50 kr`],
        ['a criterion that reads one more attribute', base.replace('när förmåga = hög }', 'när förmåga = hög och inte svikt } förlopp c { när förmåga = hög och svikt }'), 'breaking', 'attribute-newly-required'],
        ['a rate that now selects its amount by an attribute of the case', `${base}\ntimkostnad r { efter förmåga  belopp { hög : 400 kr/h  låg : 450 kr/h } }`, 'breaking', 'attribute-newly-required', `${base}\ntimkostnad r { belopp 400 kr/h }`],
    ])('%s', async (_label, after, severity, code, before = base) => {
        const result = compatibility(await compiled(before), await compiled(after), 'sv');
        expect(result.changes.map(c => [c.severity, c.code])).toContainEqual([severity, code]);
        expect(result.breaking).toBe(severity === 'breaking');
    });

    test('the same policy, and only a reformatting or a new title: nothing breaks, nothing added', async () => {
        const result = compatibility(await compiled(base), await compiled(base.replace('nivåtabell t {', 'nivåtabell t "Tabell" {')), 'sv');
        expect(result).toEqual({ changes: [], breaking: false });
    });

    test('two municipalities\' policies: no attribute of one is called a rename of an attribute of the other', () => {
        // Three yes/no attributes of Örebro's, read by its förloppsmodeller, were once all "renamed" to Habo's städning.
        const result = spawnSync(process.execPath, [bin, 'kompatibilitet', 'examples/orebro', 'examples/habo', '--format', 'json'], { cwd: repository, encoding: 'utf8' });
        expect(result.status).toBe(1);
        const changes = (JSON.parse(result.stdout) as { changes: Array<{ code: string; element: string }> }).changes;
        expect(changes.filter(c => c.code === 'element-renamed')).toEqual([]);
        expect(changes).toContainEqual(expect.objectContaining({ code: 'element-removed', element: 'attribute/kognitiv_svikt' }));
    });

    test('the command: exit 1 for Örebro\'s revision (with the breaks named), 0 against its own compiled JSON, 2 for one version', () => {
        const revision = spawnSync(process.execPath, [bin, 'kompatibilitet', 'examples/orebro', 'examples/orebro-revision'], { cwd: repository, encoding: 'utf8' });
        expect(revision.status).toBe(1);
        expect(revision.stdout).toContain('2 ändringar bryter för system byggda mot den gamla versionen.');
        // Both take prisbasbelopp, maxtaxa and minimibelopp from the national library: nothing there breaks or is new.
        expect(revision.stdout).not.toMatch(/parameter\/|calculation\//);
        expect(revision.stdout).toContain('bryter: levelTable/hemvård_tätort gäller kortare än förut: 2020-11-01– → 2020-11-01–2022-12-31; frågor om dagarna utanför besvaras inte längre. [validity-narrowed]');
        expect(revision.stdout).toContain('tillägg: Nytt: levelTable/hemvård_tätort_2023. [element-added]');
        expect(revision.stdout).toContain('bryter: pathwayModel/rehabiliterande_förlopp läser nu attribute/kognitiv_svikt, som en fråga förut kunde utelämna. [attribute-newly-required]');
        const json = path.join(scratch, 'orebro-json');
        expect(spawnSync(process.execPath, [bin, 'compile', 'examples/orebro', '-o', json], { cwd: repository, encoding: 'utf8' }).status).toBe(0);
        const same = spawnSync(process.execPath, [bin, 'kompatibilitet', json, 'examples/orebro', '--format', 'json'], { cwd: repository, encoding: 'utf8' });
        expect(same.status).toBe(0);
        expect(JSON.parse(same.stdout)).toMatchObject({ breaking: false, changes: [] });
        const one = spawnSync(process.execPath, [bin, 'kompatibilitet', 'examples/orebro'], { cwd: repository, encoding: 'utf8' });
        expect(one.status).toBe(2);
        expect(one.stderr).toContain('ange två versioner');
    });

    test('a compiled file that breaks the schema is refused (exit 2, naming the file and where), not compared', () => {
        const json = path.join(scratch, 'orebro-manipulerad');
        expect(spawnSync(process.execPath, [bin, 'compile', 'examples/orebro', '-o', json], { cwd: repository, encoding: 'utf8' }).status).toBe(0);
        const file = path.join(json, 'avgifter.json');
        const tampered = JSON.parse(readFileSync(file, 'utf8')) as { elements: Array<Record<string, unknown>> };
        tampered.elements[0].id = 5;
        writeFileSync(file, JSON.stringify(tampered));
        const result = spawnSync(process.execPath, [bin, 'kompatibilitet', 'examples/orebro', json], { cwd: repository, encoding: 'utf8' });
        expect(result.status).toBe(2);
        expect(result.stderr).toContain('avgifter.regel: filen följer inte det kompilerade formatet vid /elements/0/id: här ska stå en text.');
        expect(result.stdout).toBe('');
    });
});
