/**
 * Draws docs/images/diff-register.png, the README's picture of the konsekvensanalys: Habo's fee
 * rules revised as in test/register-impact-cli.test.ts (städning 503 → 520 kr/mån, level 3 from 15
 * visits a week instead of 21), answered for a generated register of 2 000 citizens, the HTML report
 * shot in Chromium. Usage: node test/images/impact-report.mjs (needs /usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-impact-image-'));
try {
    const before = path.join(scratch, 'habo');
    const after = path.join(scratch, 'habo-ny');
    cpSync(path.join(repository, 'examples/habo'), before, { recursive: true });
    cpSync(before, after, { recursive: true });
    const source = path.join(after, 'hemtjänst.regel');
    writeFileSync(source, readFileSync(source, 'utf8')
        .replace('städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 503 kr/mån }', 'städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 520 kr/mån }')
        .replace('| 7–20            || 2    | 1 409 kr/mån |', '| 7–14            || 2    | 1 409 kr/mån |')
        .replace('| >= 21           || 3    | 2 013 kr/mån |', '| >= 15           || 3    | 2 013 kr/mån |'));
    let state = 20261205;
    const next = limit => ((state = (state * 48271) % 2147483647) % limit);
    const register = path.join(scratch, 'register.ndjson');
    writeFileSync(register, Array.from({ length: 2000 }, (_, id) => JSON.stringify({
        id, date: '2017-06-01', citizen: {
            besök_per_vecka: next(30), ledsagning_per_månad: next(15), städning: next(2) === 1, tvätt: next(2) === 1, inköp: next(2) === 1,
            portioner: next(60), larm: ['saknas', 'analogt', 'digitalt'][next(3)], sammanboende: next(2) === 1,
        },
    })).join('\n') + '\n');
    const html = path.join(scratch, 'konsekvenser.html');
    const run = spawnSync(process.execPath, [path.join(repository, 'packages/cli/bin/regelratt.js'), 'diff', before, after, '--register', register, '--format', 'html'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 1) {
        throw new Error(`diff exited ${run.status}: ${run.stderr}`);
    }
    writeFileSync(html, run.stdout);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
    try {
        const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, deviceScaleFactor: 1 });
        await page.goto(pathToFileURL(html).toString());
        const section = page.locator('section', { has: page.getByRole('heading', { name: /Konsekvenser/ }) }).first();
        const target = path.join(repository, 'docs/images/diff-register.png');
        await ((await section.count()) > 0 ? section.screenshot({ path: target }) : page.screenshot({ path: target, fullPage: false }));
        console.log(`${path.relative(repository, target)} written`);
    } finally {
        await browser.close();
    }
} finally {
    rmSync(scratch, { recursive: true, force: true });
}
