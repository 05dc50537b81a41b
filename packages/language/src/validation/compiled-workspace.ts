import type { CompiledPolicyFile } from '@regelratt/format';
import { PolicyRuntime } from '@regelratt/runtime';
import { WorkspaceCache } from 'langium';
import type * as Ast from '../generated/ast.js';
import { isPolicy } from '../generated/ast.js';
import { compilePolicy } from '../compiler/compile-policy.js';
import type { RegelrattServices } from '../regelratt-module.js';

export interface CompiledWorkspace {
    files: CompiledPolicyFile[];
    runtime: PolicyRuntime;
}

const caches = new WeakMap<object, () => CompiledWorkspace | undefined>();

/**
 * The workspace compiled in memory, with a runtime over it, once per workspace state and shared by
 * every check that asks the runtime (calculations and need, example coverage). Undefined while the
 * workspace does not compile (a half-typed reference): other checks report why.
 */
export function compiledWorkspace(services: RegelrattServices): () => CompiledWorkspace | undefined {
    const shared = services.shared;
    let get = caches.get(shared);
    if (!get) {
        const cache = new WorkspaceCache<string, CompiledWorkspace | null>(shared);
        get = () => cache.get('workspace', () => {
            try {
                const files = shared.workspace.LangiumDocuments.all.toArray()
                    .filter(document => isPolicy(document.parseResult.value))
                    .map(document => compilePolicy(document.parseResult.value as Ast.Policy, document.uri.path.split('/').pop() ?? ''));
                // Compiled here, on every workspace change, from text that may be half-typed: the schema
                // check is for files from elsewhere.
                return { files, runtime: new PolicyRuntime(files, { validate: false }) };
            } catch {
                return null;
            }
        }) ?? undefined;
        caches.set(shared, get);
    }
    return get;
}
