import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const blocks = [...readFileSync(path.join(repository, 'README.md'), 'utf8').matchAll(/```regel\n([\s\S]*?)```/g)].map(m => m[1]);

describe('the language tour in README.md', () => {
    test('has examples', () => {
        expect(blocks.length).toBeGreaterThan(5);
    });

    test('put together, the snippets are one policy set that checks clean, with nothing to warn about', async () => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/readme/tour.regel', text: blocks.join('\n') }]);
        // Notes (unused names) and hints (regions no example reaches) are not findings to fix.
        expect(checked.diagnostics.filter(d => d.severity !== 'info' && d.severity !== 'hint').map(d => `${d.line}: ${d.message}`)).toEqual([]);
    });

    test('its examples pass through the runtime, and they include a fee, a calculation, a decision and an expected error', async () => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/readme/tour.regel', text: blocks.join('\n') }]);
        const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'tour.regel')))]);
        const results = runExamples(runtime);
        expect(results.filter(r => !r.passed).map(r => ({ name: r.example.name, expected: r.expected, actual: r.actual, error: r.error }))).toEqual([]);
        expect(new Set(results.map(r => r.example.question.type))).toEqual(new Set(['netEffect', 'placement', 'inclusion', 'fee', 'calculation', 'decision']));
        expect(results.some(r => r.expected.error !== undefined)).toBe(true);
    });

    // Each snippet on its own names things declared in others, so only its syntax is checked alone.
    test.each(blocks.map((block, index) => [index + 1, block]))('snippet %i is valid syntax', async (_index, block) => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/readme/snippet.regel', text: block as string }]);
        expect(checked.diagnostics.filter(d => d.code === 'syntax-error' || d.code === 'lexical-error')).toEqual([]);
    });
});
