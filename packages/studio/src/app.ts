// First: Monaco reads its own texts while its modules load.
import { sv, t } from './locale.js';
import * as monaco from 'monaco-editor/editor/editor.api';
// Monaco's editor features without its other languages (see build.mjs).
import 'virtual:monaco-features';
import type * as lsp from 'vscode-languageserver-protocol';
import { LanguageBridge } from './lsp-bridge.js';
import { EDITOR_OPTIONS, registerLanguage } from './regelratt-language.js';
import { canOpenFolders, emptyStore, folderStore, serverStore, zipStore, type FileStore, type PolicyFile } from './file-store.js';
import { ExamplesPanel } from './examples-panel.js';
import { chooseVersion } from './conflict-dialog.js';

/**
 * Regelrätt Studio: the policy set's files in a tree, each open file a Monaco model checked live by
 * the language server in a web worker, the decided document beside the editor (the same renderer as
 * `regelratt dokument`), following the edits and scrolled to the element under the cursor, and
 * saving back to the folder the studio was started on.
 */
declare const REGELRATT_KEYWORDS: string[];


(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
    getWorker: () => new Worker(new URL('./editor.worker.js', import.meta.url), { type: 'module' }),
};

async function start(): Promise<void> {
    document.documentElement.lang = sv ? 'sv' : 'en';
    document.getElementById('files-nav')!.setAttribute('aria-label', t('Filer', 'Files'));
    document.getElementById('document')!.title = t('Dokumentet', 'The document');
    registerLanguage(REGELRATT_KEYWORDS);
    const store = await chooseStore();
    const files = await store.list();
    const title = store.name;
    const bridge = new LanguageBridge(new Worker(new URL('./language-server.js', import.meta.url), { type: 'module' }), sv ? 'sv' : 'en');
    await bridge.ready;

    const tree = document.getElementById('files')!;
    const tabs = document.getElementById('tabs')!;
    const status = document.getElementById('status')!;
    const preview = document.getElementById('document') as HTMLIFrameElement;
    const editor = monaco.editor.create(document.getElementById('editor')!, {
        ...EDITOR_OPTIONS, automaticLayout: true, language: 'regelratt', ariaLabel: t('Policyfilen', 'The policy file'), 'semanticHighlighting.enabled': true, wordBasedSuggestions: 'off',
    });

    // Per file: its text as last saved or read, the server's version tag of it, and whether the file
    // on disk has since changed under an edit of the page's (then a save asks which to keep).
    interface Entry { file: PolicyFile; model: monaco.editor.ITextModel; saved: string; version: string | null | undefined; changedOnDisk: boolean }
    const models = new Map<string, Entry>();
    // Inline examples whose answer is not the expected one: a failing example is no diagnostic, but
    // the status must not say "0 fel" over it.
    let failingExamples = 0;
    const problems = new Map<string, lsp.Diagnostic[]>();
    const uriOf = (file: PolicyFile) => monaco.Uri.parse(`file:///studio/${file.path.split('/').map(encodeURIComponent).join('/')}`);
    const addFile = (file: PolicyFile) => {
        const model = monaco.editor.createModel(file.text, 'regelratt', uriOf(file));
        models.set(file.path, { file, model, saved: file.text, version: file.version, changedOnDisk: false });
        // Every file of the policy set is open for the server: names resolve across them.
        bridge.open(model);
        model.onDidChangeContent(() => { render(); scheduleDocument(); });
    };
    files.forEach(addFile);
    let current: string | undefined = files[0]?.path;
    const open: string[] = current ? [current] : [];

    // The tree's and the tabs' buttons are kept per file and updated in place: diagnostics arrive after
    // every keystroke, and a button replaced between a click's press and release loses the click (and
    // a keyboard user the focus on it).
    interface TreeRow { item: HTMLLIElement; button: HTMLButtonElement; signs: HTMLSpanElement; said: HTMLSpanElement }
    const treeRows = new Map<string, TreeRow>();
    const tabButtons = new Map<string, HTMLButtonElement>();
    const treeRow = (path: string): TreeRow => {
        let row = treeRows.get(path);
        if (!row) {
            const item = document.createElement('li');
            const button = document.createElement('button');
            // The signs for the eye, what they say for a screen reader: the name read is the text shown.
            const signs = document.createElement('span');
            signs.setAttribute('aria-hidden', 'true');
            const said = document.createElement('span');
            said.className = 'visually-hidden';
            button.append(path, signs, said);
            button.onclick = () => show(path);
            item.append(button);
            row = { item, button, signs, said };
            treeRows.set(path, row);
        }
        return row;
    };
    const tabButton = (path: string): HTMLButtonElement => {
        let tab = tabButtons.get(path);
        if (!tab) {
            tab = document.createElement('button');
            tab.setAttribute('role', 'tab');
            tab.onclick = () => show(path);
            tabButtons.set(path, tab);
        }
        return tab;
    };
    /** Puts `wanted` as the children of `parent` in order, moving only what is out of place. */
    const placeChildren = (parent: HTMLElement, wanted: HTMLElement[]) => {
        wanted.forEach((child, index) => {
            if (parent.children[index] !== child) {
                parent.insertBefore(child, parent.children[index] ?? null);
            }
        });
        while (parent.children.length > wanted.length) {
            parent.lastElementChild!.remove();
        }
    };

    const render = () => {
        placeChildren(tree, [...models.values()].map(({ file, model, saved, changedOnDisk }) => {
            const row = treeRow(file.path);
            const errors = (problems.get(model.uri.toString()) ?? []).filter(d => d.severity === 1).length;
            const unsaved = model.getValue() !== saved;
            setText(row.signs, `${unsaved ? ' ●' : ''}${changedOnDisk ? ' ⚠' : ''}${errors > 0 ? `  ⨯${errors}` : ''}`);
            setText(row.said, `${unsaved ? t(', osparad', ', unsaved') : ''}${changedOnDisk ? t(', ändrad på disken', ', changed on disk') : ''}${errors > 0 ? t(`, ${errors} fel`, `, ${errors} ${errors === 1 ? 'error' : 'errors'}`) : ''}`);
            if (file.path === current) {
                row.button.setAttribute('aria-current', 'page');
            } else {
                row.button.removeAttribute('aria-current');
            }
            return row.item;
        }));
        placeChildren(tabs, open.map(path => {
            const entry = models.get(path)!;
            const tab = tabButton(path);
            setText(tab, `${path.split('/').pop()}${entry.model.getValue() !== entry.saved ? ' ●' : ''}`);
            tab.className = path === current ? 'tab current' : 'tab';
            tab.setAttribute('aria-selected', String(path === current));
            return tab;
        }));
        const unsaved = [...models.values()].filter(m => m.model.getValue() !== m.saved).length;
        const errors = [...problems.values()].flat().filter(d => d.severity === 1).length;
        const warnings = [...problems.values()].flat().filter(d => d.severity === 2).length;
        const changed = [...models.values()].filter(m => m.changedOnDisk).length;
        const failing = failingExamples > 0 ? t(`, ${failingExamples} exempel stämmer inte`, `, ${failingExamples} ${failingExamples === 1 ? 'example fails' : 'examples fail'}`) : '';
        status.textContent = `${t(`${errors} fel, ${warnings} ${warnings === 1 ? 'varning' : 'varningar'}`, `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`)}${failing}${unsaved > 0 ? t(` — ${unsaved} osparade (Ctrl+S sparar)`, ` — ${unsaved} unsaved (Ctrl+S saves)`) : ''}${changed > 0 ? t(` — ${changed} ändrade på disken (⚠)`, ` — ${changed} changed on disk (⚠)`) : ''}`;
    };
    const show = (path: string) => {
        const entry = models.get(path);
        if (!entry) {
            return;
        }
        current = path;
        if (!open.includes(path)) {
            open.push(path);
        }
        editor.setModel(entry.model);
        render();
        editor.focus();
    };
    // Go to definition (and a peek's "open") in another file of the policy set: Monaco alone opens
    // nothing outside the model shown, so the studio shows that file and puts the cursor there.
    monaco.editor.registerEditorOpener({
        openCodeEditor: (_source, resource, selectionOrPosition) => {
            const entry = [...models.values()].find(m => m.model.uri.toString() === resource.toString());
            if (!entry) {
                return false;
            }
            show(entry.file.path);
            if (selectionOrPosition && monaco.Range.isIRange(selectionOrPosition)) {
                editor.setSelection(selectionOrPosition);
                editor.revealRangeInCenterIfOutsideViewport(selectionOrPosition);
            } else if (selectionOrPosition) {
                editor.setPosition(selectionOrPosition);
                editor.revealPositionInCenterIfOutsideViewport(selectionOrPosition);
            }
            return true;
        },
    });
    bridge.onDiagnostics = (uri, diagnostics) => {
        problems.set(uri, diagnostics);
        render();
    };

    // The document beside the editor, after the writer pauses, scrolled to the element at the cursor.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const scheduleDocument = () => {
        clearTimeout(timer);
        timer = setTimeout(() => void updateDocument(), 700);
    };
    // The examples as a table and a form, beside the document.
    const examplesRoot = document.getElementById('examples')!;
    const panel = new ExamplesPanel(examplesRoot, t, (text, replacing) => void writeExample(text, replacing));
    // What the texts in the editor, saved or not, change for citizens since the last commit (the
    // local server's `regelratt diff --rev HEAD`), worked out each time the tab is chosen.
    const changes = document.getElementById('changes') as HTMLIFrameElement;
    const showChanges = async () => {
        if (!store.compare) {
            return;
        }
        changes.srcdoc = messagePage(t('Jämför med senaste commit …', 'Comparing with the last commit …'));
        const result = await store.compare([...models.values()].map(({ file, model }) => ({ path: file.path, text: model.getValue() })), 'HEAD');
        changes.srcdoc = 'html' in result ? result.html : messagePage(result.problem);
    };
    type SideTab = 'document' | 'examples' | 'changes';
    const showTab = (tab: SideTab) => {
        for (const name of ['document', 'examples', 'changes'] as const satisfies readonly SideTab[]) {
            document.getElementById(`show-${name}`)!.setAttribute('aria-selected', String(name === tab));
        }
        preview.hidden = tab !== 'document';
        examplesRoot.hidden = tab !== 'examples';
        changes.hidden = tab !== 'changes';
        if (tab === 'examples') {
            void bridge.examples().then(table => panel.show(table));
        } else if (tab === 'changes') {
            void showChanges();
        }
    };
    document.getElementById('show-document')!.textContent = t('Dokumentet', 'The document');
    document.getElementById('show-examples')!.textContent = t('Exemplen', 'The examples');
    document.getElementById('show-changes')!.textContent = t('Ändringar sedan senaste commit', 'Changes since the last commit');
    changes.title = t('Ändringar sedan senaste commit', 'Changes since the last commit');
    document.getElementById('show-changes')!.hidden = !store.compare;
    document.getElementById('show-document')!.onclick = () => showTab('document');
    document.getElementById('show-examples')!.onclick = () => showTab('examples');
    document.getElementById('show-changes')!.onclick = () => showTab('changes');
    const writeExample = async (text: string, replacing: { uri: string; range: lsp.Range } | undefined) => {
        const target = replacing
            ? monaco.editor.getModel(monaco.Uri.parse(replacing.uri))
            : [...models.values()].find(m => m.model.getValue().includes('exempel '))?.model ?? editor.getModel();
        if (!target) {
            return;
        }
        if (replacing) {
            const r = replacing.range;
            target.pushEditOperations([], [{ range: new monaco.Range(r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1), text }], () => null);
        } else {
            const end = target.getFullModelRange().getEndPosition();
            target.pushEditOperations([], [{ range: new monaco.Range(end.lineNumber, end.column, end.lineNumber, end.column), text: `${target.getValue().endsWith('\n') ? '' : '\n'}\n${text}\n` }], () => null);
        }
        await bridge.format(target);
        const path = [...models.values()].find(m => m.model === target)?.file.path;
        if (path) {
            show(path);
            // The example just written, in view and selected: found by its name after formatting moved it.
            const name = /^exempel\s+([\p{L}_][\p{L}\p{N}_]*)/u.exec(text)?.[1];
            const found = name ? target.findMatches(`exempel ${name}`, false, false, true, null, false).find(match => /^\s*$/.test(target.getLineContent(match.range.startLineNumber).slice(0, match.range.startColumn - 1))) : undefined;
            if (found) {
                const block = new monaco.Range(found.range.startLineNumber, 1, found.range.startLineNumber + text.split('\n').length - 1, 1);
                editor.setSelection(found.range);
                editor.revealRangeInCenter(block);
            }
        }
    };
    const updateDocument = async () => {
        // The examples run only when the policy has no errors: otherwise there is nothing to count
        // (the errors are), and the server is spared running them while the writer fixes one.
        const errors = [...problems.values()].flat().some(d => d.severity === 1);
        if (errors) {
            failingExamples = 0;
        }
        if (!errors || !examplesRoot.hidden) {
            void bridge.examples().then(table => {
                failingExamples = table.rows.filter(row => row.actual !== undefined && !row.passed).length;
                render();
                if (!examplesRoot.hidden) {
                    panel.show(table);
                }
            });
        }
        const result = await bridge.document(title);
        const html = 'html' in result ? result.html : messagePage(result.problem);
        const scroll = preview.contentDocument?.scrollingElement?.scrollTop ?? 0;
        preview.srcdoc = html;
        preview.onload = () => {
            preview.contentDocument?.scrollingElement?.scrollTo(0, scroll);
            scrollToCursor();
        };
    };
    const scrollToCursor = () => {
        const model = editor.getModel();
        const position = editor.getPosition();
        const body = preview.contentDocument;
        if (!model || !position || !body) {
            return;
        }
        // The declaration the cursor is in: the nearest line above that starts one, by its name.
        for (let line = position.lineNumber; line >= 1; line--) {
            const match = /^\s*([\p{L}]+)\s+([\p{L}_][\p{L}\p{N}_]*)/u.exec(model.getLineContent(line));
            if (match && REGELRATT_KEYWORDS.includes(match[1])) {
                const target = [...body.querySelectorAll('section[id]')].find(section => section.id.endsWith(`-${match[2]}`));
                target?.scrollIntoView({ block: 'start' });
                return;
            }
        }
    };
    editor.onDidChangeCursorPosition(() => scrollToCursor());

    /** Replaces a model's text as one undoable edit (the cursor stays where the text allows). */
    const replaceText = (model: monaco.editor.ITextModel, text: string) => {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
    };
    let saving = false;
    const save = async () => {
        const entry = current ? models.get(current) : undefined;
        if (!entry || saving) {
            return;
        }
        saving = true;
        try {
            await saveEntry(entry);
        } finally {
            saving = false;
        }
    };
    const saveEntry = async (entry: Entry): Promise<void> => {
        // A zip is handed back whole: every file's current text goes into it, so all count as saved.
        const batch = store.savesWhole ? [...models.values()] : [entry];
        const texts = batch.map(item => item.model.getValue());
        const result = await store.save(batch.map((item, index) => ({ path: item.file.path, text: texts[index], version: item.version })));
        if (result.ok) {
            for (const [index, item] of batch.entries()) {
                item.saved = texts[index];
                item.version = result.versions?.[item.file.path] ?? item.version;
                item.changedOnDisk = false;
            }
            render();
            return;
        }
        if (!result.conflict) {
            status.textContent = t(`Kunde inte spara ${entry.file.path}: ${result.problem}`, `Could not save ${entry.file.path}: ${result.problem}`);
            return;
        }
        const { disk } = result.conflict;
        entry.changedOnDisk = true;
        render();
        const choice = await chooseVersion(t, entry.file.path, texts[0], disk);
        if (choice === 'disk' && disk) {
            entry.saved = disk.text;
            entry.version = disk.version;
            entry.changedOnDisk = false;
            replaceText(entry.model, disk.text);
            render();
        } else if (choice === 'mine') {
            // Written over the version just shown, knowingly; the server keeps that one in its history.
            entry.version = disk?.version ?? null;
            await saveEntry(entry);
        } else {
            status.textContent = t(`${entry.file.path} sparades inte: den har ändrats på disken.`, `${entry.file.path} was not saved: it has changed on disk.`);
        }
        editor.focus();
    };
    // Changes made on disk while the page is open (another editor, git): an unedited file takes them
    // at once, an edited one is marked and its next save asks which version to keep.
    let polling = false;
    const pollDisk = async () => {
        if (!store.versions || !store.read || saving || polling) {
            return;
        }
        polling = true;
        try {
            const onDisk = await store.versions();
            for (const [path, version] of onDisk) {
                const entry = models.get(path);
                if (entry?.version === version) {
                    continue;
                }
                const file = await store.read(path);
                if (!file) {
                    continue;
                }
                if (!entry) {
                    addFile(file);
                } else if (file.text === entry.model.getValue() || entry.model.getValue() === entry.saved) {
                    entry.saved = file.text;
                    entry.version = file.version;
                    entry.changedOnDisk = false;
                    if (entry.model.getValue() !== file.text) {
                        replaceText(entry.model, file.text);
                    }
                } else {
                    entry.changedOnDisk = true;
                }
            }
            for (const entry of models.values()) {
                entry.changedOnDisk ||= typeof entry.version === 'string' && !onDisk.has(entry.file.path);
            }
            render();
        } catch {
            // The server stopped (Ctrl+C) or is busy: the next poll tries again.
        } finally {
            polling = false;
        }
    };
    if (store.versions) {
        setInterval(() => void pollDisk(), 1500);
        window.addEventListener('focus', () => void pollDisk());
    }
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void save());
    window.addEventListener('beforeunload', event => {
        if ([...models.values()].some(m => m.model.getValue() !== m.saved)) {
            event.preventDefault();
        }
    });
    if (current) {
        show(current);
    }
    render();
    await updateDocument();
    document.body.dataset.ready = 'true';
}

/**
 * The local server's files when `regelratt studio` serves the page; hosted as static files, what the
 * writer opens: a folder (where the browser can), a zip, or a new policy. Hosted, the app is also
 * cached by a service worker so it opens without a network.
 */
async function chooseStore(): Promise<FileStore> {
    const server = await serverStore();
    if (server) {
        return server;
    }
    if ('serviceWorker' in navigator) {
        void navigator.serviceWorker.register('sw.js').catch(() => undefined);
    }
    const start = document.getElementById('start')!;
    start.hidden = false;
    document.getElementById('start-heading')!.textContent = t('Öppna en policy', 'Open a policy');
    document.getElementById('start-help')!.textContent = t(
        'Studion är inte startad med regelratt studio. Öppna mappen med policyns .regel-filer, en zip med dem, eller börja en ny.',
        'The studio was not started with regelratt studio. Open the folder with the policy\'s .regel files, a zip of them, or start a new one.');
    const folderButton = document.getElementById('open-folder') as HTMLButtonElement;
    folderButton.textContent = t('Öppna en mapp', 'Open a folder');
    folderButton.hidden = !canOpenFolders();
    document.getElementById('open-zip-label')!.textContent = t('Öppna en zip', 'Open a zip');
    const newButton = document.getElementById('new-policy') as HTMLButtonElement;
    newButton.textContent = t('Ny policy', 'New policy');
    const store = await new Promise<FileStore>(resolve => {
        folderButton.onclick = () => void folderStore().then(resolve, () => undefined);
        (document.getElementById('open-zip') as HTMLInputElement).onchange = async event => {
            const file = (event.target as HTMLInputElement).files?.[0];
            if (file) {
                resolve(zipStore(file.name, new Uint8Array(await file.arrayBuffer())));
            }
        };
        newButton.onclick = () => resolve(emptyStore());
    });
    start.hidden = true;
    return store;
}

/** A page in the side panel that says one thing (why there is no document or comparison). */
function messagePage(text: string): string {
    return `<!DOCTYPE html><meta charset="utf-8"><body style="font-family: sans-serif; padding: 1rem"><p>${escapeHtml(text)}</p></body>`;
}

function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

void start().catch(error => {
    document.getElementById('status')!.textContent = `${t('Studion kunde inte starta', 'The studio could not start')}: ${error instanceof Error ? error.message : String(error)}`;
});

/** Sets an element's text only when it differs: an unchanged button is left exactly as it is. */
function setText(element: HTMLElement, text: string): void {
    if (element.textContent !== text) {
        element.textContent = text;
    }
}
