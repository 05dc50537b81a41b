import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import { seriousViolations } from './axe.js';
import { chromiumArgs } from './studio-process.js';

/**
 * The nämnd's document opened in a real browser: Debian's Chromium, headless. It must parse the
 * whole document (every section present in the DOM the browser built, the chart as SVG) and paint
 * it (a screenshot with ink on it). `REGELRATT_SCREENSHOT=docs/images/dokument-orebro.png` keeps the
 * screenshot (the one in docs/images was taken so).
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const executable = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-browser-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--disable-dev-shm-usage'];

if (!executable) {
    console.warn('\n*** Chromium is missing (apt-get install chromium): the document was NOT opened in a real browser. ***\n');
}

describe.runIf(executable !== undefined)('the document in headless Chromium', () => {
    const out = path.join(scratch, 'orebro');
    const written = spawnSync(process.execPath, [bin, 'dokument', 'examples/orebro', '-o', out], { cwd: repository, encoding: 'utf8' });
    const url = pathToFileURL(path.join(out, 'dokument.html')).href;

    test('parses whole: the browser\'s DOM has every chapter, the tables and the chart', () => {
        expect(written.status, written.stderr).toBe(0);
        const dom = spawnSync(executable!, [...flags, '--dump-dom', url], { encoding: 'utf8', timeout: 60_000 });
        expect(dom.status, dom.stderr).toBe(0);
        for (const chapter of ['Riktlinjer', 'Förlopp', 'Testfaser och piloter', 'Ersättning till utförare', 'Avgifter', 'Lagstöd', 'Räkneexempel', 'Bilaga: kontrollens resultat']) {
            expect(dom.stdout).toContain(`<h2>${chapter}</h2>`);
        }
        expect(dom.stdout).toMatch(/<td class="number">2(\u00a0|&nbsp;)037(\u00a0|&nbsp;)kr<\/td>/);
        expect(dom.stdout).toMatch(/<svg [^>]*role="img"/);
    });

    test('paints: the first page has ink on it', () => {
        const shot = process.env.REGELRATT_SCREENSHOT ? path.resolve(repository, process.env.REGELRATT_SCREENSHOT) : path.join(scratch, 'shot.png');
        const run = spawnSync(executable!, [...flags, `--screenshot=${shot}`, '--window-size=1000,1300', url], { encoding: 'utf8', timeout: 60_000 });
        expect(run.status, run.stderr).toBe(0);
        // A blank 1000×1300 page compresses to a few kilobytes; text and rules make it far larger.
        expect(statSync(shot).size).toBeGreaterThan(40_000);
        expect(readFileSync(shot).subarray(1, 4).toString('latin1')).toBe('PNG');
    });
});

describe.runIf(executable !== undefined)('the document is accessible (2018:1937: WCAG 2.1 AA)', () => {
    test.each([['habo', 'sv'], ['orebro', 'sv'], ['orebro', 'en']])('examples/%s (%s): axe in Chromium finds no serious or critical violation', async (set, locale) => {
        const out = path.join(scratch, `axe-${set}-${locale}`);
        const written = spawnSync(process.execPath, [bin, 'dokument', `examples/${set}`, '-o', out, '--lang', locale], { cwd: repository, encoding: 'utf8' });
        expect(written.status, written.stderr).toBe(0);
        const browser = await chromium.launch({ executablePath: executable, args: chromiumArgs });
        try {
            const page = await browser.newPage();
            await page.goto(pathToFileURL(path.join(out, 'dokument.html')).href);
            expect(await page.locator('h1').count()).toBe(1);
            expect(await seriousViolations(page)).toEqual([]);
        } finally {
            await browser.close();
        }
    }, 120_000);
});

describe.runIf(executable !== undefined)('printed from Chromium', () => {
    /** Pages of a PDF, counted from its page objects (no poppler needed). */
    const pages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;

    test('diff --format html prints compactly: Örebro\'s revision on at most four pages, not a title page and a page per one-row table', () => {
        const diff = spawnSync(process.execPath, [bin, 'diff', 'examples/orebro', 'examples/orebro-revision', '--format', 'html'], { cwd: repository, encoding: 'utf8' });
        expect(diff.status, diff.stderr).toBe(1);
        const html = path.join(scratch, 'diff.html');
        writeFileSync(html, diff.stdout);
        const pdf = path.join(scratch, 'diff.pdf');
        const run = spawnSync(executable!, [...flags, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, pathToFileURL(html).href], { encoding: 'utf8', timeout: 60_000 });
        expect(run.status, run.stderr).toBe(0);
        // Nine pages before: a title page, a contents page and every element's change on a page of its own.
        expect(pages(readFileSync(pdf))).toBeLessThanOrEqual(4);
    });
});

describe.runIf(executable === undefined && process.env.CI === 'true' && process.env.REGELRATT_NEOVIM_INSTALL_FAILED !== '1')('in CI', () => {
    test('Chromium is installed, so the document is opened in a real browser', () => {
        expect.fail('.ci/run installs Chromium; it is missing, so the browser test could not run.');
    });
});
