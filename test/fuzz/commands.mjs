/**
 * The command line's commands as the fuzzer families run them, each on a file or folder of policy,
 * as a child process under the watchdog, with the form each documents for its output: `check` a
 * line per finding, `--format json` one JSON value with its diagnostics and summary, SARIF a 2.1.0
 * log, `compile` a JSON file per source, `eval` a JSON answer. Exit codes 0, 1 and 2 are the
 * documented ones.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cli, parsesAs, processFailure, repository, runProcess } from './harness.mjs';

const jsonDiagnostics = value => Array.isArray(value.diagnostics) && typeof value.summary === 'object';

/** Each command: its arguments for a target, and the form its output must have when it exits 0 or 1. */
export const COMMANDS = {
    // One line per finding, `file:line:col: severity: message [code]` (or the line counting the rest of a kind).
    'check': { args: target => ['check', target], form: r => r.stdout.split('\n').slice(0, -1).every(line => /^.+:\d+:\d+: \S+: .*\[[a-z0-9-]+\]/.test(line)) },
    'check-json': { args: target => ['check', target, '--format', 'json'], form: r => parsesAs(r.stdout, jsonDiagnostics) },
    'check-sarif': { args: target => ['check', target, '--format', 'sarif'], form: r => parsesAs(r.stdout, v => v.version === '2.1.0' && Array.isArray(v.runs)) },
    'compile': {
        args: (target, work) => ['compile', target, '-o', path.join(work, 'out')],
        form: (r, work) => r.code !== 0 || readdirSync(path.join(work, 'out'), { recursive: true })
            .filter(f => String(f).endsWith('.json')).every(f => parsesAs(readFileSync(path.join(work, 'out', String(f)), 'utf8'), v => typeof v.schemaVersion === 'string')),
    },
    'test-json': { args: target => ['test', target, '--format', 'json'], form: r => r.code !== 0 || parsesAs(r.stdout, v => typeof v === 'object') },
    'eval': {
        args: (target, work) => ['eval', target, '--input', writeCase(work), '--date', '2021-06-01'],
        form: r => r.code !== 0 || parsesAs(r.stdout, v => typeof v === 'object'),
    },
    'diff': { args: target => ['diff', path.join(repository, 'examples/orebro'), target, '--format', 'json'], form: () => true },
    'kompatibilitet': { args: target => ['kompatibilitet', path.join(repository, 'examples/orebro'), target, '--format', 'json'], form: () => true },
};

function writeCase(work) {
    const file = path.join(work, 'case.json');
    if (!existsSync(file)) {
        writeFileSync(file, JSON.stringify({ citizen: { ålder: 70, inkomst: 20000 }, level: 4 }), { mode: 0o644 });
    }
    return file;
}

/** Runs one command on the target; the failure as 'command kind — details', or undefined. */
export async function runCommand(name, target, work, options = {}) {
    const command = COMMANDS[name];
    const result = await runProcess(process.execPath, [cli, ...command.args(target, work)], { cwd: work, ...options });
    const failure = processFailure(result);
    if (failure) {
        return `${name} ${failure.replace(/:.*$/s, '')} — ${failure}`;
    }
    if (result.code !== 2 && !command.form(result, work)) {
        return `${name} output not in its form — exit ${result.code}: ${result.stdout.slice(0, 200)}`;
    }
    return undefined;
}
