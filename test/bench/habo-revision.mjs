/**
 * Habo's 2017 fee revision of issue 23, the diff's bench and test fixture: `städavgift` 503 → 520
 * kr/mån, and level 3 from 15 visits a week instead of 21 (level 2 then ends at 14). Built from
 * examples/habo as it is, so the revision follows the example's other edits.
 * Usage: node test/bench/habo-revision.mjs <folder> (writes the revised copy of examples/habo there)
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const haboFolder = path.join(repository, 'examples/habo');
export const haboFile = 'hemtjänst.regel';

const EDITS = [
    ['städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 503 kr/mån }', 'städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 520 kr/mån }'],
    ['| 7–20            || 2    | 1 409 kr/mån |', '| 7–14            || 2    | 1 409 kr/mån |'],
    ['| >= 21           || 3    | 2 013 kr/mån |', '| >= 15           || 3    | 2 013 kr/mån |'],
];

/** The revised text of Habo's hemtjänst.regel; throws if an edit no longer applies (a silent no-op would diff Habo with itself). */
export function haboRevisionText(text = readFileSync(path.join(haboFolder, haboFile), 'utf8')) {
    let revised = text;
    for (const [from, to] of EDITS) {
        if (!revised.includes(from)) {
            throw new Error(`examples/habo/${haboFile} no longer contains ${JSON.stringify(from)}: update test/bench/habo-revision.mjs`);
        }
        revised = revised.replace(from, to);
    }
    return revised;
}

/** Writes the revised copy of examples/habo into `folder`; returns it. */
export function writeHaboRevision(folder) {
    cpSync(haboFolder, folder, { recursive: true });
    writeFileSync(path.join(folder, haboFile), haboRevisionText());
    return folder;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    const target = process.argv[2];
    if (!target) {
        console.error('usage: node test/bench/habo-revision.mjs <folder>');
        process.exit(2);
    }
    writeHaboRevision(path.resolve(target));
}
