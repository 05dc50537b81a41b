import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compilePolicy, renderMessage, serializeCompiledPolicy } from '@regelratt/language';
import type { CliOptions } from '../arguments.js';
import { compiledSummary, notCompiled } from '../cli-messages.js';
import type { CliIO } from '../io.js';
import { loadWorkspace } from '../load-workspace.js';
import { EXIT_CLEAN, EXIT_POLICY_ERRORS, EXIT_USAGE_OR_IO, printDiagnostics } from './check.js';

/**
 * `regelratt compile`: one JSON file per source file, named by its path under the inputs' common
 * folder. All or nothing: any error anywhere and no file is written, since references cross files.
 * Each file is written beside its target and renamed into place, so none is ever half-written.
 */
export async function runCompile(options: CliOptions, outFolder: string, io: CliIO): Promise<number> {
    const loaded = await loadWorkspace(options, io.cwd);
    if (!loaded.ok) {
        printDiagnostics(loaded.problems, 0, options, io);
        return EXIT_USAGE_OR_IO;
    }
    const { diagnostics, checked, root } = loaded.workspace;
    printDiagnostics(diagnostics, checked.length, options, io);
    if (diagnostics.some(d => d.severity === 'error')) {
        io.stderr.write(`${notCompiled(options.locale)}\n`);
        return EXIT_POLICY_ERRORS;
    }
    const outputs = checked.map(({ path: source, document }) => {
        const relative = path.relative(root, source).split(path.sep).join('/');
        return {
            target: path.resolve(io.cwd, outFolder, relative.replace(/\.regel$/, '.json')),
            text: serializeCompiledPolicy(compilePolicy(document.parseResult.value, relative)),
        };
    });
    const temporary: string[] = [];
    try {
        for (const output of outputs) {
            await ensureFolder(path.dirname(output.target));
            const temp = `${output.target}.${process.pid}.tmp`;
            temporary.push(temp);
            await fs.writeFile(temp, output.text, 'utf8');
        }
        for (const [index, output] of outputs.entries()) {
            await fs.rename(temporary[index], output.target);
        }
    } catch (error) {
        await Promise.all(temporary.map(temp => fs.rm(temp, { force: true })));
        const failure = error as NodeJS.ErrnoException;
        io.stderr.write(`${renderMessage('output-error', { path: failure.path ?? outFolder, reason: failure.code ?? failure.message }, options.locale)}\n`);
        return EXIT_USAGE_OR_IO;
    }
    io.stderr.write(`${compiledSummary(outputs.length, outFolder, options.locale)}\n`);
    return EXIT_CLEAN;
}

/**
 * Creates a folder and the missing folders above it one level at a time. Node's recursive `mkdir`
 * spins forever at full CPU under some system folders (`/proc`); one level at a time fails at once
 * with the error that says why.
 */
async function ensureFolder(folder: string): Promise<void> {
    try {
        const stat = await fs.stat(folder);
        if (!stat.isDirectory()) {
            throw Object.assign(new Error(`${folder} is not a folder`), { code: 'ENOTDIR', path: folder });
        }
        return;
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
            throw error;
        }
    }
    const parent = path.dirname(folder);
    if (parent !== folder) {
        await ensureFolder(parent);
    }
    try {
        await fs.mkdir(folder);
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
            throw error;
        }
    }
}
