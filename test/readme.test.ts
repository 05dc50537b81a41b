import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { NodeFileSystem } from 'langium/node';
import semver from 'semver';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const blocks = [...readFileSync(path.join(repository, 'README.md'), 'utf8').matchAll(/```regel\n([\s\S]*?)```/g)].map(m => m[1]);

describe('the language tour in README.md', () => {
    test('has examples', () => {
        expect(blocks.length).toBeGreaterThan(5);
    });

    // From disk: the tour imports the national library (`använd nationellt`), as a policy writer's set does.
    test('put together, the snippets are one policy set that checks clean, with nothing to warn about', async () => {
        const { Regelratt } = createRegelrattServices(NodeFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: path.join(repository, 'readme-tour.regel'), text: blocks.join('\n') }]);
        // Notes (unused names) and hints (regions no example reaches) are not findings to fix.
        expect(checked.diagnostics.filter(d => d.severity !== 'info' && d.severity !== 'hint').map(d => `${d.line}: ${d.message}`)).toEqual([]);
    });

    test('its examples pass through the runtime, and they include a fee, a calculation, a decision and an expected error', async () => {
        const { Regelratt } = createRegelrattServices(NodeFileSystem);
        const checked = await checkPolicies(Regelratt, [{ path: path.join(repository, 'readme-tour.regel'), text: blocks.join('\n') }]);
        expect(checked.map(c => path.basename(c.path))).toContain('prisbasbelopp.regel');
        const runtime = new PolicyRuntime(checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, path.basename(c.path))))));
        const results = runExamples(runtime);
        expect(results.filter(r => !r.passed).map(r => ({ name: r.example.name, expected: r.expected, actual: r.actual, error: r.error }))).toEqual([]);
        expect(new Set(results.map(r => r.example.question.type))).toEqual(new Set(['netEffect', 'placement', 'inclusion', 'fee', 'calculation', 'decision', 'eligibility']));
        expect(results.some(r => r.expected.error !== undefined)).toBe(true);
    });

    // Each snippet on its own names things declared in others, so only its syntax is checked alone.
    test.each(blocks.map((block, index) => [index + 1, block]))('snippet %i is valid syntax', async (_index, block) => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/readme/snippet.regel', text: block as string }]);
        expect(checked.diagnostics.filter(d => d.code === 'syntax-error' || d.code === 'lexical-error')).toEqual([]);
    });
});

describe('what README.md says about installing on Node 20', () => {
    // The newest Node 20, which is what a user on Node 20 installs today.
    const NODE_20 = '20.20.2';
    const paragraph = readFileSync(path.join(repository, 'README.md'), 'utf8').split(/\n\n/).find(p => p.includes('`EBADENGINE`')) ?? '';

    test('names exactly the packages whose declared engines refuse Node 20, and counts them right', () => {
        const lock = JSON.parse(readFileSync(path.join(repository, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: unknown; optional?: boolean }> };
        const refusing = Object.entries(lock.packages)
            .filter(([location, entry]) => location.startsWith('node_modules/') && entry.optional !== true)
            .filter(([, entry]) => {
                const range = typeof entry.engines === 'object' && entry.engines !== null ? (entry.engines as { node?: unknown }).node : undefined;
                return typeof range === 'string' && !semver.satisfies(NODE_20, range);
            })
            .map(([location]) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length));
        const named = new Set([...paragraph.matchAll(/`([@a-z0-9./-]+)`/g)].map(m => m[1]).filter(name => refusing.includes(name)));
        expect(named).toEqual(new Set(refusing));
        const count = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'][new Set(refusing).size];
        expect(paragraph).toMatch(new RegExp(`EBADENGINE\`\\s+for\\s+${count}\\s+packages`));
    });
});
