import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { buildDocument, renderHtml, type PolicyDocument } from '@regelratt/document';
import { pathwayRegions } from '@regelratt/analyses';
import { elementProse } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';
import type { CliOptions } from '../arguments.js';
import { notCompiled } from '../cli-messages.js';
import { compileInMemory } from '../compile-in-memory.js';
import type { CliIO } from '../io.js';
import { exampleResultText } from '../example-output.js';
import { shown } from '../input-files.js';
import { loadWorkspace } from '../load-workspace.js';
import { writeAllOrNothing } from '../write-outputs.js';
import { EXIT_CLEAN, EXIT_POLICY_ERRORS, EXIT_USAGE_OR_IO, printDiagnostics } from './check.js';

/**
 * `regelratt dokument <files or folders> -o <folder>`: the policy set as the document the nämnd
 * decides, `dokument.html` (self-contained, prints well) and `dokument.pdf`, from the same document
 * model (@regelratt/document) the studio shows. A policy with errors gets no document: it has no
 * answers to show; nor one whose examples fail, unless `--draft` asks for a draft (marked as one on
 * every page, each failing example with the runtime's answer); warnings go in its appendix.
 */
export async function runDocument(options: CliOptions, outFolder: string, io: CliIO): Promise<number> {
    const sv = options.locale === 'sv';
    const loaded = await loadWorkspace(options, io.cwd);
    if (!loaded.ok) {
        printDiagnostics(loaded.problems, 0, options, io);
        return EXIT_USAGE_OR_IO;
    }
    const { diagnostics, checked, root } = loaded.workspace;
    const checkedFiles = checked.filter(c => !c.library).length;
    if (diagnostics.some(d => d.severity === 'error')) {
        printDiagnostics(diagnostics, checkedFiles, options, io);
        io.stderr.write(`${notCompiled(options.locale)}\n`);
        return EXIT_POLICY_ERRORS;
    }
    const files = compileInMemory(loaded.workspace);
    // A document shows the policy's worked examples as answered by the runtime: one whose examples do
    // not hold would put before the nämnd figures the rules do not give. Unless a draft is asked for.
    // They run before the summary, so it can say that the check found no error but examples fail.
    const failing = runExamples(new PolicyRuntime(files, { validate: false })).filter(result => !result.passed);
    printDiagnostics(diagnostics, checkedFiles, options, io, undefined, failing.length);
    const prose = new Map<string, string>();
    for (const { document } of checked) {
        for (const [id, text] of elementProse(document.parseResult.value, document.textDocument.getText())) {
            prose.set(id, text);
        }
    }
    if (failing.length > 0) {
        for (const result of failing) {
            const file = shown(path.join(root, result.example.source.file), io.cwd);
            io.stderr.write(`${file}:${result.example.source.line}:${result.example.source.column}: ${sv ? 'fel' : 'error'}: ${exampleResultText(result, options.locale)}\n`);
        }
        if (!options.draft) {
            io.stderr.write(sv
                ? `Inget dokument skrevs: ${failing.length} av policyns exempel stämmer inte. Rätta reglerna eller exemplen, eller skriv ett utkast med --draft.\n`
                : `No document was written: ${failing.length} of the policy's examples do not hold. Fix the rules or the examples, or write a draft with --draft.\n`);
            return EXIT_POLICY_ERRORS;
        }
    }
    const model = buildDocument({
        draft: options.draft,
        files,
        regions: pathwayRegions(files, options.locale),
        prose,
        findings: diagnostics,
        locale: options.locale,
    });
    const pdf = await renderPdf(model);
    const folder = path.resolve(io.cwd, outFolder);
    const failed = await writeAllOrNothing([
        { target: path.join(folder, 'dokument.html'), data: renderHtml(model) },
        { target: path.join(folder, 'dokument.pdf'), data: pdf },
    ], outFolder, options.locale, io);
    if (failed !== undefined) {
        return failed;
    }
    io.stderr.write(sv
        ? `${options.draft ? 'Utkastet' : 'Dokumentet'} skrivet till ${path.join(outFolder, 'dokument.html')} och ${path.join(outFolder, 'dokument.pdf')}.\n`
        : `The ${options.draft ? 'draft' : 'document'} was written to ${path.join(outFolder, 'dokument.html')} and ${path.join(outFolder, 'dokument.pdf')}.\n`);
    // A draft of a policy whose examples fail is written, and the run still says they fail.
    return failing.length > 0 ? EXIT_POLICY_ERRORS : EXIT_CLEAN;
}

/**
 * The tagged PDF (@regelratt/document/pdf, pdfkit underneath) with the DejaVu Sans fonts the document
 * package ships in `fonts/`, embedded so the minus sign, arrows and no-break spaces print. Loaded only
 * here, so the other commands start without pdfkit.
 */
async function renderPdf(model: PolicyDocument): Promise<Uint8Array> {
    const { renderPdf: render } = await import('@regelratt/document/pdf');
    const fonts = path.join(path.dirname(createRequire(import.meta.url).resolve('@regelratt/document/package.json')), 'fonts');
    const [regular, bold, italic] = await Promise.all(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'].map(file => readFile(path.join(fonts, file))));
    return render(model, { regular, bold, italic });
}
