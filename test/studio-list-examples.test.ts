import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumExecutable, openStudioSession, type StudioSession } from './studio-process.js';

/**
 * Regelrätt Studio's examples with a list answer (issue 27): a table under a list policy answers with
 * every matching row's outputs, and the examples table shows an expected and an actual list as lists
 * (a labelled `<ul>`, read as one by a screen reader); "Nytt exempel för detta" on a region of such a
 * table writes an example expecting the region's list, which then passes. On a copy of examples/orebro
 * with one file added.
 */
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-studio-lists-'));
let session: StudioSession;
let page: Page;

const listTable = `beslutstabell stödlista "Stöd att pröva" {
    träff regelordning
    | ålder | kognitiv_svikt || stöd            |
    | >= 80 | -              || "dagverksamhet" |
    | -     | ja             || "trygghetslarm" |
}
exempel stödlista_äldre { datum 2025-01-01  beslut enligt stödlista för { ålder = 85, kognitiv_svikt = ja }  förväntat [ "dagverksamhet", "trygghetslarm" ] }
exempel stödlista_fel { datum 2025-01-01  beslut enligt stödlista för { ålder = 85, kognitiv_svikt = nej }  förväntat [ "trygghetslarm" ] }
`;

if (!chromiumExecutable) {
    console.warn('\n*** Chromium is missing (apt-get install chromium): the studio\'s list examples were NOT tested in a browser. ***\n');
}

/** The items of the list in a row's cell, by the list's label. */
async function listItems(on: Page, example: string, label: string): Promise<string[]> {
    return on.locator('#examples tbody tr', { hasText: example }).locator(`ul[aria-label="${label}"] li`).allInnerTexts();
}

describe.runIf(chromiumExecutable !== undefined)('the studio\'s examples with a list answer', () => {
    beforeAll(async () => {
        writeFileSync(path.join(folder, 'stödlista.regel'), listTable);
        session = await openStudioSession(folder, { viewport: { width: 1366, height: 768 } });
        page = session.page;
        await page.waitForFunction("/^0 fel/.test(document.getElementById('status')?.textContent ?? '')", undefined, { timeout: 20_000 });
        await page.click('#show-examples');
        await page.waitForSelector('#examples table.examples tbody tr');
    }, 90_000);

    afterAll(async () => {
        await session?.close();
    });

    test('the table shows the expected list and the answer\'s list as labelled lists, in order, with pass or fail', async () => {
        await expect.poll(() => listItems(page, 'stödlista_äldre', 'Förväntad lista'), { timeout: 20_000 }).toEqual(['"dagverksamhet"', '"trygghetslarm"']);
        expect(await listItems(page, 'stödlista_äldre', 'Svarets lista')).toEqual(['"dagverksamhet"', '"trygghetslarm"']);
        expect(await page.locator('#examples tbody tr', { hasText: 'stödlista_äldre' }).locator('td.pass').count()).toBe(1);
        expect(await listItems(page, 'stödlista_fel', 'Förväntad lista')).toEqual(['"trygghetslarm"']);
        expect(await listItems(page, 'stödlista_fel', 'Svarets lista')).toEqual(['"dagverksamhet"']);
        expect(await page.locator('#examples tbody tr', { hasText: 'stödlista_fel' }).locator('td.fail').count()).toBe(1);
    });

    test('"Nytt exempel för detta" on a region of a list table writes an example expecting the region\'s list, and it passes', async () => {
        const region = page.locator('#examples ul.uncovered li', { hasText: 'stödlista' }).first();
        await region.locator('button').click();
        expect(await page.inputValue('#ex-type')).toBe('decision');
        expect(await page.inputValue('#ex-target')).toBe('stödlista');
        expect(await page.inputValue('#ex-column')).toBe('stöd');
        const expected = await page.inputValue('#ex-expected');
        expect(expected).toMatch(/^\[ ("[a-zåäö]+"(, "[a-zåäö]+")* )?\]$/);
        expect(await page.textContent('#ex-expected-list')).toContain('stödlista svarar med en lista');
        await page.fill('#ex-name', 'ny_lista');
        await page.click('.example-form button[type=submit]');
        const row = page.locator('#examples tbody tr', { hasText: 'ny_lista' });
        await expect.poll(() => row.locator('td.pass').count(), { timeout: 20_000 }).toBe(1);
        const items = JSON.parse(`[${expected.slice(1, -1)}]`) as string[];
        expect(await (items.length === 0 ? row.locator('.answer-list.empty').allInnerTexts() : listItems(page, 'ny_lista', 'Förväntad lista')))
            .toEqual(items.length === 0 ? ['tom lista', 'tom lista'] : items.map(item => JSON.stringify(item)));
    });
});
