import { createHash } from 'node:crypto';
import type { CompiledPolicyFile } from '@regelratt/format';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';
import type { CliOptions } from '../arguments.js';
import { loadCompiled } from '../load-compiled.js';

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
 * (errors in the new files, unreadable JSON, or, with `--require-examples`, an inline example that
 * does not pass) leaves the old version in place and says why.
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
        const loaded = await loadCompiled(this.inputs, this.options, this.cwd);
        if ('problem' in loaded) {
            return loaded;
        }
        const files = loaded.files;
        try {
            const runtime = new PolicyRuntime(files);
            runtime.prepared(); // compile the fast paths now, not on the first request
            if (this.options.requireExamples) {
                const failing = runExamples(runtime).filter(result => !result.passed);
                if (failing.length > 0) {
                    return { problem: examplesProblem(failing.map(result => result.example), this.options.locale) };
                }
            }
            const version = `sha256:${createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16)}`;
            return { runtime, files, version, loadedAt: new Date().toISOString() };
        } catch (error) {
            return { problem: (error as Error).message };
        }
    }
}

/** Which inline examples fail, by name and place (the first five), in the asked language. */
function examplesProblem(failing: ReadonlyArray<{ name: string; source: { file: string; line: number } }>, locale: 'sv' | 'en'): string {
    const shown = failing.slice(0, 5).map(example => `${example.name} (${example.source.file}:${example.source.line})`).join(', ');
    const more = failing.length > 5 ? (locale === 'sv' ? ` och ${failing.length - 5} till` : ` and ${failing.length - 5} more`) : '';
    return locale === 'sv'
        ? `${failing.length} inbyggda exempel går inte igenom (--require-examples): ${shown}${more}.`
        : `${failing.length} inline examples fail (--require-examples): ${shown}${more}.`;
}
