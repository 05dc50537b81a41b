/**
 * Regelrätt Studio in headless Chromium on examples/orebro (13 files): first load (navigation to the
 * editor, the files checked and the document rendered: the page's `data-ready`), and keystroke to
 * fresh diagnostics (an amount without `kr` typed at the end of a file, until the status line counts
 * the error). Median of five runs each. Usage: node test/bench/studio.mjs
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-studio-bench-'));
cpSync(path.join(repository, 'examples/orebro'), folder, { recursive: true });
const child = spawn(process.execPath, [path.join(repository, 'packages/cli/bin/regelratt.js'), 'studio', folder, '--port', '0']);
const base = await new Promise(resolve => {
    let stderr = '';
    child.stderr.on('data', chunk => { stderr += chunk; const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr); if (found) resolve(found[1]); });
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const loads = [];
const keystrokes = [];
try {
    for (let run = 0; run < 5; run++) {
        const page = await (await browser.newContext({ locale: 'sv-SE' })).newPage();
        const start = performance.now();
        await page.goto(base);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
        loads.push(performance.now() - start);
        await page.click('#files button:text-is("hemvard-ersattning.regel")');
        await page.click('#editor .view-lines');
        await page.keyboard.press('Control+End');
        await page.keyboard.type('\nnivåtabell x { nivå 4 : 2 03');
        const typed = performance.now();
        await page.keyboard.type('7 }');
        // A function, not a string: the studio's Content-Security-Policy refuses evaluating strings in the page.
        await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('1 fel'), undefined, { timeout: 20_000 });
        keystrokes.push(performance.now() - typed);
        await page.close();
    }
} finally {
    await browser.close();
    child.kill();
    rmSync(folder, { recursive: true, force: true });
}
const size = file => (statSync(path.join(repository, 'packages/studio/dist', file)).size / 1e6).toFixed(2);
console.log(`Chromium headless, examples/orebro (13 files), median of 5: first load ${median(loads).toFixed(0)} ms (${loads.map(v => v.toFixed(0)).join(', ')}); keystroke to fresh diagnostics ${median(keystrokes).toFixed(0)} ms (${keystrokes.map(v => v.toFixed(0)).join(', ')})`);
console.log(`Bundles (minified): app.js ${size('app.js')} MB, language-server.js ${size('language-server.js')} MB, editor.worker.js ${size('editor.worker.js')} MB, app.css ${size('app.css')} MB`);
