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
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
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
        const identity = [bundle.size, bundle.mtimeNs, bundle.ino, bundle.dev, process.version, process.arch, command].join('\n');
        const key = createHash('sha256').update(identity).digest('hex').slice(0, 32);
        return path.join(folder, `${key}.bin`);
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
}
