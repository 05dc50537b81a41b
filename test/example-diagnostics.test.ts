import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { afterAll, describe, expect, test } from 'vitest';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';

/**
 * A failing inline example is a diagnostic at the example, in the checker (so in the editor, `check`
 * and SARIF), worded as `regelratt test` words it; a warning, since the policy itself compiles and
 * `test` is what fails on it. Before, only the editor's lens and `test` said so.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');

const policy = `egenskap ålder : heltal 0–120 år
beslutstabell tid {
    | ålder || timmar |
    | >= 80 || 4      |
    | < 80  || 2      |
}
exempel äldre { beslut enligt tid för { ålder = 85 }  förväntat 3 }
exempel yngre {
    beslut enligt tid för { ålder = 40 }
    förväntat 2
}
exempel saknas { beslut enligt tid för { }  förväntat 2 }
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-example-diagnostics-'));
writeFileSync(path.join(folder, 'a.regel'), policy);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: folder, encoding: 'utf8' });

describe('a failing inline example of a decision table', () => {
    test('is reported at the example by the checker, as a warning worded as regelratt test words it; a passing one is not', async () => {
        const [checked] = await checkPolicies(Regelratt, [{ path: '/ex/a.regel', text: policy }]);
        const found = checked.diagnostics.filter(d => d.code === 'example-failed' || d.code === 'example-error');
        expect(found.map(d => [d.code, d.severity, d.line, d.column, d.endLine, d.message])).toEqual([
            ['example-failed', 'warning', 7, 1, 7, 'Exemplet äldre ger inte det väntade: belopp: väntat 3, fick 4.'],
            ['example-error', 'warning', 12, 1, 12, expect.stringContaining('Exemplet saknas kan inte beräknas: ')],
        ]);
        // The range is the example's own, from `exempel` to its closing brace.
        expect(found[0].endColumn).toBe(policy.split('\n')[6].length + 1);
    });

    test('shows in check (exit 0: warnings) and in SARIF at the example, with the words of regelratt test', () => {
        const checked = run('check', '.');
        expect(checked.status).toBe(0);
        const tested = run('test', '.');
        const failedLine = tested.stdout.split('\n').find(line => line.includes('Exemplet äldre'))!;
        const testMessage = failedLine.slice(failedLine.indexOf('Exemplet'), failedLine.lastIndexOf(' [example-failed]'));
        expect(checked.stdout).toContain(`a.regel:7:1: varning: ${testMessage}`);
        const sarif = JSON.parse(run('check', '.', '--format', 'sarif').stdout).runs[0];
        const result = sarif.results.find((r: any) => r.ruleId === 'example-failed');
        expect(result.level).toBe('warning');
        expect(result.message.text).toBe(testMessage);
        expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 7, startColumn: 1 });
        expect(result.properties.messages.en).toBe('The example äldre does not give what it expects: amount: expected 3, got 4.');
        expect(sarif.results.filter((r: any) => r.ruleId === 'example-failed' || r.ruleId === 'example-error').length).toBe(2);
    });
});
