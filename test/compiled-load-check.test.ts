import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import type { CompiledPolicyFile } from '@regelratt/format';
import { PolicyRuntime, RegelrattRuntimeError } from '../packages/runtime/src/index.js';
import { compiledExampleSet, exampleSets } from './example-sets.js';

/**
 * A service or a consuming system reads compiled JSON from a folder; what the schema cannot say
 * (an id declared twice, a reference to nothing, two versions in force the same day, a row narrower
 * than its table) is refused at load with `invalid-file` instead of answered by picking one in
 * silence. And `compile -o` removes its own stale outputs, so a folder it wrote holds one policy.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-load-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const compiled = compiledExampleSet;

function refusal(files: CompiledPolicyFile[]): RegelrattRuntimeError {
    try {
        new PolicyRuntime(files);
    } catch (error) {
        return error as RegelrattRuntimeError;
    }
    throw new Error('loaded without a word');
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const elementOf = <K extends string>(files: CompiledPolicyFile[], kind: K) => {
    for (const file of files) {
        const found = file.elements.find(e => e.kind === kind);
        if (found) {
            return found as Extract<CompiledPolicyFile['elements'][number], { kind: K }>;
        }
    }
    throw new Error(`no ${kind}`);
};

describe('the load check of compiled files', () => {
    test.each(exampleSets)('examples/%s loads: every example set is consistent', async name => {
        const files = await compiled(name);
        expect(() => new PolicyRuntime(files)).not.toThrow();
    });

    test('a stale copy of a file beside its renamed successor: duplicate-id, naming both files', async () => {
        const files = await compiled('habo');
        const stale = { ...clone(files[0]), source: 'gammal.regel' };
        const error = refusal([stale, ...files]);
        expect(error).toBeInstanceOf(RegelrattRuntimeError);
        expect(error.code).toBe('invalid-file');
        expect(error.details.rule).toBe('duplicate-id');
        expect(error.message).toMatch(/^hemtjänst\.regel: filen hänger inte ihop vid \/elements\/0: law\/SoL finns redan i gammal\.regel \(\/elements\/0\); en inaktuell fil kan ligga kvar/);
    });

    test('an id declared twice in one file (a förlopp named as an element elsewhere)', async () => {
        const files = await compiled('orebro');
        const model = elementOf(files, 'pathwayModel');
        model.pathways[1] = { ...model.pathways[1], id: model.pathways[0].id };
        expect(refusal(files).details).toMatchObject({ rule: 'duplicate-id', id: model.pathways[0].id });
    });

    test('two versions of a parameter in force on the same day: overlapping-versions, with the day', async () => {
        const files = await compiled('habo');
        const parameter = elementOf(files, 'parameter');
        const first = parameter.versions[0];
        parameter.versions.push({ ...clone(first), from: first.from, to: undefined as never });
        delete (parameter.versions[parameter.versions.length - 1] as { to?: string }).to;
        expect(refusal(files).details).toMatchObject({ rule: 'overlapping-versions', date: first.from });

        const bounded = await compiled('orebro');
        const prisbasbelopp = bounded.flatMap(f => f.elements).find(e => e.kind === 'parameter' && e.versions.length > 1 && e.versions.some(v => v.to)) as Extract<CompiledPolicyFile['elements'][number], { kind: 'parameter' }>;
        const sorted = [...prisbasbelopp.versions].sort((a, b) => a.from.localeCompare(b.from));
        sorted[0].to = sorted[1].from; // ends on the day the next begins: both in force that day
        expect(refusal(bounded).details).toMatchObject({ rule: 'overlapping-versions', date: sorted[1].from });
    });

    test('a version that ends before it starts', async () => {
        const files = await compiled('habo');
        const version = elementOf(files, 'parameter').versions[0];
        version.to = '1999-12-31';
        expect(refusal(files).details.rule).toBe('period-ends-before-start');
    });

    test('a decision-table row with fewer outputs than the table has columns (answered null before)', async () => {
        const files = await compiled('habo');
        const table = elementOf(files, 'decisionTable');
        const width = table.outputs.length;
        table.outputs.push('extra');
        const error = refusal(files);
        expect(error.details).toMatchObject({ rule: 'row-width', path: expect.stringMatching(/\/rows\/0\/then$/) as unknown });
        expect(error.message).toContain(`raden har ${width} utfall men tabellen ${width + 1} utdatakolumner`);
    });

    test('a level listed twice in a level table', async () => {
        const files = await compiled('orebro');
        const table = elementOf(files, 'levelTable');
        table.rows.push(clone(table.rows[0]));
        expect(refusal(files).details).toMatchObject({ rule: 'duplicate-level', level: table.rows[0].level });
    });

    test('a reference to an element no file declares', async () => {
        const files = await compiled('habo');
        const calculation = elementOf(files, 'calculation');
        calculation.value = { op: '+', left: calculation.value, right: { ref: 'parameter/finns_inte' } };
        expect(refusal(files).details).toMatchObject({ rule: 'unknown-reference', id: 'parameter/finns_inte', path: expect.stringMatching(/\/value\/right\/ref$/) as unknown });
    });

    test('a chapter that lists an element no file declares, and an obligation that names no chapter of the set', async () => {
        const files = await compiled('orebro');
        const guideline = elementOf(files, 'guideline');
        files[0].chapters = [{ name: 'insatser', title: 'Insatser', elements: [guideline.id, 'service/finns_inte'], source: guideline.source }];
        expect(refusal(files).details).toMatchObject({ rule: 'unknown-reference', id: 'service/finns_inte', path: '/chapters/0/elements/1' });
        files[0].chapters[0].elements.pop();
        new PolicyRuntime(files);
        guideline.obligations[0].chapter = 'handläggning';
        expect(refusal(files).details).toMatchObject({ rule: 'unknown-reference', id: 'handläggning', path: expect.stringMatching(/\/obligations\/0\/chapter$/) as unknown });
    });

    test('a criterion that tests something that is no attribute (an operation): wrong-reference-kind (diff exited 3 on it; found by the compiled fuzzer family)', async () => {
        const files = await compiled('uppsala');
        const pilot = elementOf(files, 'pilot');
        const operation = elementOf(files, 'operation');
        pilot.inclusion = { attribute: operation.id, test: true };
        expect(refusal(files).details).toMatchObject({ rule: 'wrong-reference-kind', id: operation.id, kind: 'operation' });
    });

    test('compiled JSON nested 10 000 deep: invalid-file at load, not a RangeError', () => {
        const at = { file: 'x.regel', line: 1, column: 1, endLine: 1, endColumn: 1 };
        let value: unknown = { quantity: { value: '1', unit: 'kr' } };
        for (let i = 0; i < 10_000; i++) {
            value = { op: '+', left: value, right: { quantity: { value: '1', unit: 'kr' } } };
        }
        const file = { schemaVersion: '1.5.0', source: 'x.regel', elements: [{ id: 'calculation/c', kind: 'calculation', name: 'c', source: at, value }] } as CompiledPolicyFile;
        const error = refusal([file]);
        expect(error).toBeInstanceOf(RegelrattRuntimeError);
        expect(error.details).toMatchObject({ rule: 'too-deep', limit: 1_200 });
        expect(error.message).toMatch(/^x\.regel: filen är nästlad djupare än 1200 nivåer vid \/elements\/0\/value(\/left)+/);
    });
});

function cli(args: string[], cwd = repository) {
    const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, REGELRATT_NO_CODE_CACHE: '1' } });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('compile -o keeps one policy in its folder', () => {
    test('a source renamed: the next compile removes its stale output, and kompatibilitet reads one version', () => {
        const sources = path.join(scratch, 'jonkoping');
        const out = path.join(scratch, 'jonkoping-ut');
        cpSync(path.join(repository, 'examples/jonkoping'), sources, { recursive: true });
        expect(cli(['compile', sources, '-o', out]).status).toBe(0);
        const first = readdirSync(out).sort();
        expect(first).toContain('.regelratt-kompilerat');
        const [renamed] = readdirSync(sources).filter(f => f.endsWith('.regel'));
        renameSync(path.join(sources, renamed), path.join(sources, `ny-${renamed}`));
        const run = cli(['compile', sources, '-o', out]);
        expect(run.status).toBe(0);
        expect(run.stderr).toContain(`inaktuell JSON-fil från en tidigare kompilering borttagen: ${renamed.replace(/\.regel$/, '.json')}.`);
        expect(existsSync(path.join(out, renamed.replace(/\.regel$/, '.json')))).toBe(false);
        expect(existsSync(path.join(out, `ny-${renamed.replace(/\.regel$/, '.json')}`))).toBe(true);
        expect(cli(['kompatibilitet', out, out]).status).toBe(0);
    });

    test('a stale file the manifest does not know (copied in by hand) is refused by every reader of the folder, naming it', () => {
        const out = path.join(scratch, 'habo-ut');
        expect(cli(['compile', path.join(repository, 'examples/habo'), '-o', out]).status).toBe(0);
        cpSync(path.join(out, 'hemtjänst.json'), path.join(out, 'gammal-hemtjänst.json'));
        const run = cli(['kompatibilitet', out, out]);
        expect(run.status).not.toBe(0);
        expect(run.stderr).toContain('hemtjänst.regel: filen hänger inte ihop vid /elements/0: law/SoL finns redan i en annan fil kompilerad från samma källa (/elements/0): en inaktuell kopia ligger kvar');
        expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    test('an earlier output edited since is kept, with a warning; a file the compile never wrote is never touched', () => {
        const sources = path.join(scratch, 'tyreso');
        const out = path.join(scratch, 'tyreso-ut');
        cpSync(path.join(repository, 'examples/tyreso'), sources, { recursive: true });
        expect(cli(['compile', sources, '-o', out]).status).toBe(0);
        writeFileSync(path.join(out, 'egen.json'), '{"mitt": true}\n');
        const [source] = readdirSync(sources).filter(f => f.endsWith('.regel'));
        const output = path.join(out, source.replace(/\.regel$/, '.json'));
        writeFileSync(output, readFileSync(output, 'utf8').replace('"schemaVersion"', '"schemaVersion" '));
        renameSync(path.join(sources, source), path.join(sources, `ny-${source}`));
        const run = cli(['compile', sources, '-o', out]);
        expect(run.status).toBe(0);
        expect(run.stderr).toContain(`regelratt: varning: ${path.basename(output)} skrevs av en tidigare kompilering men har ändrats sedan och ligger kvar`);
        expect(existsSync(output)).toBe(true);
        expect(readFileSync(path.join(out, 'egen.json'), 'utf8')).toBe('{"mitt": true}\n');
    });
});
