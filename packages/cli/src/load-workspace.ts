import * as path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import { checkPolicies, createRegelrattServices, renderMessage, type CheckedPolicy, type RegelrattServices } from '@regelratt/language';
import type { CliOptions } from './arguments.js';
import type { ReportedDiagnostic } from './diagnostic-output.js';
import { collectPolicyPaths, isInputProblem, readPolicyFile, shown, type InputFile } from './input-files.js';

export interface LoadedWorkspace {
    services: RegelrattServices;
    checked: CheckedPolicy[];
    diagnostics: ReportedDiagnostic[];
    /** Folder the inputs share; compiled files are named relative to it. */
    root: string;
}

export type LoadResult = { ok: true; workspace: LoadedWorkspace } | { ok: false; problems: ReportedDiagnostic[] };

/**
 * The language's services of an earlier load, for a command that loads several versions one after
 * the other (`diff`, `kompatibilitet`): each load replaces the last one's documents (checkPolicies),
 * so Langium's parser and lexer, whose construction costs as much as checking a small policy, are
 * built once, not once per version. Filled by the first load that needs them.
 */
export interface SharedServices {
    services?: RegelrattServices;
}

/**
 * Finds, reads and checks the inputs as one workspace. Input problems stop it before parsing
 * anything. With `shared`, the services of an earlier load are used again (and kept there for the next).
 */
export async function loadWorkspace(options: CliOptions, cwd: string, shared: SharedServices = {}): Promise<LoadResult> {
    const { paths, problems } = await collectPolicyPaths(options.inputs, cwd);
    const files: InputFile[] = [];
    const reported: ReportedDiagnostic[] = problems.map(p => problemDiagnostic(p.path, p.code, p.args, options));
    for (const absolute of paths) {
        const result = await readPolicyFile(absolute, shown(absolute, cwd), options.maxFileBytes);
        if (isInputProblem(result)) {
            reported.push(problemDiagnostic(result.path, result.code, result.args, options));
        } else {
            files.push(result);
        }
    }
    if (reported.length > 0) {
        return { ok: false, problems: reported };
    }
    // Checked once and done: nobody asks who refers to what (the editor's find-references index).
    const services = shared.services ??= createRegelrattServices(NodeFileSystem, { referenceIndex: false }).Regelratt;
    services.i18n.Locale.current = options.locale;
    const checked = await checkPolicies(services, files);
    const diagnostics = reportedDiagnostics(checked, cwd);
    // Files a policy imports from beside it (`använd "../gemensamt"`) are compiled with it, so the
    // folder they are named under holds them too.
    const imported = checked.filter(c => !c.library && !paths.includes(c.path)).map(c => c.path);
    const root = commonFolder([...options.inputs.map(i => path.resolve(cwd, i)), ...imported], [...paths, ...imported]);
    return { ok: true, workspace: { services, checked, diagnostics, root } };
}

/** The checked files' diagnostics as the commands report them: each file named as the user named it (`shown`). */
export function reportedDiagnostics(checked: readonly CheckedPolicy[], cwd: string): ReportedDiagnostic[] {
    return checked.flatMap(c => c.diagnostics.map(({ related, ...d }) => ({
        ...d,
        file: shown(c.path, cwd),
        ...(related ? { related: related.map(({ path: place, ...at }) => ({ file: shown(place, cwd), ...at })) } : {}),
    })));
}

function problemDiagnostic(file: string, code: Parameters<typeof renderMessage>[0], args: Record<string, string | number>, options: CliOptions): ReportedDiagnostic {
    return { file, code, args, severity: 'error', message: renderMessage(code, args, options.locale), line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** The deepest folder containing every input (a folder input counts as itself, a file as its folder). */
function commonFolder(inputs: string[], files: string[]): string {
    const folders = inputs.map(input => (files.includes(input) ? path.dirname(input) : input));
    let common = folders[0] ?? process.cwd();
    for (const folder of folders.slice(1)) {
        while (!(folder === common || folder.startsWith(common.endsWith(path.sep) ? common : common + path.sep))) {
            common = path.dirname(common);
        }
    }
    return common;
}
