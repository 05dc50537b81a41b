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
    const preview = new ServerPanel(() => client, { viewType: 'regelratt.document', title: vscode.l10n.t('Regelrätt: document'), request: 'regelratt/document', refreshOn: 'change' });
    // Against the last commit as saved: the comparison is asked again on each save, not each keystroke (it checks two versions).
    const comparison = new ServerPanel(() => client, { viewType: 'regelratt.revisionDiff', title: vscode.l10n.t('Regelrätt: changes since the last commit'), request: 'regelratt/revisionDiff', refreshOn: 'save', params: { revision: 'HEAD' } });
    context.subscriptions.push(preview, comparison);
    context.subscriptions.push(vscode.commands.registerCommand('regelratt.previewDocument', () => preview.show()));
    context.subscriptions.push(vscode.commands.registerCommand('regelratt.compareWithLastCommit', () => comparison.show()));
    await start();
}

/** What a panel shows: the server's answer to one custom request, and when it is asked again. */
interface PanelKind {
    viewType: string;
    title: string;
    request: string;
    /** `change`: shortly after the writer stops typing; `save`: when a .regel file is saved. */
    refreshOn: 'change' | 'save';
    /** The request's parameters beyond the document the writer is in. */
    params?: Record<string, unknown>;
}

/**
 * A panel beside the editor with HTML the language server renders: "Förhandsgranska dokument" (the
 * policy as the nämnd's document, the renderer of `regelratt dokument`) and "Jämför med senaste
 * commit" (what the texts change for citizens against HEAD, as `regelratt diff --rev HEAD --format
 * html` renders it). The panel runs no script: the HTML and its inline SVG only.
 */
class ServerPanel implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private timer: ReturnType<typeof setTimeout> | undefined;
    private readonly subscriptions: vscode.Disposable[] = [];

    constructor(private readonly client: () => LanguageClient | undefined, private readonly kind: PanelKind) {
        const refresh = (document: vscode.TextDocument) => {
            if (this.panel && document.languageId === 'regelratt') {
                this.schedule();
            }
        };
        this.subscriptions.push(kind.refreshOn === 'change'
            ? vscode.workspace.onDidChangeTextDocument(event => refresh(event.document))
            : vscode.workspace.onDidSaveTextDocument(refresh));
    }

    show(): void {
        if (this.panel) {
            this.panel.reveal(vscode.ViewColumn.Beside, true);
        } else {
            this.panel = vscode.window.createWebviewPanel(this.kind.viewType, this.kind.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false });
            this.panel.onDidDispose(() => { this.panel = undefined; }, undefined, this.subscriptions);
        }
        void this.refresh();
    }

    private schedule(): void {
        clearTimeout(this.timer);
        // The server validates after each change; asking a moment later shows the settled state.
        this.timer = setTimeout(() => void this.refresh(), 600);
    }

    private async refresh(): Promise<void> {
        const panel = this.panel;
        const client = this.client();
        if (!panel) {
            return;
        }
        if (!client?.isRunning()) {
            panel.webview.html = page(vscode.l10n.t('Regelrätt: the language server is not running.'));
            return;
        }
        try {
            const result = await client.sendRequest<{ html: string } | { problem: string }>(this.kind.request, { ...this.kind.params, uri: vscode.window.activeTextEditor?.document.uri.toString() });
            if (this.panel === panel) {
                panel.webview.html = 'html' in result ? withPolicy(result.html) : page(result.problem);
            }
        } catch (error) {
            panel.webview.html = page(error instanceof Error ? error.message : String(error));
        }
    }

    dispose(): void {
        clearTimeout(this.timer);
        this.panel?.dispose();
        this.subscriptions.forEach(s => s.dispose());
    }
}

/** The document with a Content Security Policy: its own inline styles and nothing else. */
function withPolicy(html: string): string {
    return html.replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">`);
}

function page(message: string): string {
    const text = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return withPolicy(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="font-family: sans-serif; padding: 1rem"><p>${text}</p></body></html>`);
}

export async function deactivate(): Promise<void> {
    await client?.stop();
}
