import * as path from 'node:path';
import { compilePolicy, serializeCompiledPolicy } from '@regelratt/language';
import type { CliOptions } from '../arguments.js';
import { compiledSummary, notCompiled, staleOutputs } from '../cli-messages.js';
import { compiledSourceName, compiledTarget } from '../compile-in-memory.js';
import { MANIFEST_NAME, manifestText, previousOutputs, removeStaleOutputs } from '../compile-manifest.js';
import type { CliIO } from '../io.js';
import { loadWorkspace } from '../load-workspace.js';
import { writeAllOrNothing } from '../write-outputs.js';
import { writeDmn } from '../dmn/write-dmn.js';
import { EXIT_CLEAN, EXIT_POLICY_ERRORS, EXIT_USAGE_OR_IO, printDiagnostics } from './check.js';

/**
 * `regelratt compile`: one JSON file per source file, named by its path under the inputs' common
 * folder. All or nothing: any error anywhere and no file is written, since references cross files.
 * Each file is written beside its target and renamed into place, so none is ever half-written.
 * A manifest of what was written stays in the folder; what an earlier compile wrote there and this
 * one does not (a source renamed or removed) is then removed, so the folder holds one policy.
 */
export async function runCompile(options: CliOptions, outFolder: string, io: CliIO): Promise<number> {
    // The compiled JSON keeps every version of every parameter: a day means something only to the DMN export.
    if (options.date !== undefined && options.target !== 'dmn') {
        io.stderr.write(`${options.locale === 'sv' ? '--date gäller compile bara med --target dmn (JSON-formatet behåller alla versioner).' : '--date applies to compile only with --target dmn (the JSON format keeps every version).'}\n`);
        return EXIT_USAGE_OR_IO;
    }
    const loaded = await loadWorkspace(options, io.cwd);
    if (!loaded.ok) {
        printDiagnostics(loaded.problems, 0, options, io);
        return EXIT_USAGE_OR_IO;
    }
    const { diagnostics, checked, root } = loaded.workspace;
    printDiagnostics(diagnostics, checked.filter(c => !c.library).length, options, io);
    if (diagnostics.some(d => d.severity === 'error')) {
        io.stderr.write(`${notCompiled(options.locale)}\n`);
        return EXIT_POLICY_ERRORS;
    }
    if (options.target === 'dmn') {
        return writeDmn(checked.map(policy => ({ compiled: compilePolicy(policy.document.parseResult.value, compiledSourceName(policy, root)), target: compiledTarget(policy, root) })), outFolder, options, io);
    }
    const outputs = checked.map(policy => ({
        target: path.resolve(io.cwd, outFolder, compiledTarget(policy, root)),
        data: serializeCompiledPolicy(compilePolicy(policy.document.parseResult.value, compiledSourceName(policy, root))),
    }));
    const folder = path.resolve(io.cwd, outFolder);
    const previous = await previousOutputs(folder);
    const manifest = { target: path.join(folder, MANIFEST_NAME), data: manifestText(folder, outputs) };
    const failed = await writeAllOrNothing([...outputs, manifest], outFolder, options.locale, io);
    if (failed !== undefined) {
        return failed;
    }
    const stale = await removeStaleOutputs(folder, previous, new Set(outputs.map(output => output.target)));
    io.stderr.write(`${compiledSummary(outputs.length, outFolder, options.locale)}\n`);
    for (const line of staleOutputs(stale, options.locale)) {
        io.stderr.write(`${line}\n`);
    }
    return EXIT_CLEAN;
}
