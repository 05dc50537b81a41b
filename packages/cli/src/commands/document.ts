import * as path from 'node:path';
import { buildDocument, pdfDefinition, renderHtml, type PolicyDocument } from '@regelratt/document';
import { elementProse, pathwayRegions } from '@regelratt/language';
import type { CliOptions } from '../arguments.js';
import { notCompiled } from '../cli-messages.js';
import { compileInMemory } from '../compile-in-memory.js';
import type { CliIO } from '../io.js';
import { loadWorkspace } from '../load-workspace.js';
import { writeAllOrNothing } from '../write-outputs.js';
import { EXIT_CLEAN, EXIT_POLICY_ERRORS, EXIT_USAGE_OR_IO, printDiagnostics } from './check.js';

/**
 * `regelratt dokument <files or folders> -o <folder>`: the policy set as the document the nämnd
 * decides, `dokument.html` (self-contained, prints well) and `dokument.pdf`, from the same document
 * model (@regelratt/document) the studio shows. A policy with errors gets no document: it has no
 * answers to show; warnings go in its appendix.
 */
export async function runDocument(options: CliOptions, outFolder: string, io: CliIO): Promise<number> {
    const loaded = await loadWorkspace(options, io.cwd);
    if (!loaded.ok) {
        printDiagnostics(loaded.problems, 0, options, io);
        return EXIT_USAGE_OR_IO;
    }
    const { diagnostics, checked, root } = loaded.workspace;
    printDiagnostics(diagnostics, checked.length, options, io);
    if (diagnostics.some(d => d.severity === 'error')) {
        io.stderr.write(`${notCompiled(options.locale)}\n`);
        return EXIT_POLICY_ERRORS;
    }
    const prose = new Map<string, string>();
    for (const { document } of checked) {
        for (const [id, text] of elementProse(document.parseResult.value, document.textDocument.getText())) {
            prose.set(id, text);
        }
    }
    const files = compileInMemory(loaded.workspace);
    const model = buildDocument({
        files,
        regions: pathwayRegions(files, options.locale),
        prose,
        findings: diagnostics,
        locale: options.locale,
        fallbackTitle: path.basename(root),
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
    io.stderr.write(options.locale === 'sv'
        ? `Dokumentet skrivet till ${path.join(outFolder, 'dokument.html')} och ${path.join(outFolder, 'dokument.pdf')}.\n`
        : `The document was written to ${path.join(outFolder, 'dokument.html')} and ${path.join(outFolder, 'dokument.pdf')}.\n`);
    return EXIT_CLEAN;
}

/**
 * The PDF through pdfmake with the standard PDF fonts (nothing to download or embed). pdfmake is
 * loaded only here, so the other commands start without it; it may read only pdfkit's font metrics
 * from disk and nothing from the network.
 */
const HELVETICA = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' };
const STANDARD_FONTS = new Set(Object.values(HELVETICA));

async function renderPdf(model: PolicyDocument): Promise<Uint8Array> {
    const { default: pdfmake } = await import('pdfmake');
    pdfmake.setFonts({ Helvetica: HELVETICA });
    pdfmake.setUrlAccessPolicy(() => false);
    // The standard fonts' metrics are the only files it may open (it asks by font name).
    pdfmake.setLocalAccessPolicy(file => STANDARD_FONTS.has(file));
    return pdfmake.createPdf(pdfDefinition(model), { info: undefined }).getBuffer();
}

