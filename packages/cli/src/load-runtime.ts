import { PolicyRuntime } from '@regelratt/runtime';
import type { CliOptions } from './arguments.js';
import { EXIT_POLICY_ERRORS, EXIT_USAGE_OR_IO, printDiagnostics } from './commands/check.js';
import { compileInMemory } from './compile-in-memory.js';
import type { CliIO } from './io.js';
import { loadWorkspace, type LoadedWorkspace } from './load-workspace.js';

/**
 * What `test` and `eval` start with: check the policy, and only if it has no errors compile it in
 * memory and load it into the runtime. Otherwise the diagnostics are printed and an exit code returned.
 */
export async function loadRuntime(options: CliOptions, io: CliIO): Promise<{ runtime: PolicyRuntime; workspace: LoadedWorkspace } | { exitCode: number }> {
    const loaded = await loadWorkspace(options, io.cwd);
    if (!loaded.ok) {
        printDiagnostics(loaded.problems, 0, options, io);
        return { exitCode: EXIT_USAGE_OR_IO };
    }
    const errors = loaded.workspace.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        printDiagnostics(errors, loaded.workspace.checked.filter(c => !c.library).length, options, io);
        return { exitCode: EXIT_POLICY_ERRORS };
    }
    return { runtime: new PolicyRuntime(compileInMemory(loaded.workspace)), workspace: loaded.workspace };
}
