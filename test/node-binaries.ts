import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The Node that runs the tests (the pinned Node 24) and every other Node on PATH (the machine's
 * own, Node 20 here: its smaller default stack is what users have), plus any listed in
 * REGELRATT_EXTRA_NODES (paths separated by ':'); one per version, keyed by version.
 */
export function nodesByVersion(): Map<string, string> {
    const candidates = (process.env.PATH ?? '').split(path.delimiter)
        .filter(folder => folder !== '' && !folder.split(path.sep).includes('node_modules'))
        .map(folder => path.join(folder, 'node'))
        .concat((process.env.REGELRATT_EXTRA_NODES ?? '').split(':').filter(Boolean))
        .filter(candidate => existsSync(candidate));
    const byVersion = new Map<string, string>();
    for (const node of [process.execPath, ...candidates]) {
        const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
        if (version && !byVersion.has(version)) {
            byVersion.set(version, realpathSync(node));
        }
    }
    return byVersion;
}
