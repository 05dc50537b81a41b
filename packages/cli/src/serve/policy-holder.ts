import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CompiledPolicyFile } from '@regelratt/format';
import { PolicyRuntime } from '@regelratt/runtime';
import type { CliOptions } from '../arguments.js';
import { compileInMemory } from '../compile-in-memory.js';
import { loadWorkspace } from '../load-workspace.js';

/** One loaded version of the policy: what every request is answered from, whole. */
export interface LoadedPolicy {
    runtime: PolicyRuntime;
    files: CompiledPolicyFile[];
    /** `sha256:` and the first 16 hex digits of the compiled files' hash: the same policy, the same version. */
    version: string;
    loadedAt: string;
}

/**
 * Holds the policy the service answers from and swaps it whole: a request takes the current version
 * when it starts and finishes on it, however many reloads happen meanwhile. A reload that fails
 * (errors in the new files, unreadable JSON) leaves the old version in place and says why.
 */
export class PolicyHolder {
    private policy: LoadedPolicy | undefined;

    constructor(private readonly inputs: readonly string[], private readonly options: CliOptions, private readonly cwd: string) { }

    get current(): LoadedPolicy {
        if (!this.policy) {
            throw new Error('no policy loaded');
        }
        return this.policy;
    }

    get ready(): boolean {
        return this.policy !== undefined;
    }

    /** Loads the inputs (sources, or a folder of compiled JSON) and swaps them in; the problem otherwise. */
    async reload(): Promise<{ ok: true; policy: LoadedPolicy } | { ok: false; problem: string }> {
        const loaded = await this.load();
        if ('problem' in loaded) {
            return { ok: false, problem: loaded.problem };
        }
        this.policy = loaded;
        return { ok: true, policy: loaded };
    }

    private async load(): Promise<LoadedPolicy | { problem: string }> {
        const sv = this.options.locale === 'sv';
        let files: CompiledPolicyFile[];
        const compiled = await compiledFiles(this.inputs, this.cwd);
        if (compiled.length > 0) {
            try {
                files = await Promise.all(compiled.map(async file => JSON.parse((await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as CompiledPolicyFile));
            } catch (error) {
                return { problem: `${sv ? 'Den kompilerade policyn kan inte läsas' : 'The compiled policy cannot be read'}: ${(error as Error).message}` };
            }
        } else {
            const loaded = await loadWorkspace({ ...this.options, inputs: [...this.inputs] }, this.cwd);
            if (!loaded.ok) {
                return { problem: loaded.problems.map(p => `${p.file}: ${p.message}`).join('; ') };
            }
            const errors = loaded.workspace.diagnostics.filter(d => d.severity === 'error');
            if (errors.length > 0) {
                return { problem: `${sv ? `Policyn har ${errors.length} fel` : `The policy has ${errors.length} errors`}: ${errors.slice(0, 3).map(e => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('; ')}` };
            }
            files = compileInMemory(loaded.workspace);
        }
        try {
            const runtime = new PolicyRuntime(files);
            runtime.prepared(); // compile the fast paths now, not on the first request
            const version = `sha256:${createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16)}`;
            return { runtime, files, version, loadedAt: new Date().toISOString() };
        } catch (error) {
            return { problem: (error as Error).message };
        }
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
