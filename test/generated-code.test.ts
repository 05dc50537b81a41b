import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
// From disk: an example set may import the national library (`använd nationellt`).
import { NodeFileSystem } from 'langium/node';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
// The runtime's sources, not its build: the list of faults lives in the module the runtime below runs.
import { PolicyRuntime, runExamples, evaluateCase } from '../packages/runtime/src/index.js';
import { generatedCodeFaults } from '../packages/runtime/src/generated-code-faults.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const exampleSets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true })
    .filter(entry => entry.isDirectory() && entry.name !== 'broken').map(entry => entry.name).sort();

/**
 * The generated code gives up quietly (the exact evaluator then answers, slowly) whenever anything
 * goes wrong in it, so a fault of the generator would show only as a slow register: a name declared
 * twice made Habo's matdistribution fall back on every citizen, fifty times slower, with the right
 * answers. Every example set's inline examples and their citizens as whole cases must run without one.
 */
describe('generated code on the example policies', () => {
    test.each(exampleSets)('examples/%s: no fault of the generated code', async name => {
        const folder = path.join(repository, 'examples', name);
        const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
        const { Regelratt } = createRegelrattServices(NodeFileSystem);
        const checked = await checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
        const runtime = new PolicyRuntime(checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, path.basename(c.path))))));
        generatedCodeFaults.length = 0;
        const results = runExamples(runtime);
        for (const { example } of results) {
            const question = example.question;
            const given = 'citizen' in question ? question.citizen : [];
            // Numbers as JSON numbers, as a register sends them (numeric text would take the slow read on purpose).
            const citizen = Object.fromEntries(given.map(v => [v.attribute, 'boolean' in v.value ? v.value.boolean : 'number' in v.value ? Number(v.value.number) : 'date' in v.value ? v.value.date : v.value.enumeration]));
            const level = 'level' in question && typeof question.level === 'number' ? question.level : undefined;
            try {
                evaluateCase(runtime, { citizen, ...(example.date ? { date: example.date } : {}), ...(level !== undefined ? { level } : {}) });
            } catch {
                // A citizen that names an attribute the case shape refuses is answered elsewhere; faults are what matter here.
            }
        }
        expect(generatedCodeFaults.map(String)).toEqual([]);
    });
});
