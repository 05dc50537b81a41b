// Loads a CommonJS bundle with V8's code cache kept between runs, on every Node: Node 22 and later
// have module.enableCompileCache, but its cache holds only what compiling the file gave, while this
// one is written when a run ends and holds the functions the run compiled lazily too.
//
// The cache lives in the system's temporary folder, in a folder of this user's only (mode 0700, and
// not used when someone else owns it), one file per bundle (its size, modification time and inode),
// Node version, architecture and command. The bundle's file facts, not a hash of its 2 MB: hashing
// cost Node 24 about 5 ms of every start-up, and V8's own check compares the source's length only,
// so a rebuilt bundle must never find the old cache (a rebuild writes a new file: new time, new inode).
// V8 checks the data against the source and its own flags and rejects what does not fit; a rejected
// or missing cache only means compiling as without one, and a new cache is written when the command
// ends (then the functions the run compiled are in it too). Nothing here can stop the command: every
// failure to read or write the cache is ignored. REGELRATT_NO_CODE_CACHE=1 turns it off.
//
// Every rebuild, update or other Node leaves a cache behind (1–2 MB each), so the folder is pruned
// whenever a cache is written: the current bundle's are kept, of the others the newest few written
// within a week, and temporary files a killed run left.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * `command`: the cache is kept per command (`check`, `dokument`, …), since it holds what the run that
 * wrote it compiled: a first `--help` would otherwise decide what every later `check` finds compiled
 * (about a tenth of its start-up).
 */
export function loadWithCodeCache(bundleUrl, command = '') {
    const file = fileURLToPath(bundleUrl);
    const source = readFileSync(file, 'utf8');
    const cacheFile = process.env.REGELRATT_NO_CODE_CACHE ? undefined : cachePath(file, /^[a-z]+$/.test(command) ? command : 'other');
    let cachedData;
    if (cacheFile) {
        try {
            cachedData = readFileSync(cacheFile);
        } catch {
            cachedData = undefined;
        }
    }
    // The bundle has no import(): on Node 20 a script given cached data cannot import (see esbuild.mjs).
    const script = new vm.Script(module.wrap(source), { filename: file, cachedData });
    const exports = {};
    const bundleModule = { exports, filename: file, id: file, loaded: false };
    script.runInThisContext().call(exports, exports, module.createRequire(file), bundleModule, file, path.dirname(file));
    if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) {
        process.once('exit', () => writeCache(cacheFile, script));
    }
    return bundleModule.exports;
}

function cachePath(file, command) {
    try {
        const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
        const folder = path.join(tmpdir(), `regelratt-code-cache${uid === undefined ? '' : `-${uid}`}`);
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        const owner = statSync(folder).uid;
        if (uid !== undefined && owner !== uid) {
            return undefined; // a folder someone else made: not ours to trust
        }
        const bundle = statSync(file, { bigint: true });
        const identity = [bundle.size, bundle.mtimeNs, bundle.ino, bundle.dev, process.version, process.arch].join('\n');
        const key = createHash('sha256').update(identity).digest('hex').slice(0, 32);
        return path.join(folder, `${key}-${command}.bin`);
    } catch {
        return undefined;
    }
}

function writeCache(cacheFile, script) {
    try {
        const partial = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
        renameSync(partial, cacheFile); // whole or not at all, whichever process writes last
    } catch {
        // No cache this time: the next run compiles again.
    }
    pruneCaches(cacheFile);
}

/** Caches of other bundles kept at most, and for how long after they were written. */
const OTHERS_KEPT = 8;
const OTHERS_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** A temporary file this old was left by a run that was killed while it wrote. */
const PARTIAL_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Removes from the cache folder what `cacheFile`'s run does not need: caches of other bundles (a
 * name not starting with this bundle's key, including the names of earlier versions) written more
 * than a week ago or beyond the newest OTHERS_KEPT, and stale temporary files. Only names this
 * module writes are touched; a file that vanishes meanwhile (another run pruning) is no matter.
 */
function pruneCaches(cacheFile) {
    const now = Date.now();
    try {
        const folder = path.dirname(cacheFile);
        const bundleKey = path.basename(cacheFile).split('-')[0];
        const others = [];
        for (const name of readdirSync(folder)) {
            const cache = /^([0-9a-f]{32})(-[a-z]+)?\.bin$/.exec(name);
            const partial = /^[0-9a-f]{32}(-[a-z]+)?\.bin\.\d+\.tmp$/.test(name);
            if ((!cache && !partial) || cache?.[1] === bundleKey && cache?.[2] !== undefined) {
                continue;
            }
            const full = path.join(folder, name);
            const written = statSync(full, { throwIfNoEntry: false })?.mtimeMs;
            if (written === undefined) {
                continue;
            }
            if (partial ? now - written > PARTIAL_MAX_AGE_MS : now - written > OTHERS_MAX_AGE_MS) {
                remove(full);
            } else if (cache) {
                others.push({ full, written });
            }
        }
        others.sort((a, b) => b.written - a.written).slice(OTHERS_KEPT).forEach(({ full }) => remove(full));
    } catch {
        // Pruning is housekeeping: it never stops the command.
    }
}

function remove(file) {
    try {
        unlinkSync(file);
    } catch {
        // Gone already, or not ours to remove.
    }
}
