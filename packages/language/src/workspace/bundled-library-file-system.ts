import { URI, type FileSystemNode, type FileSystemProvider } from 'langium';

/**
 * The shipped libraries' files for a host without a file system (the studio's web worker), given as
 * texts by their path under the library root (`nationellt/avgifter.regel`), which its bundle
 * embeds at build time. Only the library root is served: any other file, as in Langium's empty file
 * system, does not exist, so `använd "../gemensamt"` is import-not-found there.
 */
export class BundledLibraryFileSystem implements FileSystemProvider {
    constructor(private readonly root: URI, private readonly files: Readonly<Record<string, string>>) {}

    /** The path under the root, '' for the root itself, undefined outside it. */
    private under(uri: URI): string | undefined {
        if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority) {
            return undefined;
        }
        const root = this.root.path.replace(/\/?$/, '/');
        const at = uri.path.replace(/\/$/, '');
        if (`${at}/` === root) {
            return '';
        }
        return at.startsWith(root) ? at.slice(root.length) : undefined;
    }

    private isFolder(relative: string): boolean {
        return Object.keys(this.files).some(name => relative === '' || name.startsWith(`${relative}/`));
    }

    statSync(uri: URI): FileSystemNode {
        const relative = this.under(uri);
        if (relative !== undefined && Object.hasOwn(this.files, relative)) {
            return { isFile: true, isDirectory: false, uri };
        }
        if (relative !== undefined && this.isFolder(relative)) {
            return { isFile: false, isDirectory: true, uri };
        }
        throw new Error(`ENOENT: ${uri.toString()}`);
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        return this.statSync(uri);
    }

    existsSync(uri: URI): boolean {
        const relative = this.under(uri);
        return relative !== undefined && (Object.hasOwn(this.files, relative) || this.isFolder(relative));
    }

    async exists(uri: URI): Promise<boolean> {
        return this.existsSync(uri);
    }

    readFileSync(uri: URI): string {
        const relative = this.under(uri);
        if (relative === undefined || !Object.hasOwn(this.files, relative)) {
            throw new Error(`ENOENT: ${uri.toString()}`);
        }
        return this.files[relative];
    }

    async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    readBinarySync(uri: URI): Uint8Array {
        return new TextEncoder().encode(this.readFileSync(uri));
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return this.readBinarySync(uri);
    }

    readDirectorySync(uri: URI): FileSystemNode[] {
        const relative = this.under(uri);
        if (relative === undefined || !this.isFolder(relative)) {
            throw new Error(`ENOENT: ${uri.toString()}`);
        }
        const prefix = relative === '' ? '' : `${relative}/`;
        const children = new Map<string, boolean>();
        for (const name of Object.keys(this.files).filter(name => name.startsWith(prefix))) {
            const [first, ...rest] = name.slice(prefix.length).split('/');
            children.set(first, (children.get(first) ?? false) || rest.length > 0);
        }
        const folder = this.root.path.replace(/\/?$/, '/') + prefix;
        return [...children].map(([name, isDirectory]) => ({ isFile: !isDirectory, isDirectory, uri: this.root.with({ path: folder + name }) }));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return this.readDirectorySync(uri);
    }
}
