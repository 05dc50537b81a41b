import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the Regelrätt language server (bundled beside this file) when a .regel file opens. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const output = vscode.window.createOutputChannel('Regelrätt', { log: true });
    context.subscriptions.push(output);
    const serverModule = context.asAbsolutePath(path.join('out', 'server.cjs'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const locale = vscode.workspace.getConfiguration('regelratt').get<string>('messages') ?? 'sv';
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'regelratt' }, { scheme: 'untitled', language: 'regelratt' }],
        initializationOptions: { locale },
        outputChannel: output,
        synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.regel') },
    };
    client = new LanguageClient('regelratt', 'Regelrätt', serverOptions, clientOptions);
    try {
        await client.start();
    } catch (error) {
        // Say so where a writer looks, rather than leave the editor silently without checks.
        const message = `Regelrätt: språkservern kunde inte starta: ${error instanceof Error ? error.message : String(error)}`;
        output.appendLine(message);
        const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left);
        status.text = '$(error) Regelrätt';
        status.tooltip = message;
        status.command = 'workbench.action.output.toggleOutput';
        status.show();
        context.subscriptions.push(status);
        void vscode.window.showErrorMessage(message);
    }
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(event => {
        if (event.affectsConfiguration('regelratt.messages')) {
            void vscode.window.showInformationMessage('Regelrätt: meddelandespråket ändras när språkservern startar om (Reload Window).');
        }
    }));
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
