import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumExecutable, openStudioSession, repository, send, startStudio, tokenOf, type RunningStudio } from './studio-process.js';

/**
 * Regelrätt Studio's "compare with the last commit" (issue 23, part 1), over HTTP against a real
 * `regelratt studio` on a git repository holding a copy of examples/habo: the page's texts, saved or
 * not, against a revision, as the semantic diff in HTML; a refactoring is "the same answers"; a
 * folder outside git, an unknown revision and a version with errors are said as such, without a
 * server path; the comparison needs the studio's token like every other API call.
 */
const root = mkdtempSync(path.join(tmpdir(), 'regelratt-studio-compare-'));
const folder = path.join(root, 'habo');
const git = (...args: string[]) => {
    const run = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
};
let studio: RunningStudio;
let token = '';
const original = readFileSync(path.join(repository, 'examples/habo/hemtjänst.regel'), 'utf8');

const compare = (texts: Array<{ path: string; text: string }>, revision = 'HEAD', headers: Record<string, string> = { 'x-regelratt-token': token }) =>
    send(studio.port, 'POST', `/api/diff?rev=${encodeURIComponent(revision)}`, { 'content-type': 'application/json', ...headers }, JSON.stringify({ files: texts }));

beforeAll(async () => {
    cpSync(path.join(repository, 'examples/habo'), folder, { recursive: true });
    git('init', '-q');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'add', '.');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-q', '-m', 'Habo');
    studio = await startStudio(folder);
    token = await tokenOf(studio.port);
}, 60_000);

afterAll(() => {
    studio?.child.kill();
    rmSync(root, { recursive: true, force: true });
});

describe('the studio compares the texts in the editor with the last commit', () => {
    test('a changed amount: the answers that change, in kronor, with the amount every citizen pays', async () => {
        const changed = original.replace('från 2017-01-01 till 2017-12-31 : 503 kr/mån', 'från 2017-01-01 till 2017-12-31 : 520 kr/mån');
        expect(changed).not.toBe(original);
        const answer = await compare([{ path: 'hemtjänst.regel', text: changed }]);
        expect(answer.status, answer.body).toBe(200);
        const result = JSON.parse(answer.body) as { html: string; changed: boolean };
        expect(result.changed).toBe(true);
        expect(result.html).toMatch(/^<!DOCTYPE html>/);
        expect(result.html).toContain('Svaren ändras');
        expect(result.html).toContain('Städning');
        // What the citizen pays, not only the parameter: the fee's own title.
        expect(result.html).toContain('Avgift per månad');
        expect(result.html).toContain('HEAD');
        expect(result.html).not.toContain(root);
    }, 120_000);

    test('a refactoring (a calculation\'s sum reordered) is the same answers for everyone', async () => {
        const reordered = original.replace(
            '(om städning så städavgift annars 0 kr) + (om tvätt så tvättavgift annars 0 kr)',
            '(om tvätt så tvättavgift annars 0 kr) + (om städning så städavgift annars 0 kr)');
        expect(reordered).not.toBe(original);
        const answer = await compare([{ path: 'hemtjänst.regel', text: reordered }]);
        expect(answer.status, answer.body).toBe(200);
        const result = JSON.parse(answer.body) as { html: string; changed: boolean };
        expect(result.changed).toBe(false);
        expect(result.html).not.toContain('Svaren ändras');
    }, 120_000);

    test('what cannot be compared is said, in the page\'s language, without a server path', async () => {
        const problemOf = async (answer: Awaited<ReturnType<typeof compare>>, status: number) => {
            expect(answer.status, answer.body).toBe(status);
            expect(String(answer.headers['content-type'])).toContain('application/problem+json');
            expect(answer.body).not.toContain(root);
            expect(answer.body).not.toContain(tmpdir());
            return JSON.parse(answer.body) as { detail: string; title: string };
        };
        expect((await problemOf(await compare([{ path: 'hemtjänst.regel', text: original }], 'ingen-sådan'), 422)).detail).toContain("revisionen 'ingen-sådan' finns inte");
        const broken = await problemOf(await compare([{ path: 'hemtjänst.regel', text: `${original}\nparameter trasig : belopp { från 2017-01-01 : okänd }\n` }]), 422);
        expect(broken.detail).toContain('har fel');
        expect(broken.detail).toContain('hemtjänst.regel');
        await problemOf(await compare([{ path: '../utanför.regel', text: original }]), 400);
        await problemOf(await send(studio.port, 'POST', '/api/diff', { 'content-type': 'application/json', 'x-regelratt-token': token }, '{"files": 3}'), 400);
        // Like every API call: without the studio's token, refused before anything runs.
        await problemOf(await compare([{ path: 'hemtjänst.regel', text: original }], 'HEAD', {}), 403);
    }, 120_000);

    test('a folder outside any git repository is told so', async () => {
        const loose = mkdtempSync(path.join(tmpdir(), 'regelratt-studio-nogit-'));
        cpSync(path.join(repository, 'examples/habo'), loose, { recursive: true });
        const other = await startStudio(loose);
        try {
            const answer = await send(other.port, 'POST', '/api/diff?rev=HEAD', { 'content-type': 'application/json', 'x-regelratt-token': await tokenOf(other.port) }, JSON.stringify({ files: [{ path: 'hemtjänst.regel', text: original }] }));
            expect(answer.status, answer.body).toBe(422);
            expect(JSON.parse(answer.body).detail).toMatch(/kräver git/);
            expect(answer.body).not.toContain(loose);
        } finally {
            other.child.kill();
            rmSync(loose, { recursive: true, force: true });
        }
    }, 120_000);
});

if (!chromiumExecutable) {
    console.warn('\n*** Chromium is missing (apt-get install chromium): the studio\'s "changes since the last commit" tab was NOT tested in a browser. ***\n');
}

describe.runIf(chromiumExecutable !== undefined)('the studio\'s "changes since the last commit" tab in Chromium', () => {
    test('a rate changed on disk after the commit shows as changed answers in the tab', async () => {
        const work = mkdtempSync(path.join(tmpdir(), 'regelratt-studio-compare-page-'));
        const session = await openStudioSession(work);
        try {
            const inWork = (...args: string[]) => expect(spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: work, encoding: 'utf8' }).status).toBe(0);
            inWork('init', '-q');
            inWork('add', '.');
            inWork('commit', '-q', '-m', 'Örebro');
            const { page } = session;
            await page.click('#show-changes');
            await expect.poll(() => page.frameLocator('#changes').locator('body').innerText(), { timeout: 60_000 }).toContain('Samma svar');
            // Changed on disk (another editor): the studio takes the text, and the tab compares what it shows.
            const file = path.join(work, 'hemvard-ersattning.regel');
            writeFileSync(file, readFileSync(file, 'utf8').replace('nivå 10 : 9 676 kr', 'nivå 10 : 9 700 kr'));
            await page.click('#files button:text-is("hemvard-ersattning.regel")');
            await expect.poll(async () => (await page.locator('#editor .view-lines').innerText()).replace(/\u00a0/g, ' '), { timeout: 20_000 }).toContain('9 700 kr');
            await page.click('#show-document');
            await page.click('#show-changes');
            await expect.poll(() => page.frameLocator('#changes').locator('body').innerText(), { timeout: 60_000 }).toContain('Svaren ändras');
            expect(await page.getAttribute('#show-changes', 'aria-selected')).toBe('true');
            expect(await page.isHidden('#document')).toBe(true);
        } finally {
            await session.close();
        }
    }, 180_000);
});
