import * as path from 'node:path';
import type { CompiledPolicyFile } from '@regelratt/format';
import { compilePolicy } from '@regelratt/language';
import type { LoadedWorkspace } from './load-workspace.js';

/** The compiled JSON of a checked workspace, as `compile` would write it, without writing it. */
export function compileInMemory(workspace: LoadedWorkspace): CompiledPolicyFile[] {
    return workspace.checked.map(({ path: source, document }) =>
        compilePolicy(document.parseResult.value, path.relative(workspace.root, source).split(path.sep).join('/')));
}
