import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, test } from 'vitest';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';

/**
 * The real defects of municipalities' published rules that an example set documents (issue 25
 * part 5): the set as written checks clean, and the published rule as written without the set's
 * way round it gives exactly the finding its README and comments quote, word for word.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { Regelratt: services } = createRegelrattServices(NodeFileSystem, { referenceIndex: false });

/** Checks one policy text as a file of the example folder (so `använd nationellt` resolves), every finding. */
async function check(folder: string, file: string, text: string) {
    const [checked] = await checkPolicies(services, [{ path: path.join(repository, 'examples', folder, file), text }]);
    return checked.diagnostics.map(d => ({ code: d.code, severity: d.severity, line: d.line, message: d.message }));
}

describe('examples/haabo: the published levels leave exactly 35 hours without a level', () => {
    const file = path.join(repository, 'examples/haabo/hemtjänst.regel');
    const policy = readFileSync(file, 'utf8');
    const defaultRow = /^ {4}annars +\|\| ej angivet \| ej angivet +\|\n/m;
    const published = policy.replace(defaultRow, '');
    const finding = 'Ingen rad i beslutstabellen avgiftsnivå gäller för: beviljad_tid = 2 100 minuter.';

    test('as written (the gap answered "ej angivet") the set checks without a finding', async () => {
        expect(policy).toMatch(defaultRow);
        expect(await check('haabo', 'hemtjänst.regel', policy)).toEqual([]);
    });

    test('the published bounds alone: one decision-gap, at 2 100 minutes, as the README and the comment quote it', async () => {
        const found = await check('haabo', 'hemtjänst.regel', published);
        expect(found.map(d => [d.code, d.severity, d.message])).toEqual([['decision-gap', 'error', finding]]);
        const line = published.split('\n').findIndex(l => l.startsWith('beslutstabell avgiftsnivå')) + 1;
        expect(found[0].line).toBe(line);
        expect(readFileSync(path.join(repository, 'examples/haabo/README.md'), 'utf8')).toContain(`hemtjänst.regel:${line}:15: fel: ${finding} [decision-gap]`);
        expect(policy).toContain(`//   ${finding}`);
    });

    test('in fractions of a minute the page\'s bounds leave four more gaps, between the levels', async () => {
        const decimal = published.replace(': heltal 0–44 640 minuter per månad', ': decimaltal 0–44 640 minuter per månad');
        expect(decimal).not.toBe(published);
        const found = await check('haabo', 'hemtjänst.regel', decimal);
        expect(found.filter(d => d.code === 'decision-gap').map(d => d.message.replace(/^.*gäller för: /, ''))).toEqual([
            'beviljad_tid > 299 och < 300 minuter.',
            'beviljad_tid > 599 och < 600 minuter.',
            'beviljad_tid > 899 och < 900 minuter.',
            'beviljad_tid > 1 499 och < 1 500 minuter.',
            'beviljad_tid > 2 099 och ≤ 2 100 minuter.',
        ]);
    });
});
