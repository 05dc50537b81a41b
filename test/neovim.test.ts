import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * A real editor: Neovim, headless, starts the bundled language server with a small init.lua,
 * opens a clean and a broken policy file and reports the diagnostics that arrived. `.ci/run`
 * installs Neovim (Debian's package), so this runs in CI, where its absence is a failure unless
 * .ci/run reports that the package archive could not be reached; on a developer's machine without
 * Neovim it is skipped with a loud warning.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;
if (!available) {
    // Loud, so that a missing editor is never mistaken for a pass.
    console.warn('\n*** NEOVIM IS NOT INSTALLED: the real-editor test does not run here. Install it with `apt-get install neovim` (.ci/run does). ***\n');
}

describe.runIf(available)('Neovim as a language client', () => {
    test('diagnostics arrive for a broken file, and none for a clean one', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-nvim-'));
        try {
            writeFileSync(path.join(folder, 'ren.regel'), 'område tätort "Tätort"\nnivåtabell t { område tätort nivå 1 : 100 kr }\n');
            writeFileSync(path.join(folder, 'trasig.regel'), 'nivåtabell u {\n    nivå 4 : 2 037\n}\n');
            const resultPath = path.join(folder, 'result.json');
            const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(repository, 'test/neovim/init.lua'), 'ren.regel', 'trasig.regel'], {
                cwd: folder, encoding: 'utf8', timeout: 60_000,
                env: { ...process.env, REGELRATT_SERVER: path.join(repository, 'packages/vscode/out/server.cjs'), REGELRATT_NODE: process.execPath, REGELRATT_RESULT: resultPath },
            });
            expect(run.status, run.stderr).toBe(0);
            const result = JSON.parse(readFileSync(resultPath, 'utf8'));
            expect(result.arrived).toBe(true);
            expect(result.files['ren.regel']).toEqual([]);
            // Neovim counts columns in bytes: the 'å' of 'nivå' is two, so the amount starts at byte 15.
            expect(result.files['trasig.regel']).toEqual([
                { line: 2, column: 15, severity: 1, message: 'Beloppet 2 037 saknar enhet; skriv 2 037 kr.', code: 'missing-unit' },
            ]);
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });
});

const installFailed = process.env.REGELRATT_NEOVIM_INSTALL_FAILED === '1';
if (!available && installFailed) {
    console.warn('\n*** .ci/run COULD NOT INSTALL NEOVIM (the package archive did not answer): the real-editor test did not run. ***\n');
}

describe.runIf(!available && process.env.CI === 'true' && !installFailed)('in CI', () => {
    test('Neovim is installed, so the real-editor test runs', () => {
        expect.fail('.ci/run installs Neovim; it is missing, so the real-editor test could not run.');
    });
});
