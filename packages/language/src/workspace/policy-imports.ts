import { UriUtils, URI, type FileSystemProvider, type LangiumDocument, type LangiumDocuments, type LangiumDocumentFactory, type LangiumSharedCoreServices } from 'langium';
import type { Import, Policy } from '../generated/ast.js';
import type { DiagnosticCode, MessageArgs } from '../i18n/diagnostic-catalogue.js';
import { shippedLibraryRoot } from '../library-root.js';

/** What a library folder says of itself (`bibliotek.json`). */
export interface LibraryManifest {
    name: string;
    version: string;
    title: string;
    /** The folder under the library root: the library's name for its current version, `<name>@<version>` for an earlier one. */
    folder: string;
}

/** One `använd` resolved: the files it brings into the policy set, or why it brings none. */
export interface ResolvedImport {
    targets: URI[];
    /** Set for a shipped library. */
    library?: LibraryManifest;
    problem?: { code: DiagnosticCode; args: MessageArgs };
}

const MANIFEST = 'bibliotek.json';

/**
 * The name a compiled file gives a shipped library's file: `regelratt:<library>@<version>/<file>`.
 * The runtime and the reasons know a library's element by it (which library, which version).
 */
export function libraryFileName(library: { name: string; version: string; file: string }): string {
    return `regelratt:${library.name}@${library.version}/${library.file}`;
}

/**
 * `använd`: the files a policy brings in. A shipped library is a folder under the library root
 * with a manifest; a path names a `.regel` file or a folder (every `.regel` file below it), relative
 * to the importing file. What is brought in joins the policy set, whose one namespace then holds
 * its names too, so a reference into a library resolves as any other does (scope, hover, completion
 * and go-to-definition need nothing of their own).
 */
export class PolicyImports {
    private readonly fileSystem: FileSystemProvider;
    private readonly documents: LangiumDocuments;
    private readonly factory: LangiumDocumentFactory;
    readonly libraryRoot: URI;
    /** Documents that are in the workspace only because something imports them. */
    private readonly importedOnly = new Set<string>();
    /** Manifests read, by library folder: a shipped library does not change while it is in use. */
    private readonly manifests = new Map<string, LibraryManifest>();

    constructor(shared: LangiumSharedCoreServices, libraryRoot: URI = shippedLibraryRoot()) {
        this.fileSystem = shared.workspace.FileSystemProvider;
        this.documents = shared.workspace.LangiumDocuments;
        this.factory = shared.workspace.LangiumDocumentFactory;
        this.libraryRoot = libraryRoot;
    }

    /** Whether a document is one of a shipped library's files, and which library folder (`nationellt`, `nationellt@2026.1`). */
    libraryOf(uri: URI): string | undefined {
        // By the decoded path: a URI's text encodes the `@` of a version folder.
        if (uri.scheme !== this.libraryRoot.scheme || uri.authority !== this.libraryRoot.authority) {
            return undefined;
        }
        const root = this.libraryRoot.path.replace(/\/?$/, '/');
        return uri.path.startsWith(root) ? uri.path.slice(root.length).split('/')[0] : undefined;
    }

    /** For a shipped library's file: its library, version and path inside the library, by the manifest its `använd` read. */
    libraryFile(uri: URI): { name: string; version: string; file: string } | undefined {
        const folder = this.libraryOf(uri);
        const manifest = folder === undefined ? undefined : this.manifests.get(folder);
        return manifest && { name: manifest.name, version: manifest.version, file: UriUtils.relative(UriUtils.joinPath(this.libraryRoot, manifest.folder), uri) };
    }

    /**
     * The name compiled output gives a document: a shipped library's file by `libraryFileName`, any
     * other as `local` names it. A library file is in the workspace only once the `använd` that
     * brings it was resolved, which read its manifest.
     */
    compiledName(uri: URI, local: (uri: URI) => string): string {
        const library = this.libraryFile(uri);
        return library ? libraryFileName(library) : local(uri);
    }

    /**
     * The manifest of a library folder: `nationellt` (the version shipped as current) or
     * `nationellt@2026.1` (an earlier version shipped beside it, for policies pinned to it).
     */
    async manifest(folder: string): Promise<LibraryManifest | undefined> {
        const known = this.manifests.get(folder);
        if (known) {
            return known;
        }
        const match = /^([\p{L}\p{N}_]+)(?:@([\p{L}\p{N}._-]+))?$/u.exec(folder);
        if (!match) {
            return undefined;
        }
        const [, name, version] = match;
        try {
            const text = await this.fileSystem.readFile(UriUtils.joinPath(this.libraryRoot, folder, MANIFEST));
            const parsed = JSON.parse(text) as Partial<LibraryManifest>;
            // A version folder is that version of that library, or it is no library at all.
            if (version !== undefined && String(parsed.version) !== version) {
                return undefined;
            }
            const manifest = { name, version: String(parsed.version), title: String(parsed.title ?? name), folder };
            this.manifests.set(folder, manifest);
            return manifest;
        } catch {
            return undefined;
        }
    }

    /** The versions of a library shipped: the current one and every earlier one kept beside it, oldest first. */
    async libraryVersions(library: string): Promise<string[]> {
        try {
            const entries = await this.fileSystem.readDirectory(this.libraryRoot);
            const folders = entries.filter(entry => entry.isDirectory).map(entry => UriUtils.basename(entry.uri))
                .filter(folder => folder === library || folder.startsWith(`${library}@`));
            const manifests = await Promise.all(folders.map(folder => this.manifest(folder)));
            return manifests.flatMap(m => (m ? [m.version] : [])).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
        } catch {
            return [];
        }
    }

    /** The libraries shipped, by name, for the message on one that is not. */
    async libraryNames(): Promise<string[]> {
        try {
            const entries = await this.fileSystem.readDirectory(this.libraryRoot);
            return entries.filter(entry => entry.isDirectory).map(entry => UriUtils.basename(entry.uri)).filter(name => !name.includes('@')).sort();
        } catch {
            return [];
        }
    }

    /**
     * The library version one `använd` of a library reads: the pinned version where it is shipped,
     * else the current one (`unshipped` then says the pin was not found). Undefined where the library
     * is not shipped at all. Reads manifests only, not the library's files.
     */
    async libraryVersion(node: Import): Promise<{ manifest: LibraryManifest; unshipped: boolean } | undefined> {
        if (node.library === undefined) {
            return undefined;
        }
        const current = await this.manifest(node.library);
        if (!current || node.version === undefined || node.version === current.version) {
            return current && { manifest: current, unshipped: false };
        }
        // An earlier version shipped beside the current one is the one a pinned policy reads.
        const pinned = await this.manifest(`${node.library}@${node.version}`);
        return pinned ? { manifest: pinned, unshipped: false } : { manifest: current, unshipped: true };
    }

    /** The files one `använd` in the file at `from` brings in. */
    async resolve(node: Import, from: URI): Promise<ResolvedImport> {
        if (node.library !== undefined) {
            const version = await this.libraryVersion(node);
            if (!version) {
                const known = (await this.libraryNames()).join(', ');
                return { targets: [], problem: { code: 'import-not-found', args: { name: node.library, known: known || '–' } } };
            }
            const { manifest, unshipped } = version;
            const targets = await this.regelFiles(UriUtils.joinPath(this.libraryRoot, manifest.folder));
            if (unshipped) {
                const shipped = (await this.libraryVersions(node.library)).join(', ');
                return { targets, library: manifest, problem: { code: 'library-version-mismatch', args: { name: manifest.name, pinned: node.version!, shipped: manifest.version, versions: shipped } } };
            }
            return { targets, library: manifest };
        }
        const path = node.path ?? '';
        const target = UriUtils.resolvePath(UriUtils.dirname(from), path);
        try {
            const found = await this.fileSystem.stat(target);
            if (found.isDirectory) {
                return { targets: await this.regelFiles(target) };
            }
            if (found.isFile && target.path.endsWith('.regel')) {
                return { targets: [target] };
            }
        } catch {
            // Not there: said below.
        }
        return { targets: [], problem: { code: 'import-not-found', args: { name: path, known: '' } } };
    }

    /** Every `.regel` file in a folder and below it, in path order. */
    private async regelFiles(folder: URI): Promise<URI[]> {
        const found: URI[] = [];
        const walk = async (at: URI): Promise<void> => {
            const entries = await this.fileSystem.readDirectory(at);
            for (const entry of entries) {
                if (entry.isDirectory) {
                    await walk(entry.uri);
                } else if (entry.isFile && entry.uri.path.endsWith('.regel')) {
                    found.push(entry.uri);
                }
            }
        };
        try {
            await walk(folder);
        } catch {
            return found;
        }
        return found.sort((a, b) => (a.toString() < b.toString() ? -1 : 1));
    }

    /**
     * The files the documents in the workspace import, directly or through each other, that are
     * not in it yet: read, parsed and added. Returns the documents added.
     */
    async loadImported(): Promise<LangiumDocument[]> {
        const added: LangiumDocument[] = [];
        const queue = this.documents.all.toArray();
        while (queue.length > 0) {
            const document = queue.shift()!;
            for (const uri of await this.importedUris(document)) {
                if (this.documents.hasDocument(uri)) {
                    continue;
                }
                let text: string;
                try {
                    text = await this.fileSystem.readFile(uri);
                } catch {
                    continue;
                }
                const imported = this.factory.fromString(text, uri);
                this.documents.addDocument(imported);
                this.importedOnly.add(uri.toString());
                added.push(imported);
                queue.push(imported);
            }
        }
        return added;
    }

    /**
     * What the workspace needs now: the imported files not loaded yet, and the ones loaded only for
     * an import that is gone (the editor's workspace, after an edit).
     */
    async changes(): Promise<{ missing: URI[]; unused: URI[] }> {
        const reached = new Set<string>();
        const missing = new Map<string, URI>();
        const queue = this.documents.all.filter(document => !this.importedOnly.has(document.uri.toString())).toArray();
        for (const document of queue) {
            reached.add(document.uri.toString());
        }
        while (queue.length > 0) {
            const document = queue.shift()!;
            for (const uri of await this.importedUris(document)) {
                const key = uri.toString();
                if (reached.has(key)) {
                    continue;
                }
                reached.add(key);
                const loaded = this.documents.getDocument(uri);
                if (loaded) {
                    queue.push(loaded);
                } else {
                    missing.set(key, uri);
                }
            }
        }
        for (const key of missing.keys()) {
            this.importedOnly.add(key);
        }
        const unused = [...this.importedOnly].filter(key => !reached.has(key));
        for (const key of unused) {
            this.importedOnly.delete(key);
        }
        return { missing: [...missing.values()], unused: unused.map(key => URI.parse(key)) };
    }

    /** The files a document's `använd` lines bring in. */
    async importedUris(document: LangiumDocument): Promise<URI[]> {
        const imports = (document.parseResult.value as Partial<Policy>).imports ?? [];
        const uris: URI[] = [];
        for (const node of imports) {
            uris.push(...(await this.resolve(node, document.uri)).targets);
        }
        return uris;
    }

    /**
     * A chain of imports from `start` back to itself, as the files' URIs, or undefined. Follows the
     * files as they are in the workspace (one not loaded yet has no imports to follow).
     */
    async cycleFrom(start: LangiumDocument, first: Import): Promise<URI[] | undefined> {
        const startKey = start.uri.toString();
        const seen = new Set<string>();
        const search = async (uri: URI, path: URI[]): Promise<URI[] | undefined> => {
            const key = uri.toString();
            if (key === startKey) {
                return [...path, uri];
            }
            if (seen.has(key)) {
                return undefined;
            }
            seen.add(key);
            const document = this.documents.getDocument(uri);
            for (const next of document ? await this.importedUris(document) : []) {
                const found = await search(next, [...path, uri]);
                if (found) {
                    return found;
                }
            }
            return undefined;
        };
        for (const target of (await this.resolve(first, start.uri)).targets) {
            const found = await search(target, [start.uri]);
            if (found) {
                return found;
            }
        }
        return undefined;
    }
}
