import { URI } from 'langium';

/**
 * The folder of the libraries shipped with Regelrätt (`använd nationellt`): `library/` beside this
 * module's folder, which is `src/` when the tests run the sources and `dist/` when built. A bundle
 * ships a copy of the folder beside its own output folder (packages/cli/esbuild.mjs,
 * packages/vscode/esbuild.mjs), where the same relative path finds it.
 */
export function shippedLibraryRoot(): URI {
    return URI.parse(new URL('../library/', import.meta.url).href);
}
