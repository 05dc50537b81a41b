import * as path from 'node:path';
import type { Attribute, CompiledPolicyFile } from '@regelratt/format';
import { PolicySet } from '@regelratt/runtime';
import type { CliOptions } from '../arguments.js';
import { EXIT_CLEAN, EXIT_USAGE_OR_IO } from '../commands/check.js';
import type { CliIO } from '../io.js';
import { writeAllOrNothing } from '../write-outputs.js';
import { dmnParameters, exportDmn, type DateNeeded, type DmnNote, type DmnPolicy } from './export-dmn.js';

/**
 * `compile --target dmn`: one `.dmn` file beside where the file's JSON would go, for each source
 * file with a decision table, a förloppsmodell or a pilot; all or nothing, as the JSON target. What
 * DMN cannot hold is printed as a note naming the element; the compile still succeeds. With `--date`,
 * every parameter is written as its value that day (the runtime's version lookup). Without it, a
 * parameter that changes value while a table reading it is in force would have to be frozen at one
 * of its values: nothing is written, each such parameter is named with its versions, and the exit
 * code is 2 (say which day with `--date`).
 */
export async function writeDmn(files: ReadonlyArray<{ compiled: CompiledPolicyFile; target: string }>, outFolder: string, options: CliOptions, io: CliIO): Promise<number> {
    const policy = dmnPolicy(files.map(file => file.compiled), options.date);
    const parameters = dmnParameters(files.map(file => file.compiled));
    const outputs: Array<{ target: string; data: string }> = [];
    const notes: DmnNote[] = [];
    const needsDate: DateNeeded[] = [];
    for (const file of files) {
        const exported = exportDmn(file.compiled, policy, parameters);
        if (!exported) {
            continue;
        }
        notes.push(...exported.notes);
        needsDate.push(...exported.needsDate);
        if (exported.decisions > 0) {
            outputs.push({ target: path.resolve(io.cwd, outFolder, file.target.replace(/\.json$/, '.dmn')), data: exported.xml });
        }
    }
    if (needsDate.length > 0) {
        for (const needed of needsDate) {
            io.stderr.write(`${dateNeededText(needed, options.locale)}\n`);
        }
        io.stderr.write(`${options.locale === 'sv' ? 'Inga DMN-filer skrivna.' : 'No DMN files written.'}\n`);
        return EXIT_USAGE_OR_IO;
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

/** A parameter that changes while a table reading it is in force, with its versions there, and what to do. */
function dateNeededText(needed: DateNeeded, locale: 'sv' | 'en'): string {
    const versions = needed.versions.map(version => {
        const value = `${version.value.value}${version.value.unit === '%' ? ' %' : ''}`;
        const period = version.undated ? '' : locale === 'sv'
            ? ` från ${version.from}${version.to ? ` till ${version.to}` : ''}`
            : ` from ${version.from}${version.to ? ` to ${version.to}` : ''}`;
        return `${value}${period}`;
    }).join(', ');
    return locale === 'sv'
        ? `Beslutstabellen ${needed.table} läser parametern ${needed.parameter}, som har ${needed.versions.length} värden medan tabellen gäller (${versions}), och DMN har inga datum. Ange vilken dags värden som ska exporteras med --date ÅÅÅÅ-MM-DD.`
        : `Decision table ${needed.table} reads parameter ${needed.parameter}, which has ${needed.versions.length} values while the table is in force (${versions}), and DMN has no dates. Say which day's values to export with --date YYYY-MM-DD.`;
}

function dmnSummary(written: number, folder: string, locale: 'sv' | 'en'): string {
    if (locale === 'sv') {
        return written === 0 ? 'Inga beslut att skriva som DMN (inga beslutstabeller, förloppsmodeller eller piloter).' : `${written} DMN-${written === 1 ? 'fil' : 'filer'} ${written === 1 ? 'skriven' : 'skrivna'} till ${folder}.`;
    }
    return written === 0 ? 'No decisions to write as DMN (no decision tables, förlopp models or pilots).' : `${written} DMN ${written === 1 ? 'file' : 'files'} written to ${folder}.`;
}
