import { URI } from 'langium';

/**
 * The folder of the libraries shipped with Regelrätt (`använd nationellt`): `library/` beside this
 * module's folder, which is `src/` when the tests run the sources and `dist/` when built. A bundle
 * ships a copy of the folder beside its own output folder (packages/cli/esbuild.mjs,
 * packages/vscode/esbuild.mjs), where the same relative path finds it; the studio's web worker
 * embeds the files and serves them under this root (BundledLibraryFileSystem).
 */
export function shippedLibraryRoot(): URI {
    try {
        return URI.parse(new URL('../library/', import.meta.url).href);
    } catch {
        // Loaded from a URL with no folders (a blob: or data: worker): a root of its own, which only
        // a host that embeds the libraries serves.
        return URI.parse('regelratt-bibliotek:/library/');
    }
}
