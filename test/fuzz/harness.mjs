/**
 * What every fuzzer family shares: a seeded random source, a child process under a watchdog (time
 * and memory), the failures a process shows whatever it was asked (exit 3, a signal, a stack trace,
 * a time or memory limit passed), a greedy minimiser over a family's own shrinking steps, and
 * writing a failing input to test/fuzz/found/.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = path.join(repository, 'packages/cli/bin/regelratt.js');
export const languageServer = path.join(repository, 'packages/vscode/out/server.cjs');

/** The linear congruential source fuzz.mjs has always used, so a seed means the same everywhere. */
export function seededRandom(seed) {
    let state = seed;
    const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
    return { random, pick: list => list[Math.floor(random() * list.length)], below: n => Math.floor(random() * n) };
}

export function temporaryFolder(prefix) {
    const folder = mkdtempSync(path.join(tmpdir(), `regelratt-fuzz-${prefix}-`));
    // Readable by the unprivileged user a root run drops to (see `unprivileged`).
    chmodSync(folder, 0o755);
    return folder;
}

/**
 * A root process reads what chmod 000 forbids; so that an unreadable entry is unreadable, a root
 * run starts the command line as `nobody`.
 */
export const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

/**
 * A time limit passed on a machine loaded by other work is usually not a hang: run-family.mjs runs
 * such an input once more with every time limit this many times longer, and reports a hang only when
 * it passes a limit again (issue 26). A memory limit is not retried: load does not grow memory.
 */
export const RETRY_PATIENCE = 4;
let patience = 1;
let timeLimitsPassed = 0;

/** A time limit in seconds as it holds now: longer while an input is retried (`withPatience`). */
export const timeLimit = seconds => seconds * patience;

/** Counts a time limit passed (a watchdog's, a request's with no answer in time): run-family.mjs retries the input. */
export function timeLimitPassed() {
    timeLimitsPassed++;
}

/** How many time limits have been passed in this process so far. */
export const timeLimitsPassedSoFar = () => timeLimitsPassed;

/** Runs `run` with every time limit `factor` times longer. */
export async function withPatience(factor, run) {
    const saved = patience;
    patience = factor;
    try {
        return await run();
    } finally {
        patience = saved;
    }
}

/** The resident set of a running process in MB, where /proc tells it (Linux). */
function residentMegabytes(pid) {
    try {
        const found = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return found ? Number(found[1]) / 1024 : 0;
    } catch {
        return 0;
    }
}

/**
 * Runs a process to its end or until the watchdog stops it: after `seconds` (times the patience of a
 * retry), or once it holds more than `megabytes` of memory.
 */
export function runProcess(command, args, { cwd = repository, seconds = 30, megabytes = 600, input, user = {}, env = {} } = {}) {
    return new Promise(resolve => {
        const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, ...user });
        let stdout = '';
        let stderr = '';
        let stopped;
        let peak = 0;
        child.stdout.on('data', chunk => { if (stdout.length < 4_000_000) stdout += chunk; });
        child.stderr.on('data', chunk => { if (stderr.length < 100_000) stderr += chunk; });
        child.stdin.on('error', () => {});
        child.stdin.end(input);
        const limit = timeLimit(seconds);
        const timer = setTimeout(() => {
            stopped = `over ${limit} s`;
            timeLimitPassed();
            child.kill('SIGKILL');
        }, limit * 1000);
        const memory = setInterval(() => {
            peak = Math.max(peak, residentMegabytes(child.pid));
            if (peak > megabytes) {
                stopped = `over ${megabytes} MB`;
                child.kill('SIGKILL');
            }
        }, 50);
        child.on('error', error => { stopped = `could not start: ${error.message}`; });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            clearInterval(memory);
            resolve({ code, signal, stdout, stderr, stopped, peak });
        });
    });
}

/**
 * Starts `regelratt serve` on a folder: resolves with its address once it says it answers
 * (`{ child, base, stderr }`, stderr kept up to date), or how it ended (`{ code, signal, stderr }`),
 * or `{ timeout: true }` after `seconds` (times the patience of a retry).
 */
export function startServe(folder, seconds = 60) {
    const child = spawn(process.execPath, [cli, 'serve', folder, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const started = { child, stderr: '' };
    return new Promise(resolve => {
        const timer = setTimeout(() => {
            timeLimitPassed();
            child.kill('SIGKILL');
            resolve({ timeout: true, stderr: started.stderr });
        }, timeLimit(seconds) * 1000);
        child.stderr.on('data', chunk => {
            started.stderr = (started.stderr + chunk).slice(-20_000);
            const found = /svarar på (http:\/\/[^\s]+) /.exec(started.stderr);
            if (found && !started.base) {
                clearTimeout(timer);
                started.base = found[1];
                resolve(started);
            }
        });
        child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stderr: started.stderr }); });
    });
}

/** Whether a text is JSON whose value passes `check`. */
export function parsesAs(text, check = () => true) {
    try {
        return Boolean(check(JSON.parse(text)));
    } catch {
        return false;
    }
}

/** A stack frame in what a user reads: only `--debug` may show where an internal error happened. */
export const STACK_TRACE = /\n\s+at .+(:\d+:\d+\)?|\(native\))$/m;

/** The failure any command shows whatever it was asked, or undefined. */
export function processFailure(result, allowedExits = [0, 1, 2]) {
    if (result.stopped) {
        return `watchdog: ${result.stopped}`;
    }
    if (result.signal) {
        return `killed by ${result.signal}`;
    }
    if (!allowedExits.includes(result.code)) {
        return `exit ${result.code}: ${result.stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 200)}`;
    }
    if (STACK_TRACE.test(result.stderr) || STACK_TRACE.test(result.stdout)) {
        return `stack trace: ${(result.stderr + result.stdout).split('\n').find(line => /^\s+at /.test(line))?.trim()}`;
    }
    return undefined;
}

/**
 * The failure kind without its details, so one failure is minimised to inputs that fail the same
 * way: what precedes ' — ' (the families' form), or else the first colon.
 */
export const kind = failure => (failure.includes(' — ') ? failure.split(' — ')[0] : failure.replace(/:.*$/s, ''));

/**
 * Greedy minimisation: the first smaller candidate (from the family's `shrink`) that fails the same
 * way replaces the input, until none does or the budget of runs is spent (each may start processes).
 */
export async function minimise(family, input, failure, budget = family.budget ?? 40) {
    let current = input;
    let runs = 0;
    for (let improved = true; improved && runs < budget;) {
        improved = false;
        for (const candidate of family.shrink(current)) {
            if (++runs > budget) {
                break;
            }
            const again = await family.run(candidate);
            if (again && kind(again) === kind(failure)) {
                current = candidate;
                improved = true;
                break;
            }
        }
    }
    return current;
}

/** Smaller versions of a text: halves, quarters, … of its lines removed, coarsest first. */
export function* shrinkText(text) {
    const lines = text.split('\n');
    for (let size = Math.floor(lines.length / 2); size >= 1; size = Math.floor(size / 2)) {
        for (let at = 0; at < lines.length; at += size) {
            yield [...lines.slice(0, at), ...lines.slice(at + size)].join('\n');
        }
        if (lines.length / size > 64) {
            // Finer steps over a long text would spend the budget on one region.
            return;
        }
    }
}

/**
 * A workspace is a list of entries, each `{ path, text }` (UTF-8), `{ path, bytes }` (hex, any
 * bytes), `{ path, link }` (a symbolic link to `link`), `{ path, folder: true }`, with `mode` to
 * chmod it after everything is written.
 */
export function writeWorkspace(root, entries) {
    for (const entry of entries) {
        const target = path.join(root, entry.path);
        mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
        if (entry.link !== undefined) {
            symlinkSync(entry.link, target);
        } else if (entry.folder) {
            mkdirSync(target, { recursive: true, mode: 0o755 });
        } else {
            writeFileSync(target, entry.bytes !== undefined ? Buffer.from(entry.bytes, 'hex') : entry.text, { mode: 0o644 });
        }
    }
    for (const entry of entries.filter(e => e.mode !== undefined)) {
        chmodSync(path.join(root, entry.path), entry.mode);
    }
}

/** Removes a workspace written by `writeWorkspace`, its unreadable entries first made readable. */
export function removeWorkspace(root) {
    const walk = folder => {
        for (const name of readdirSync(folder)) {
            const entry = path.join(folder, name);
            if (lstatSync(entry).isDirectory()) {
                chmodSync(entry, 0o755);
                walk(entry);
            }
        }
    };
    if (existsSync(root)) {
        chmodSync(root, 0o755);
        walk(root);
        rmSync(root, { recursive: true, force: true });
    }
}

/** Smaller workspaces: one entry left out, then each text entry's lines shrunk. */
export function* shrinkWorkspace(entries, rebuild) {
    for (let index = 0; index < entries.length; index++) {
        if (entries.length > 1) {
            yield rebuild(entries.filter((_, other) => other !== index));
        }
    }
    for (let index = 0; index < entries.length; index++) {
        if (entries[index].text !== undefined) {
            for (const text of shrinkText(entries[index].text)) {
                yield rebuild(entries.map((entry, other) => (other === index ? { ...entry, text } : entry)));
            }
        }
    }
}

/** Writes a failing input under test/fuzz/found/<family>-<n>/: its files and input.json describing it. */
export function saveFailure(familyName, index, failure, input) {
    const folder = path.join(repository, 'test/fuzz/found', `${familyName}-${index}`);
    removeWorkspace(folder);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'failure.txt'), `${failure}\n`);
    if (Array.isArray(input.entries)) {
        const files = path.join(folder, 'files');
        mkdirSync(files);
        // Saved readable (a mode is in input.json), so the folder can be looked at and removed.
        writeWorkspace(files, input.entries.map(({ mode, ...entry }) => entry));
    }
    writeFileSync(path.join(folder, 'input.json'), JSON.stringify(input, null, 1));
    return folder;
}
