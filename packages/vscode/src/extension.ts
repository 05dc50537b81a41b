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
    let status: vscode.StatusBarItem | undefined;

    const start = async (): Promise<void> => {
        // The message language is read at each start, so a changed setting takes effect on restart.
        const locale = vscode.workspace.getConfiguration('regelratt').get<string>('messages') ?? 'sv';
        const clientOptions: LanguageClientOptions = {
            documentSelector: [{ scheme: 'file', language: 'regelratt' }, { scheme: 'untitled', language: 'regelratt' }],
            // The extension contributes the block snippets (snippets/), so the server need not offer them too.
            initializationOptions: { locale, snippets: false },
            outputChannel: output,
            synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.regel') },
        };
        client = new LanguageClient('regelratt', 'Regelrätt', serverOptions, clientOptions);
        try {
            await client.start();
            status?.hide();
        } catch (error) {
            // Say so where a writer looks, rather than leave the editor silently without checks.
            const message = vscode.l10n.t('Regelrätt: the language server could not start: {0}', error instanceof Error ? error.message : String(error));
            output.appendLine(message);
            if (!status) {
                status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left);
                context.subscriptions.push(status);
            }
            status.text = '$(error) Regelrätt';
            status.tooltip = message;
            status.command = 'regelratt.restartServer';
            status.show();
            void vscode.window.showErrorMessage(message);
        }
    };

    const restart = async (): Promise<void> => {
        const running = client;
        client = undefined;
        if (running) {
            await running.stop().catch(() => undefined);
        }
        await start();
    };

    context.subscriptions.push(vscode.commands.registerCommand('regelratt.restartServer', async () => {
        await restart();
        void vscode.window.showInformationMessage(vscode.l10n.t('Regelrätt: the language server restarted.'));
    }));
    context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(event => {
        if (event.affectsConfiguration('regelratt.messages')) {
            // Applied at once: the server reads the language when it starts.
            void vscode.window.showInformationMessage(vscode.l10n.t('Regelrätt: the language server is restarting for the new message language.'));
            void restart();
        }
    }));
    await start();
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
