import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** A .regel file of the policy set: its path in the folder (with `/`) and its text. */
export interface PolicyFile {
    path: string;
    text: string;
    /** The local server's version tag of the file on disk; null for a file not on disk yet. */
    version?: string | null;
}

/** A save refused because the file on disk is not the one the page read: what is on disk now (undefined: nothing). */
export interface Conflict {
    path: string;
    disk: PolicyFile | undefined;
}

export type SaveResult = { ok: true; versions?: Record<string, string> } | { ok: false; problem: string; conflict?: Conflict };

/**
 * Where the policy set's files come from and go to. Started by `regelratt studio`, the local server
 * (each save refused if the file changed on disk since it was read). Hosted as static files, a folder
 * the writer opens (the File System Access API, whose writable streams replace the file whole on
 * close) or, in a browser without it, a zip the writer uploads and downloads again.
 */
export interface FileStore {
    /** Shown as the document's title when no riktlinje gives one. */
    readonly name: string;
    list(): Promise<PolicyFile[]>;
    /** Saves the files given; a store that saves whole (a zip) is given every file. */
    save(files: readonly PolicyFile[]): Promise<SaveResult>;
    /** Whether a save writes one file (a folder) or hands the writer the whole set (a zip). */
    readonly savesWhole: boolean;
    /** The version tag of every file on disk now (the local server only: the page polls it for changes made outside). */
    versions?(): Promise<Map<string, string>>;
    /** One file as it is on disk now (the local server only). */
    read?(path: string): Promise<PolicyFile | undefined>;
    /** What the texts given change for citizens against a git revision of the folder (the local server only). */
    compare?(files: readonly PolicyFile[], revision: string): Promise<{ html: string; changed: boolean } | { problem: string }>;
}

/** What a new policy set starts with. */
export const STARTER = `// En ny policy. Skriv egenskaper, förlopp, tabeller och exempel här; kontrollen går medan du skriver.
egenskap aktivitetsförmåga "Aktivitetsförmåga" : en av { hög, utvecklingsbar, nedsatt }
`;

/**
 * The local server's store, or undefined when the page is hosted without one. The server puts its
 * start-up token in the page (a meta tag); every API request carries it back.
 */
export async function serverStore(): Promise<FileStore | undefined> {
    const token = document.querySelector<HTMLMetaElement>('meta[name="regelratt-token"]')?.content;
    if (!token) {
        return undefined;
    }
    const api = (address: string, init: RequestInit = {}) => fetch(address, { ...init, cache: 'no-store', headers: { ...init.headers as Record<string, string>, 'x-regelratt-token': token } });
    const problemOf = async (response: Response) => ((await response.json().catch(() => ({}))) as { detail?: string }).detail ?? String(response.status);
    const listed = await api('api/files');
    if (!listed.ok) {
        throw new Error(await problemOf(listed));
    }
    const files = (await listed.json() as { files: PolicyFile[] }).files;
    const folder = await api('api/folder').then(r => (r.ok ? r.json() as Promise<{ name: string }> : { name: 'policy' }), () => ({ name: 'policy' }));
    return {
        name: folder.name,
        savesWhole: false,
        list: async () => files,
        save: async given => {
            const versions: Record<string, string> = {};
            for (const { path, text, version } of given) {
                // If-Match: the version this page read; If-None-Match: * for a file not on disk yet.
                const precondition: Record<string, string> = version ? { 'if-match': `"${version}"` } : { 'if-none-match': '*' };
                const saved = await api(`api/files?path=${encodeURIComponent(path)}`, { method: 'PUT', headers: { 'content-type': 'text/plain; charset=utf-8', ...precondition }, body: text });
                if (saved.status === 409) {
                    const answer = await saved.json() as { detail: string; current: PolicyFile | null };
                    return { ok: false, problem: answer.detail, conflict: { path, disk: answer.current ?? undefined } };
                }
                if (!saved.ok) {
                    return { ok: false, problem: await problemOf(saved) };
                }
                versions[path] = (await saved.json() as { version: string }).version;
            }
            return { ok: true, versions };
        },
        versions: async () => {
            const answer = await api('api/versions');
            if (!answer.ok) {
                throw new Error(await problemOf(answer));
            }
            return new Map((await answer.json() as { files: Array<{ path: string; version: string }> }).files.map(f => [f.path, f.version]));
        },
        read: async path => {
            const answer = await api(`api/files?path=${encodeURIComponent(path)}`);
            return answer.status === 404 ? undefined : answer.ok ? await answer.json() as PolicyFile : Promise.reject(new Error(await problemOf(answer)));
        },
        compare: async (given, revision) => {
            const answer = await api(`api/diff?rev=${encodeURIComponent(revision)}`, {
                method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: given.map(({ path, text }) => ({ path, text })) }),
            });
            return answer.ok ? await answer.json() as { html: string; changed: boolean } : { problem: await problemOf(answer) };
        },
    };
}

interface DirectoryHandle {
    name: string;
    values(): AsyncIterable<DirectoryHandle | FileHandle>;
    kind: 'directory';
    getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<DirectoryHandle>;
    getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandle>;
}
interface FileHandle {
    name: string;
    kind: 'file';
    getFile(): Promise<File>;
    createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void>; abort(): Promise<void> }>;
}

/** Whether the browser can open a folder on disk (Chromium-based browsers can; others use a zip). */
export function canOpenFolders(): boolean {
    return typeof (window as unknown as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';
}

/** A folder the writer picks: its .regel files read, each save written through the browser. */
export async function folderStore(): Promise<FileStore> {
    const root = await (window as unknown as { showDirectoryPicker(options: { mode: string }): Promise<DirectoryHandle> }).showDirectoryPicker({ mode: 'readwrite' });
    const files: PolicyFile[] = [];
    const visit = async (directory: DirectoryHandle, prefix: string): Promise<void> => {
        for await (const entry of directory.values()) {
            if (entry.kind === 'directory' && !entry.name.startsWith('.')) {
                await visit(entry, `${prefix}${entry.name}/`);
            } else if (entry.kind === 'file' && entry.name.endsWith('.regel')) {
                files.push({ path: `${prefix}${entry.name}`, text: (await (await entry.getFile()).text()).replace(/^\uFEFF/, '') });
            }
        }
    };
    await visit(root, '');
    files.sort((a, b) => a.path.localeCompare(b.path));
    return {
        name: root.name,
        savesWhole: false,
        list: async () => (files.length > 0 ? files : [{ path: 'policy.regel', text: STARTER }]),
        save: async given => {
            try {
                for (const { path, text } of given) {
                    await writeFile(root, path, text);
                }
                return { ok: true };
            } catch (error) {
                return { ok: false, problem: error instanceof Error ? error.message : String(error) };
            }
        },
    };
}

/** Writes one file under the folder through the browser, creating the folders on its path. */
async function writeFile(root: DirectoryHandle, path: string, text: string): Promise<void> {
    const parts = path.split('/');
    let directory = root;
    for (const part of parts.slice(0, -1)) {
        directory = await directory.getDirectoryHandle(part, { create: true });
    }
    const handle = await directory.getFileHandle(parts[parts.length - 1], { create: true });
    // The browser writes to a swap file and replaces the file only on close: never half a file.
    const writable = await handle.createWritable();
    await writable.write(text);
    await writable.close();
}

/** The .regel files of an uploaded zip; saving downloads the whole set as a zip again. */
export function zipStore(name: string, data: Uint8Array): FileStore {
    const entries = unzipSync(data);
    const files: PolicyFile[] = Object.entries(entries)
        .filter(([path]) => path.endsWith('.regel') && !path.split('/').some(part => part.startsWith('.') || part === '__MACOSX'))
        .map(([path, bytes]) => ({ path, text: strFromU8(bytes).replace(/^\uFEFF/, '') }))
        .sort((a, b) => a.path.localeCompare(b.path));
    const current = new Map(files.map(f => [f.path, f.text]));
    return {
        name: name.replace(/\.zip$/i, ''),
        savesWhole: true,
        list: async () => (files.length > 0 ? files : [{ path: 'policy.regel', text: STARTER }]),
        save: async given => {
            for (const { path, text } of given) {
                current.set(path, text);
            }
            const zipped = zipSync(Object.fromEntries([...current].map(([p, t]) => [p, strToU8(t)])));
            const link = document.createElement('a');
            link.href = URL.createObjectURL(new Blob([zipped as BlobPart], { type: 'application/zip' }));
            link.download = name.endsWith('.zip') ? name : `${name}.zip`;
            link.click();
            setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
            return { ok: true };
        },
    };
}

/** A new, empty policy set in memory (saving downloads it as a zip). */
export function emptyStore(): FileStore {
    return zipStore('policy.zip', zipSync({}));
}
