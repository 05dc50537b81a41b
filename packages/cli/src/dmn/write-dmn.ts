import * as path from 'node:path';
import type { Attribute, CompiledPolicyFile } from '@regelratt/format';
import { PolicySet } from '@regelratt/runtime';
import type { CliOptions } from '../arguments.js';
import { EXIT_CLEAN } from '../commands/check.js';
import type { CliIO } from '../io.js';
import { writeAllOrNothing } from '../write-outputs.js';
import { dmnParameters, exportDmn, type DmnNote, type DmnPolicy } from './export-dmn.js';

/**
 * `compile --target dmn`: one `.dmn` file beside where the file's JSON would go, for each source
 * file with a decision table, a förloppsmodell or a pilot; all or nothing, as the JSON target. What
 * DMN cannot hold is printed as a note naming the element; the compile still succeeds.
 */
export async function writeDmn(files: ReadonlyArray<{ compiled: CompiledPolicyFile; target: string }>, outFolder: string, options: CliOptions, io: CliIO): Promise<number> {
    const policy = dmnPolicy(files.map(file => file.compiled));
    const parameters = dmnParameters(files.map(file => file.compiled));
    const outputs: Array<{ target: string; data: string }> = [];
    const notes: DmnNote[] = [];
    for (const file of files) {
        const exported = exportDmn(file.compiled, policy, parameters);
        if (!exported) {
            continue;
        }
        notes.push(...exported.notes);
        if (exported.decisions > 0) {
            outputs.push({ target: path.resolve(io.cwd, outFolder, file.target.replace(/\.json$/, '.dmn')), data: exported.xml });
        }
    }
    for (const note of notes) {
        io.stderr.write(`${options.locale === 'sv' ? 'anmärkning' : 'note'} (${note.element}): ${note[options.locale]}\n`);
    }
    const failed = await writeAllOrNothing(outputs, outFolder, options.locale, io);
    if (failed !== undefined) {
        return failed;
    }
    io.stderr.write(`${dmnSummary(outputs.length, outFolder, options.locale)}\n`);
    return EXIT_CLEAN;
}

/** Every attribute of the policy by id: a table in one file reads attributes declared in another. */
export function dmnAttributes(files: readonly CompiledPolicyFile[]): Map<string, Attribute> {
    return new Map(files.flatMap(file => file.elements).filter((e): e is Attribute => e.kind === 'attribute').map(a => [a.id, a]));
}

/**
 * What the export reads of the whole policy: attributes, parameters and calculations from every
 * file (a formula in one file reads a parameter of another or of a library), and the day a table
 * without `giltig från` takes parameters' values on, where the caller gives one.
 */
export function dmnPolicy(files: readonly CompiledPolicyFile[], date?: string): DmnPolicy {
    // The files were just compiled from checked sources; the compiled-format check is the loader's, for files read from disk.
    return { attributes: dmnAttributes(files), policy: PolicySet.load(files, { validate: false }), ...(date !== undefined ? { date } : {}) };
}

function dmnSummary(written: number, folder: string, locale: 'sv' | 'en'): string {
    if (locale === 'sv') {
        return written === 0 ? 'Inga beslut att skriva som DMN (inga beslutstabeller, förloppsmodeller eller piloter).' : `${written} DMN-${written === 1 ? 'fil' : 'filer'} ${written === 1 ? 'skriven' : 'skrivna'} till ${folder}.`;
    }
    return written === 0 ? 'No decisions to write as DMN (no decision tables, förlopp models or pilots).' : `${written} DMN ${written === 1 ? 'file' : 'files'} written to ${folder}.`;
}
