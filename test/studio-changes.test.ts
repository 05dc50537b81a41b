import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumExecutable, openStudioSession, type StudioSession } from './studio-process.js';

/**
 * Regelrätt Studio in Chromium while someone else changes the files on disk (another editor, git):
 * a file the page has not edited takes the change; an edited one, saved, is not written over
 * silently: the page shows the two versions and the writer chooses the disk's or theirs, and the
 * one theirs replaces is kept in the history. Nor is what is typed into the examples form lost
 * when an edit shows the table again.
 */
const executable = chromiumExecutable;
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-studio-changes-'));
let session: StudioSession;
let page: Page;

/** The lines Monaco shows for the open file (the short files used here fit in the editor), its non-breaking spaces as spaces. */
const shownText = async () => (await page.locator('#editor .view-lines').innerText()).replace(/\u00a0/g, ' ');

/** Opens a file from the tree and types a line at its end. */
async function typeAtEnd(file: string, line: string): Promise<void> {
    await page.click(`#files button:text-is("${file}")`);
    await page.click('#editor .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`\n${line}`);
}

if (!executable) {
    console.warn('\n*** Chromium is missing (apt-get install chromium): the studio\'s handling of changes on disk was NOT tested in a browser. ***\n');
}

describe.runIf(executable !== undefined)('Regelrätt Studio and changes made on disk', () => {
    beforeAll(async () => {
        session = await openStudioSession(folder);
        ({ page } = session);
    }, 60_000);

    afterAll(async () => {
        await session?.close();
    });

    test('a file not edited in the page takes a line added on disk', async () => {
        await page.click('#files button:text-is("lagar.regel")');
        appendFileSync(path.join(folder, 'lagar.regel'), '// Tillagd i en annan editor.\n');
        await expect.poll(shownText, { timeout: 15_000 }).toContain('// Tillagd i en annan editor.');
        expect(await page.textContent('#files button[aria-current]')).toBe('lagar.regel');
    });

    test('an edited file changed on disk: Ctrl+S shows both versions; "load the disk\'s version" takes the disk\'s', async () => {
        await typeAtEnd('parametrar.regel', '// Min rad.');
        appendFileSync(path.join(folder, 'parametrar.regel'), '// Diskens rad.\n');
        const onDisk = readFileSync(path.join(folder, 'parametrar.regel'), 'utf8');
        await expect.poll(() => page.textContent('#files button[aria-current]'), { timeout: 15_000 }).toContain('⚠');
        await page.keyboard.press('Control+s');
        await page.waitForSelector('#conflict[open] .monaco-diff-editor', { timeout: 15_000 });
        expect(await page.textContent('#conflict-heading')).toBe('parametrar.regel har ändrats på disken');
        await page.click('#conflict-disk');
        await expect.poll(shownText, { timeout: 10_000 }).toContain('// Diskens rad.');
        expect(await shownText()).not.toContain('// Min rad.');
        expect(await page.isVisible('#conflict')).toBe(false);
        expect(readFileSync(path.join(folder, 'parametrar.regel'), 'utf8')).toBe(onDisk);
        await expect.poll(() => page.textContent('#files button[aria-current]')).toBe('parametrar.regel');
    });

    test('"keep mine" writes the page\'s text over the disk\'s, and the disk\'s goes to the history', async () => {
        await typeAtEnd('parametrar.regel', '// Min rad igen.');
        appendFileSync(path.join(folder, 'parametrar.regel'), '// Diskens andra rad.\n');
        const replaced = readFileSync(path.join(folder, 'parametrar.regel'), 'utf8');
        await page.keyboard.press('Control+s');
        await page.waitForSelector('#conflict[open] .monaco-diff-editor', { timeout: 15_000 });
        await page.click('#conflict-mine');
        await expect.poll(() => readFileSync(path.join(folder, 'parametrar.regel'), 'utf8'), { timeout: 10_000 }).toContain('// Min rad igen.');
        const saved = readFileSync(path.join(folder, 'parametrar.regel'), 'utf8');
        expect(saved).toContain('// Diskens rad.');
        expect(saved).not.toContain('// Diskens andra rad.');
        await expect.poll(() => page.textContent('#files button[aria-current]')).toBe('parametrar.regel');
        const history = path.join(folder, '.regelratt-historik', 'parametrar.regel');
        expect(readdirSync(history).map(name => readFileSync(path.join(history, name), 'utf8'))).toContain(replaced);
    });

    test('what is typed into the examples form stays when the table is shown again after an edit', async () => {
        await page.click('#show-examples');
        await page.waitForSelector('#examples table.examples tbody tr');
        await page.fill('#ex-name', 'halvskrivet');
        await page.fill('#ex-title', 'Påbörjat exempel');
        // Marked, so the table's next rendering (after the edit below) is seen.
        await page.evaluate("document.querySelector('#examples table').dataset.before = 'true'");
        await typeAtEnd('lagar.regel', '// En ändring medan formuläret är ifyllt.');
        await page.waitForSelector('#examples table:not([data-before])', { state: 'attached', timeout: 15_000 });
        expect(await page.inputValue('#ex-name')).toBe('halvskrivet');
        expect(await page.inputValue('#ex-title')).toBe('Påbörjat exempel');
    });
});

describe.runIf(executable === undefined && process.env.CI === 'true')('in CI', () => {
    test('Chromium is installed, so the studio is tested in a browser', () => {
        expect.fail('.ci/run installs Chromium; it is missing, so the studio could not be tested.');
    });
});
