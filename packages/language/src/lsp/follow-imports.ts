import { DocumentState, type URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { PolicyImports } from '../workspace/policy-imports.js';

/**
 * The editor's workspace follows its `använd` lines: after each build, the files they bring in that
 * are not loaded yet are loaded (a shipped library's files too, so hover, completion and
 * go-to-definition reach into them), and files loaded only for an import that is gone are dropped,
 * in one more build. The importing files are built again with it, so what they say of their imports
 * (a cycle through a file just loaded) is current. The build that loads nothing new stops the chain.
 */
export function followImports(shared: LangiumSharedServices, imports: PolicyImports): void {
    const builder = shared.workspace.DocumentBuilder;
    builder.onBuildPhase(DocumentState.Validated, async () => {
        const { missing, unused } = await imports.changes();
        if (missing.length === 0 && unused.length === 0) {
            return;
        }
        const importing: URI[] = shared.workspace.LangiumDocuments.all
            .filter(document => ((document.parseResult.value as { imports?: unknown[] }).imports?.length ?? 0) > 0)
            .map(document => document.uri)
            .toArray();
        void shared.workspace.WorkspaceLock.write(token => builder.update([...missing, ...importing], unused, token));
    });
}
