/** A .regel file of the policy set: its path in the folder (with `/`) and its text. */
export interface PolicyFile {
    path: string;
    text: string;
}

/**
 * The policy set's files, through the studio's local server (`regelratt studio`): listed at start,
 * saved one at a time (the server writes beside the file and renames it into place, so a crash or a
 * closed tab never leaves half a file).
 */
export class FileStore {
    async list(): Promise<PolicyFile[]> {
        const response = await fetch('api/files');
        if (!response.ok) {
            throw new Error(`${response.status} ${await response.text()}`);
        }
        return (await response.json() as { files: PolicyFile[] }).files;
    }

    /** The name of the folder the files are in: the document's title when no riktlinje gives one. */
    async folderName(): Promise<string | undefined> {
        const response = await fetch('api/folder');
        return response.ok ? (await response.json() as { name: string }).name : undefined;
    }

    async save(path: string, text: string): Promise<{ ok: true } | { ok: false; problem: string }> {
        const response = await fetch(`api/files?path=${encodeURIComponent(path)}`, { method: 'PUT', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text });
        return response.ok ? { ok: true } : { ok: false, problem: (await response.json() as { detail?: string }).detail ?? String(response.status) };
    }
}
