import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '../packages/runtime/src/index.js';
import { compareWithRuntime } from './dmn/dmn-harness.js';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { importDmn } from '../packages/cli/src/dmn/import-dmn.js';
import { dmnPolicy } from '../packages/cli/src/dmn/write-dmn.js';
import { grammarKeywords } from '@regelratt/language';

/**
 * A table reading another table's column of dates (`omprövning.omprövas`): its cells compare days
 * (`< 2025-07-01`), the runtime answers by the upstream's date, and the gap and overlap analyses are
 * exact over days.
 */
const policy = (rows: string) => `
egenskap ålder : heltal 0–120 år
beslutstabell omprövning {
    träff första
    | ålder || omprövas   |
    | >= 80 || 2025-03-01 |
    | >= 65 || 2025-07-01 |
    annars  || 2026-01-01 |
}
beslutstabell brådska {
    | omprövning.omprövas || brådskande |
${rows}
}
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function checked(text: string) {
    const [result] = await checkPolicies(Regelratt, [{ path: '/kedja/datum.regel', text }]);
    return { diagnostics: result.diagnostics, files: [JSON.parse(JSON.stringify(compilePolicy(result.document.parseResult.value, 'datum.regel'))) as CompiledPolicyFile] };
}

describe('a chained column of dates', () => {
    test('is compared day by day, and the runtime answers by the upstream date', async () => {
        const { diagnostics, files } = await checked(policy('    | < 2025-07-01  || ja  |\n    | >= 2025-07-01 || nej |'));
        expect(diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => d.code)).toEqual([]);
        const runtime = new PolicyRuntime(files);
        const answer = (ålder: number) => runtime.decide('brådska', { date: '2025-01-01', citizen: { ålder } }).outputs.brådskande;
        expect([answer(85), answer(70), answer(40)]).toEqual(['ja', 'nej', 'nej']);
    });

    test('a number or a text in a cell of a date column is a type mismatch naming dates', async () => {
        const { diagnostics } = await checked(policy('    | < 5  || ja  |\n    | >= 5 || nej |'));
        expect(diagnostics.filter(d => d.code === 'type-mismatch').map(d => d.message)).toEqual([expect.stringContaining('ett datum'), expect.stringContaining('ett datum')]);
        expect(diagnostics.map(d => d.code)).not.toContain('chained-column-not-comparable');
    });

    test('a day no row covers is a gap, a day two rows cover an overlap', async () => {
        const gap = await checked(policy('    | < 2025-07-01  || ja  |\n    | > 2025-07-01 || nej |'));
        // The one day between the bounds, for the citizens whose review falls on it (65–79 years: the upstream's reach).
        expect(gap.diagnostics.filter(d => d.code === 'decision-gap').map(d => d.message)).toEqual([expect.stringContaining('omprövning.omprövas = 2025-07-01, ålder 65–79 år')]);
        const overlap = await checked(policy('    | <= 2025-07-01  || ja  |\n    | >= 2025-07-01 || nej |'));
        expect(overlap.diagnostics.filter(d => d.code === 'decision-overlap').map(d => d.message)).toEqual([expect.stringContaining('omprövning.omprövas = 2025-07-01, ålder 65–79 år')]);
    });

    test('exported to DMN, the chained column is a date the engine compares as the runtime does', async () => {
        const { files } = await checked(policy('    | < 2025-07-01  || ja  |\n    | >= 2025-07-01 || nej |'));
        const agreed = await compareWithRuntime(files, 20_261_205, 40);
        expect(agreed.decisions).toBe(2);
        expect(agreed.regions).toBeGreaterThanOrEqual(4);
    });

    test('the earliest of several dates (träff samla min) is read the same way', async () => {
        const text = policy('    | < 2025-07-01  || ja  |\n    | >= 2025-07-01 || nej |').replace('    träff första\n    | ålder || omprövas   |\n    | >= 80 || 2025-03-01 |\n    | >= 65 || 2025-07-01 |\n    annars  || 2026-01-01 |',
            '    träff samla min\n    | ålder || omprövas   |\n    | >= 80 || 2025-03-01 |\n    | >= 65 || 2025-07-01 |\n    | -     || 2026-01-01 |');
        expect(text).toContain('träff samla min');
        const { diagnostics, files } = await checked(text);
        expect(diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => d.code)).toEqual([]);
        const runtime = new PolicyRuntime(files);
        const answer = (ålder: number) => runtime.decide('brådska', { date: '2025-01-01', citizen: { ålder } }).outputs.brådskande;
        expect([answer(85), answer(70), answer(40)]).toEqual(['ja', 'nej', 'nej']);
        const agreed = await compareWithRuntime(files, 20_261_205, 40);
        expect(agreed.hitPolicies.has('COLLECT MIN')).toBe(true);
    });

    test('regel → DMN → regel keeps the chained column of dates and its answers', async () => {
        const original = await checked(policy('    | < 2025-07-01  || ja  |\n    | >= 2025-07-01 || nej |'));
        const keywords = new Set(grammarKeywords(Regelratt.Grammar));
        const imported = await importDmn(exportDmn(original.files[0], dmnPolicy(original.files))!.xml, keywords);
        expect(imported.notes).toEqual([]);
        const again = await checked(imported.text);
        expect(again.diagnostics.filter(d => d.severity === 'error').map(d => d.code), imported.text).toEqual([]);
        const before = new PolicyRuntime(original.files);
        const after = new PolicyRuntime(again.files);
        for (const ålder of [40, 64, 65, 79, 80, 95]) {
            const answer = (runtime: PolicyRuntime) => runtime.decide('brådska', { date: '2025-01-01', citizen: { ålder } }).outputs;
            expect(answer(after), String(ålder)).toEqual(answer(before));
        }
    });
});
