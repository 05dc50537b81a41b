import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-no-codegen-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Where code may not be generated from strings (a browser page with a strict Content Security
 * Policy, Node with --disallow-code-generation-from-strings), the runtime answers through its
 * closures and exact evaluator: the same answers, more slowly. A process that forbids it answers
 * every inline example and a register of whole cases exactly as one that allows it.
 */
describe('without code generation', () => {
    test.each(['habo', 'orebro', 'sollentuna'])('examples/%s: the same answers as with generated code', async name => {
        const folder = path.join(repository, 'examples', name);
        const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
        // From disk, so that an `använd nationellt` (Örebro's) loads the shipped library; its files are compiled with the policy.
        const { Regelratt } = createRegelrattServices(NodeFileSystem);
        const checked = await checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
        const compiled = checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, path.basename(c.path)))));
        const policyFile = path.join(scratch, `${name}.json`);
        writeFileSync(policyFile, JSON.stringify(compiled));
        const script = path.join(scratch, `${name}.mjs`);
        // The examples' citizens as a register of whole cases, on each example's date, as JSON lines of answers.
        writeFileSync(script, `
            import { readFileSync } from 'node:fs';
            import { evaluateCase, PolicyRuntime, runExamples } from ${JSON.stringify(pathToFileURL(path.join(repository, 'packages/runtime/dist/index.js')).href)};
            let generated = true;
            try { new Function('return 1'); } catch { generated = false; }
            const runtime = new PolicyRuntime(JSON.parse(readFileSync(${JSON.stringify(policyFile)}, 'utf8')));
            const answers = runExamples(runtime).map(r => {
                const q = r.example.question;
                const citizen = Object.fromEntries(('citizen' in q ? q.citizen : []).map(v => [v.attribute, 'boolean' in v.value ? v.value.boolean : 'number' in v.value ? Number(v.value.number) : 'date' in v.value ? v.value.date : v.value.enumeration]));
                let whole;
                try { whole = evaluateCase(runtime, { citizen, ...(r.example.date ? { date: r.example.date } : {}), ...(typeof q.level === 'number' ? { level: q.level } : {}) }); } catch (error) { whole = { error: error.code }; }
                return { name: r.example.name, passed: r.passed, actual: r.actual, whole };
            });
            process.stdout.write(JSON.stringify({ generated, answers }));
        `);
        const run = (flags: string[]) => {
            const result = spawnSync(process.execPath, [...flags, script], { encoding: 'utf8' });
            expect(result.status, result.stderr).toBe(0);
            return JSON.parse(result.stdout) as { generated: boolean; answers: unknown[] };
        };
        const withCode = run([]);
        const without = run(['--disallow-code-generation-from-strings']);
        expect(withCode.generated).toBe(true);
        expect(without.generated).toBe(false);
        expect(without.answers.length).toBeGreaterThan(0);
        expect(without.answers).toEqual(withCode.answers);
        // And the in-process runtime (generated code) agrees on the examples too.
        const inProcess = runExamples(new PolicyRuntime(compiled));
        expect(inProcess.every(r => r.passed)).toBe(true);
    });
});
