import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkCompiledFile, checkCompiledPolicy, errorMessage } from '@regelratt/runtime';
import type { CliOptions } from './arguments.js';
import { readInputText } from './bounded-read.js';
import { compileInMemory } from './compile-in-memory.js';
import { loadWorkspace, type SharedServices } from './load-workspace.js';

/**
 * A policy as compiled JSON, from what a consumer has: `.regel` sources (checked and compiled in
 * memory; any error is the problem) or a folder of compiled `.json` files (as `compile` writes them).
 * Sources win when a folder has both. `shared` as loadWorkspace's, for a command that loads two versions.
 */
export async function loadCompiled(inputs: readonly string[], options: CliOptions, cwd: string, shared: SharedServices = {}): Promise<{ files: CompiledPolicyFile[] } | { problem: string }> {
    const sv = options.locale === 'sv';
    const compiled = await loadCompiledJson(inputs, options, cwd);
    if (compiled) {
        return compiled;
    }
    const loaded = await loadWorkspace({ ...options, inputs: [...inputs] }, cwd, shared);
    if (!loaded.ok) {
        return { problem: loaded.problems.map(p => `${p.file}: ${p.message}`).join('; ') };
    }
    const errors = loaded.workspace.diagnostics.filter(d => d.severity === 'error');
    if (errors.length > 0) {
        return { problem: `${sv ? `Policyn har ${errors.length} fel` : `The policy has ${errors.length} errors`}: ${errors.slice(0, 3).map(e => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('; ')}` };
    }
    return { files: compileInMemory(loaded.workspace) };
}

/**
 * The inputs as compiled JSON, checked, when they are compiled JSON (a folder of `.json` files
 * without `.regel` ones, or `.json` files); undefined when they are sources.
 */
export async function loadCompiledJson(inputs: readonly string[], options: CliOptions, cwd: string): Promise<{ files: CompiledPolicyFile[] } | { problem: string } | undefined> {
    const compiled = await compiledFiles(inputs, cwd);
    if (compiled.length === 0) {
        return undefined;
    }
    try {
        // Checked against the schema and for consistency here as the runtime checks them, so that a
        // comparison of two versions (kompatibilitet, diff) never reasons over a file of the wrong
        // shape or a folder holding a stale copy beside the current one.
        const files = await Promise.all(compiled.map(async file => {
            const parsed: unknown = JSON.parse((await readInputText(file, options.maxFileBytes, options.locale)).replace(/^\uFEFF/, ''));
            checkCompiledFile(parsed);
            return parsed;
        }));
        checkCompiledPolicy(files);
        return { files };
    } catch (error) {
        return { problem: `${options.locale === 'sv' ? 'Den kompilerade policyn kan inte läsas' : 'The compiled policy cannot be read'}: ${errorMessage(error, options.locale)}` };
    }
}

/** The inputs as compiled JSON files, when they are (a folder of .json without .regel, or .json files). */
async function compiledFiles(inputs: readonly string[], cwd: string): Promise<string[]> {
    const found: string[] = [];
    let sources = false;
    const visit = async (target: string): Promise<void> => {
        const stat = await fs.stat(target).catch(() => undefined);
        if (!stat) {
            return;
        }
        if (stat.isDirectory()) {
            for (const entry of (await fs.readdir(target)).sort()) {
                await visit(path.join(target, entry));
            }
        } else if (target.endsWith('.regel')) {
            sources = true;
        } else if (target.endsWith('.json')) {
            found.push(target);
        }
    };
    for (const input of inputs) {
        await visit(path.resolve(cwd, input));
    }
    return sources ? [] : found;
}
