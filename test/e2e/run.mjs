/**
 * `npm run e2e`: what a policy writer sees, end to end in a real browser. Installs the packaged
 * extension (.vsix) into code-server (VS Code in the browser), opens a policy with a mistake and
 * checks, with Playwright driving Debian's Chromium, that a diagnostic squiggle and a completion
 * list appear. Screenshots go to docs/images/.
 *
 * Needs: Chromium at /usr/bin/chromium (`apt-get install chromium`), and for code-server's native
 * modules a C++ toolchain and Kerberos headers (`apt-get install libkrb5-dev`). code-server and
 * playwright-core are installed on first use into .e2e/ (not part of the project's lockfile: they
 * are large and only this script uses them).
 *
 * Exit 0 when the writer's view is right, 1 when it is not, and 77 when the test could not run here
 * (no Chromium, code-server could not be installed): `.ci/run` then says so loudly and goes on.
 * `--no-screenshots` keeps docs/images/ as it is (CI).
 * Usage: npm run e2e [-- --no-screenshots]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tools = path.join(repository, '.e2e');
const chromium = '/usr/bin/chromium';
const fail = message => { console.error(`e2e: ${message}`); process.exit(1); };
const SKIPPED = 77;
const skip = message => { console.error(`*** e2e did not run: ${message} ***`); process.exit(SKIPPED); };
const screenshots = !process.argv.includes('--no-screenshots');

if (!existsSync(chromium)) {
    skip('Chromium is missing: apt-get install chromium');
}
if (!existsSync(path.join(tools, 'node_modules/code-server')) || !existsSync(path.join(tools, 'node_modules/playwright-core'))) {
    console.log('e2e: installing code-server and playwright-core into .e2e/ (first run only) …');
    mkdirSync(tools, { recursive: true });
    writeFileSync(path.join(tools, 'package.json'), '{ "private": true }\n');
    // The project's own Node (the pinned one `npm run` puts first on PATH) runs npm and code-server's
    // install scripts too: code-server refuses older Nodes, and the machine's own may be Node 20.
    // And none of the settings `npm run` hands down: an outer npm on Node 20 passes its user agent
    // (which code-server reads the Node version from) and its Node headers (`npm_config_nodedir`,
    // which native modules would build against) as npm_config_* variables.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_|^npm_node_execpath$|^NODE$/i.test(key)));
    const env = { ...inherited, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', 'code-server@4.139.1', 'playwright-core@1.65.1'], { cwd: tools, stdio: 'inherit', env });
    if (install.status !== 0) {
        rmSync(tools, { recursive: true, force: true });
        skip(`installing code-server with Node ${process.version} failed (its output is above). It needs Node ${'>='} 22 and builds native modules: a C++ toolchain and libkrb5-dev.`);
    }
}

const vsce = path.join(repository, 'node_modules/@vscode/vsce/vsce');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-e2e-'));
const vsix = path.join(scratch, 'regelratt.vsix');
let server;
try {
    const packed = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], { cwd: path.join(repository, 'packages/vscode'), encoding: 'utf8' });
    if (packed.status !== 0) {
        fail(`packaging the extension failed: ${packed.stderr}`);
    }
    const codeServer = path.join(tools, 'node_modules/code-server/out/node/entry.js');
    const extensions = path.join(scratch, 'extensions');
    const userData = path.join(scratch, 'user');
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify({
        'security.workspace.trust.enabled': false, 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off', 'workbench.colorTheme': 'Default Light Modern',
        'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }));
    const installed = spawnSync(process.execPath, [codeServer, '--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', vsix], { encoding: 'utf8' });
    if (installed.status !== 0) {
        fail(`installing the .vsix into code-server failed: ${installed.stderr}`);
    }
    const workspace = path.join(scratch, 'policy');
    mkdirSync(workspace);
    writeFileSync(path.join(workspace, 'egenskaper.regel'), 'egenskap aktivitetsförmåga "Aktivitetsförmåga" : en av { hög, utvecklingsbar, nedsatt }\negenskap ålder "Ålder" : heltal 0–120 år\n');
    writeFileSync(path.join(workspace, 'ersattning.regel'), '// Ersättning per nivå\nnivåtabell hemvård_tätort "Ersättning hemvård, tätort" {\n    nivå 4 : 2 037 kr\n    nivå 10 : 9 676\n}\n\npilot dagrehab {\n    inkludera när \n}\n');
    const port = await new Promise(resolve => { const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
    server = spawn(process.execPath, [codeServer, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        '--extensions-dir', extensions, '--user-data-dir', userData, workspace], { stdio: 'pipe' });
    let log = '';
    server.stdout.on('data', chunk => { log += chunk; });
    server.stderr.on('data', chunk => { log += chunk; });
    const { chromium: browserType } = await import(pathToFileURL(path.join(tools, 'node_modules/playwright-core/index.mjs')).toString());
    const browser = await browserType.launch({
        executablePath: chromium, headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
        for (let attempt = 0; ; attempt++) {
            try {
                await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 5000 });
                break;
            } catch (error) {
                if (attempt > 30) {
                    fail(`code-server did not answer: ${log}`);
                }
                await new Promise(resolve => setTimeout(resolve, 1000));
            }
        }
        await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
        // Open the file from the Explorer, as a writer would.
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'ersattning.regel' }).click({ timeout: 60000 });
        await page.waitForSelector('.monaco-editor .view-lines', { timeout: 60000 });
        // The missing kr on level 10 is underlined once the language server has checked the file.
        try {
            await page.waitForSelector('.squiggly-error', { timeout: 60000 });
        } catch (error) {
            await page.screenshot({ path: path.join(scratch, '..', 'regelratt-e2e-failure.png') });
            fail(`no diagnostic squiggle appeared (screenshot: ${path.join(scratch, '..', 'regelratt-e2e-failure.png')}); code-server said: ${log.slice(-2000)}`);
        }
        const images = screenshots ? path.join(repository, 'docs/images') : scratch;
        mkdirSync(images, { recursive: true });
        await page.mouse.move(0, 0);
        await page.screenshot({ path: path.join(images, 'editor-diagnostic.png') });
        // Completion after `när`: the attributes in scope, as a writer types the first letters.
        await page.locator('.monaco-editor .view-line', { hasText: 'inkludera när' }).click();
        await page.keyboard.press('End');
        await page.keyboard.type('akt');
        await page.keyboard.press('Control+Space');
        try {
            await page.waitForSelector('.suggest-widget .monaco-list-row', { timeout: 30000 });
        } catch {
            await page.screenshot({ path: path.join(scratch, '..', 'regelratt-e2e-failure.png') });
            fail(`no completion list appeared (screenshot: ${path.join(scratch, '..', 'regelratt-e2e-failure.png')})`);
        }
        const labels = await page.$$eval('.suggest-widget .monaco-list-row', rows => rows.map(row => row.getAttribute('aria-label') ?? row.textContent ?? ''));
        if (!labels.some(label => label.includes('aktivitetsförmåga'))) {
            fail(`the completion list lacks the attributes: ${labels.join(' | ')}`);
        }
        await page.screenshot({ path: path.join(images, 'editor-completion.png') });
        console.log(`e2e: a diagnostic squiggle and a completion list (${labels.length} items) appeared${screenshots ? '; screenshots in docs/images/' : ''}`);
    } finally {
        await browser.close();
    }
} finally {
    server?.kill();
    rmSync(scratch, { recursive: true, force: true });
}
