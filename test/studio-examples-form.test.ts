import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumExecutable, openStudioSession, type StudioSession } from './studio-process.js';

/**
 * Regelrätt Studio's example form and navigation, as a policy writer uses them on a copy of
 * examples/orebro in Chromium (issue 26, part 2): a new example for a pilot that runs for a period
 * gets a date inside it, a failing example is counted in the status, dates are typed the Swedish way
 * (ÅÅÅÅ-MM-DD, whatever the browser's own date field would show), the example just added is shown in
 * the editor, and go to definition opens the file the name is declared in.
 */
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-studio-form-'));
let session: StudioSession;
let page: Page;

/** The lines the editor shows now, as text (Monaco draws spaces as no-break spaces). */
async function visibleLines(on: Page): Promise<string> {
    return (await on.locator('#editor .view-lines').innerText()).replace(/\u00a0/g, ' ');
}

/** The name of the file the editor shows (the tree's current button, without its signs). */
async function currentFile(on: Page): Promise<string> {
    return ((await on.textContent('#files button[aria-current]')) ?? '').replace(/[\s●⚠⨯\d,].*$/u, '');
}

/**
 * Chooses an item of the editor's open context menu with the arrow keys and Enter, as a keyboard user
 * does: each label but the last names a submenu, opened with the right arrow.
 */
async function chooseFromMenu(on: Page, ...labels: string[]): Promise<void> {
    // The menu lives in a shadow root; the item with the keyboard focus is that root's active element.
    const focused = () => on.evaluate("document.activeElement?.shadowRoot?.activeElement?.querySelector('.action-label')?.textContent?.trim() ?? ''") as Promise<string>;
    for (const [depth, label] of labels.entries()) {
        // At least one arrow press: an item focused by the menu's opening alone does not run on Enter.
        let steps = 0;
        do {
            if (steps++ === 30) {
                throw new Error(`the menu has no item '${label}': ${(await on.locator('.monaco-menu .action-label').allInnerTexts()).join(', ')}`);
            }
            await on.keyboard.press('ArrowDown');
        } while (await focused() !== label);
        await on.keyboard.press(depth < labels.length - 1 ? 'ArrowRight' : 'Enter');
    }
}

/** Puts the cursor on a name in a line of the file shown, by clicking it. */
async function clickName(on: Page, lineText: string, name: string): Promise<void> {
    await on.locator('#editor .view-line', { hasText: lineText }).first().locator('span', { hasText: name }).last().click();
    // The editor places the cursor on the next frame; a menu opened before then acts where it was.
    await on.waitForTimeout(300);
    // The pointer out of the way: the menu opens where the cursor is, and an item under the pointer
    // would take the focus the arrow keys move.
    await on.mouse.move(0, 0);
}

if (!chromiumExecutable) {
    console.warn('\n*** Chromium is missing (apt-get install chromium): the studio\'s example form was NOT tested in a browser. ***\n');
}

describe.runIf(chromiumExecutable !== undefined)('the studio\'s example form and navigation', () => {
    beforeAll(async () => {
        // An English browser: its own date field would show mm/dd/yyyy. `?lang=sv` keeps the studio Swedish.
        session = await openStudioSession(folder, { locale: 'en-US', viewport: { width: 1366, height: 768 } });
        page = session.page;
        await page.goto(`${session.studio.base}?lang=sv`);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
        await page.waitForFunction("/^0 fel/.test(document.getElementById('status')?.textContent ?? '')", undefined, { timeout: 20_000 });
    }, 90_000);

    afterAll(async () => {
        await session?.close();
    });

    test('a new example for a pilot with a period is dated inside it, is answered (not missing-date), and is shown in the editor', async () => {
        await page.click('#show-examples');
        await page.waitForSelector('#examples table.examples tbody tr');
        const region = page.locator('#examples ul.uncovered li', { hasText: 'handläggare_och_arbetsterapeut' }).first();
        await region.locator('button').click();
        expect(await page.inputValue('#ex-type')).toBe('inclusion');
        expect(await page.inputValue('#ex-date')).toBe('2020-01-01');
        expect(await page.getAttribute('#ex-date', 'required')).not.toBeNull();
        expect(await page.textContent('#ex-date-format')).toContain('handläggare_och_arbetsterapeut pågår 2020-01-01–2021-12-31');
        await page.fill('#ex-name', 'ny_pilotfråga');
        await page.selectOption('#ex-expected', 'ingår');
        await page.click('.example-form button[type=submit]');
        // Answered by the runtime on that day, whichever way: not refused for want of a date.
        const row = () => page.locator('#examples tbody tr', { hasText: 'ny_pilotfråga' }).innerText();
        await expect.poll(row, { timeout: 20_000 }).toMatch(/2020-01-01[\s\S]*(går igenom|fel)/);
        expect(await row()).not.toContain('missing-date');
        // The writer sees what was written: the file with the new block, scrolled to it.
        expect(await currentFile(page)).toBe('exempel.regel');
        await expect.poll(() => visibleLines(page), { timeout: 10_000 }).toContain('exempel ny_pilotfråga');
    });

    test('a failing example is counted in the status, not hidden behind "0 fel"', async () => {
        await page.click('#show-examples');
        await page.waitForSelector('#examples table.examples tbody tr');
        await page.fill('#ex-name', 'fel_förlopp');
        await page.selectOption('#ex-type', 'placement');
        await page.selectOption('#ex-target', 'rehabiliterande_förlopp');
        await page.selectOption('label:text-is("Aktivitetsförmåga") + select', 'nedsatt');
        // Nedsatt förmåga gives förlopp 3: expecting förlopp 1 fails.
        await page.selectOption('#ex-expected', 'förlopp förlopp_1');
        await page.click('.example-form button[type=submit]');
        await expect.poll(() => page.locator('#examples tbody tr', { hasText: 'fel_förlopp' }).locator('td.fail').count(), { timeout: 20_000 }).toBe(1);
        const failing = await page.locator('#examples td.fail').count();
        await expect.poll(() => page.textContent('#status'), { timeout: 20_000 }).toMatch(new RegExp(`^0 fel, \\d+ varning(ar)?, ${failing} exempel stämmer inte`));
    });

    test('dates are typed as ÅÅÅÅ-MM-DD, not in the browser\'s own order', async () => {
        await page.click('#show-examples');
        await page.waitForSelector('#ex-date');
        expect(await page.getAttribute('#ex-date', 'type')).toBe('text');
        expect(await page.getAttribute('#ex-date', 'placeholder')).toBe('ÅÅÅÅ-MM-DD');
        await page.fill('#ex-name', 'datum_skrivet');
        await page.selectOption('#ex-type', 'placement');
        await page.fill('#ex-date', '2021-13-01');
        expect(await page.evaluate("document.getElementById('ex-date').validity.valid")).toBe(false);
        await page.fill('#ex-date', '2021-06-01');
        expect(await page.evaluate("document.getElementById('ex-date').validity.valid")).toBe(true);
        await page.selectOption('#ex-target', 'rehabiliterande_förlopp');
        await page.selectOption('label:text-is("Aktivitetsförmåga") + select', 'nedsatt');
        await page.selectOption('#ex-expected', 'förlopp förlopp_3');
        await page.click('.example-form button[type=submit]');
        await expect.poll(() => visibleLines(page), { timeout: 10_000 }).toContain('exempel datum_skrivet');
        expect(await visibleLines(page)).toContain('datum 2021-06-01');
    });

    test('the file tree keeps its buttons while the server and the disk change what they show: a press is not lost', async () => {
        // Diagnostics arrive after every keystroke and re-draw the tree; a button replaced between a
        // click's press and release loses the click, and a keyboard user the focus on it.
        const file = path.join(folder, 'piloter.regel');
        const original = readFileSync(file, 'utf8');
        const button = (await page.locator('#files button:text-is("piloter.regel")').elementHandle())!;
        const box = (await button.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        // Changed on disk while pressed: the studio takes the new text and the server finds the error.
        writeFileSync(file, `${original}\ntrasig rad\n`);
        await expect.poll(() => page.textContent('#files'), { timeout: 20_000 }).toMatch(/piloter\.regel\s*⨯1/);
        // The same element, not a copy: a replaced button loses the press and whatever focus it had.
        expect(await button.evaluate(b => b.isConnected), 'the button pressed is still the one in the tree').toBe(true);
        await page.mouse.up();
        expect(await currentFile(page)).toBe('piloter.regel');
        writeFileSync(file, original);
        await expect.poll(() => page.textContent('#files'), { timeout: 20_000 }).not.toContain('⨯');
    });

    // Run after the tests above, before the server's semantic tokens for the file have arrived: the
    // names must already be words of their own in the editor (the tokenizer's), or the click meant for
    // `kognitiv_svikt` lands in the middle of the whole line's one span.
    test('go to definition on a name declared in another file opens that file at the declaration', async () => {
        await page.click('#files button:text-is("piloter.regel")');
        expect(await currentFile(page)).toBe('piloter.regel');
        // The cursor on `kognitiv_svikt` in the first pilot's criteria (declared in egenskaper.regel).
        const text = readFileSync(path.join(folder, 'piloter.regel'), 'utf8');
        expect(text).toContain('och inte kognitiv_svikt');
        await clickName(page, 'och inte kognitiv_svikt', 'kognitiv_svikt');
        // From the context menu, as a keyboard user reaches it (headless Chromium keeps F12 for itself).
        await page.keyboard.press('Shift+F10');
        const menu = page.locator('.monaco-menu .action-label');
        await expect.poll(() => menu.allInnerTexts(), { timeout: 10_000 }).toContain('Gå till definitionen');
        // Chosen with the keyboard: the editor's menu ignores a mouse click in its first 100 ms (against
        // accidental clicks), and a test's click can come sooner.
        await chooseFromMenu(page, 'Gå till definitionen');
        await expect.poll(() => currentFile(page), { timeout: 10_000 }).toBe('egenskaper.regel');
        await expect.poll(() => visibleLines(page), { timeout: 10_000 }).toMatch(/egenskap kognitiv_svikt/);
    });

    test('peek definition shows the declaration from another file in place, and its title opens that file', async () => {
        await page.click('#files button:text-is("piloter.regel")');
        expect(await currentFile(page)).toBe('piloter.regel');
        await clickName(page, 'och inte kognitiv_svikt', 'kognitiv_svikt');
        await page.keyboard.press('Shift+F10');
        await expect.poll(() => page.locator('.monaco-menu .action-label').allInnerTexts(), { timeout: 10_000 }).toContain('Titta');
        await chooseFromMenu(page, 'Titta', 'Titta på definitionen');
        const peek = page.locator('#editor .peekview-widget');
        await expect.poll(() => peek.locator('.peekview-title').innerText(), { timeout: 10_000 }).toContain('egenskaper.regel');
        await expect.poll(() => peek.locator('.view-lines').innerText(), { timeout: 10_000 }).toMatch(/egenskap\s+kognitiv_svikt/);
        // Still in the file it was asked from: a peek does not leave it.
        expect(await currentFile(page)).toBe('piloter.regel');
        await peek.locator('.peekview-title .filename').click();
        await expect.poll(() => currentFile(page), { timeout: 10_000 }).toBe('egenskaper.regel');
        await expect.poll(() => visibleLines(page), { timeout: 10_000 }).toMatch(/egenskap kognitiv_svikt/);
    });
});
