import * as monaco from 'monaco-editor/editor/editor.api';
import type { PolicyFile } from './file-store.js';
import { EDITOR_OPTIONS } from './regelratt-language.js';

export type VersionChoice = 'disk' | 'mine' | 'cancel';

/**
 * Asks the writer which version of a file that changed on disk to keep: the disk's (the page's
 * text replaced by it) or theirs (written over the disk's, which the server keeps in its history).
 * The differences are shown in Monaco's diff editor, the disk's version on the left.
 */
export function chooseVersion(t: (sv: string, en: string) => string, path: string, mine: string, disk: PolicyFile | undefined): Promise<VersionChoice> {
    const dialog = document.getElementById('conflict') as HTMLDialogElement;
    const diskButton = document.getElementById('conflict-disk') as HTMLButtonElement;
    document.getElementById('conflict-heading')!.textContent = t(`${path} har ändrats på disken`, `${path} has changed on disk`);
    document.getElementById('conflict-help')!.textContent = disk
        ? t('Någon annan har ändrat filen sedan studion läste den. Till vänster diskens version, till höger din. Den version du skriver över sparas i mappens .regelratt-historik.',
            'Someone else changed the file since the studio read it. On the left the disk\'s version, on the right yours. The version you overwrite is kept in the folder\'s .regelratt-historik.')
        : t('Filen finns inte längre på disken (eller fanns redan där när studion skulle skapa den).', 'The file is no longer on disk (or was already there when the studio was to create it).');
    document.getElementById('conflict-diff')!.setAttribute('aria-label', t('Skillnaderna', 'The differences'));
    diskButton.textContent = t('Läs in diskens version', 'Load the disk\'s version');
    diskButton.hidden = disk === undefined;
    document.getElementById('conflict-mine')!.textContent = t('Behåll min version (skriv över)', 'Keep mine (overwrite)');
    document.getElementById('conflict-cancel')!.textContent = t('Avbryt', 'Cancel');
    const original = monaco.editor.createModel(disk?.text ?? '', 'regelratt');
    const modified = monaco.editor.createModel(mine, 'regelratt');
    const diff = monaco.editor.createDiffEditor(document.getElementById('conflict-diff')!, {
        ...EDITOR_OPTIONS, readOnly: true, originalEditable: false, automaticLayout: true, renderSideBySide: true,
    });
    diff.setModel({ original, modified });
    dialog.showModal();
    // Each side named for a screen reader by an element of the page: Monaco empties the sides'
    // aria-label at each layout (its label options do not reach them), and leaves aria-labelledby.
    const name = (editor: monaco.editor.ICodeEditor, id: string, label: string) => {
        document.getElementById(id)!.textContent = label;
        editor.getDomNode()?.querySelector('[role="textbox"]')?.setAttribute('aria-labelledby', id);
    };
    name(diff.getOriginalEditor(), 'conflict-disk-label', t('Diskens version', 'The disk\'s version'));
    name(diff.getModifiedEditor(), 'conflict-mine-label', t('Din version', 'Your version'));
    return new Promise(resolve => {
        const done = (choice: VersionChoice) => {
            dialog.onclose = null;
            if (dialog.open) {
                dialog.close();
            }
            diff.dispose();
            original.dispose();
            modified.dispose();
            resolve(choice);
        };
        diskButton.onclick = () => done('disk');
        document.getElementById('conflict-mine')!.onclick = () => done('mine');
        document.getElementById('conflict-cancel')!.onclick = () => done('cancel');
        // Escape closes the dialog: nothing chosen.
        dialog.onclose = () => done('cancel');
    });
}
