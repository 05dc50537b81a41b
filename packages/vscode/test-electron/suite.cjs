// Runs inside VS Code (started by @vscode/test-electron): activation, diagnostics in the Problems
// list, completion. Plain Node assertions; `run` is what the test harness calls.
const assert = require('node:assert');
const path = require('node:path');
const vscode = require('vscode');

async function waitFor(condition, what, timeout = 30000) {
    const start = Date.now();
    for (;;) {
        const value = await condition();
        if (value) {
            return value;
        }
        if (Date.now() - start > timeout) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise(resolve => setTimeout(resolve, 200));
    }
}

exports.run = async function run() {
    const folder = process.env.REGELRATT_TEST_WORKSPACE;
    const broken = vscode.Uri.file(path.join(folder, 'trasig.regel'));
    const document = await vscode.workspace.openTextDocument(broken);
    await vscode.window.showTextDocument(document);
    assert.strictEqual(document.languageId, 'regelratt');
    const extension = vscode.extensions.getExtension('regelratt.regelratt-vscode');
    assert.ok(extension, 'the extension is installed');
    await waitFor(() => extension.isActive, 'activation');
    const problems = await waitFor(() => {
        const found = vscode.languages.getDiagnostics(broken);
        return found.length > 0 ? found : undefined;
    }, 'diagnostics in the Problems list');
    assert.deepStrictEqual(problems.map(p => p.code), ['missing-unit']);
    assert.strictEqual(problems[0].message, 'Beloppet 2 037 saknar enhet; skriv 2 037 kr.');
    const completions = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', broken, new vscode.Position(3, 0));
    assert.ok(completions.items.some(item => item.label === 'nivåtabell' || item.label.label === 'nivåtabell'), 'keywords are completed');
};
