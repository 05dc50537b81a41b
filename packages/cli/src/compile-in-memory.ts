import * as path from 'node:path';
import type { CompiledPolicyFile } from '@regelratt/format';
import { compilePolicy, libraryFileName, type CheckedPolicy } from '@regelratt/language';
import type { LoadedWorkspace } from './load-workspace.js';

/** The compiled JSON of a checked workspace, as `compile` would write it, without writing it. */
export function compileInMemory(workspace: LoadedWorkspace): CompiledPolicyFile[] {
    return workspace.checked.map(checked => compilePolicy(checked.document.parseResult.value, compiledSourceName(checked, workspace.root)));
}

/**
 * The name a compiled file gives its source: the path under the inputs' common folder, or for a
 * file of a shipped library `regelratt:<library>@<version>/<file>`, so the compiled policy says
 * which library version each element it took from the library comes from.
 */
export function compiledSourceName(checked: CheckedPolicy, root: string): string {
    if (checked.library) {
        return libraryFileName(checked.library);
    }
    return path.relative(root, checked.path).split(path.sep).join('/');
}

/** Where `compile` writes a file's JSON, relative to the output folder: a library's files under `regelratt-bibliotek/<library>/`. */
export function compiledTarget(checked: CheckedPolicy, root: string): string {
    const relative = checked.library ? `regelratt-bibliotek/${checked.library.name}/${checked.library.file}` : path.relative(root, checked.path).split(path.sep).join('/');
    return relative.replace(/\.regel$/, '.json');
}
