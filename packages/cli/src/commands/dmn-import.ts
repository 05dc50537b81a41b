import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { checkPolicies, createRegelrattServices, grammarKeywords, renderMessage, type DiagnosticCode } from '@regelratt/language';
import type { CliOptions } from '../arguments.js';
import type { CliIO } from '../io.js';
import { systemErrorText } from '../system-errors.js';
import { writeAllOrNothing } from '../write-outputs.js';
import { DmnReadError, importDmn } from '../dmn/import-dmn.js';
import { EXIT_CLEAN, EXIT_POLICY_ERRORS, EXIT_USAGE_OR_IO } from './check.js';

/**
 * `regelratt dmn import <file.dmn> [-o folder]`: the file's decision tables as `.regel` (printed, or
 * written atomically to `<folder>/<name>.regel`), and a note on stderr for every element that
 * could not be said, naming its XML id. Exit 1 when any element was left out, so a script notices.
 */
export async function runDmnImport(options: CliOptions, file: string, io: CliIO): Promise<number> {
    const source = path.resolve(io.cwd, file);
    let xml: string;
    try {
        const stat = await fs.stat(source);
        if (stat.size > options.maxFileBytes) {
            io.stderr.write(`regelratt: ${options.locale === 'sv' ? `${file} är större än gränsen (--max-file-size).` : `${file} is larger than the limit (--max-file-size).`}\n`);
            return EXIT_USAGE_OR_IO;
        }
        xml = await fs.readFile(source, 'utf8');
    } catch (error) {
        io.stderr.write(`regelratt: ${options.locale === 'sv' ? 'Kan inte läsa' : 'Cannot read'} ${file}: ${systemErrorText(error, options.locale)}\n`);
        return EXIT_USAGE_OR_IO;
    }
    const { Regelratt: services } = createRegelrattServices(EmptyFileSystem);
    let imported;
    try {
        imported = await importDmn(xml, new Set(grammarKeywords(services.Grammar)));
    } catch (error) {
        if (error instanceof DmnReadError) {
            io.stderr.write(`regelratt: ${file}: ${error[options.locale]}\n`);
            return EXIT_USAGE_OR_IO;
        }
        throw error;
    }
    for (const note of imported.notes) {
        io.stderr.write(`${file}: ${options.locale === 'sv' ? 'inte importerat' : 'not imported'}: ${note[options.locale]}\n`);
    }
    // A name the parser takes only in some places (an attribute called `belopp`) is written as it is:
    // the text is parsed here, so such a line is named now rather than at the next `check`.
    const [written] = await checkPolicies(services, [{ path: '/dmn-import/importerad.regel', text: imported.text }]);
    const unreadable = written.diagnostics.filter(d => d.code === 'syntax-error');
    for (const problem of unreadable) {
        const message = renderMessage(problem.code as DiagnosticCode, problem.args, options.locale);
        io.stderr.write(`${file}: ${options.locale === 'sv' ? `den skrivna texten går inte att läsa på rad ${problem.line}` : `the written text does not parse at line ${problem.line}`}: ${message}\n`);
    }
    if (options.out === undefined) {
        io.stdout.write(imported.text);
    } else {
        const target = path.resolve(io.cwd, options.out, `${path.basename(file).replace(/\.(dmn|xml)$/i, '')}.regel`);
        const failed = await writeAllOrNothing([{ target, data: imported.text }], options.out, options.locale, io);
        if (failed !== undefined) {
            return failed;
        }
        const calculations = imported.calculations === 0 ? '' : options.locale === 'sv' ? ` och ${imported.calculations} beräkningar` : ` and ${imported.calculations} calculations`;
        io.stderr.write(`${options.locale === 'sv' ? `${imported.tables} beslutstabeller${calculations} skrivna till` : `${imported.tables} decision tables${calculations} written to`} ${path.relative(io.cwd, target) || target}.\n`);
    }
    return imported.notes.length > 0 || unreadable.length > 0 ? EXIT_POLICY_ERRORS : EXIT_CLEAN;
}
