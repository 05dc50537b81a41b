import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { caseLeaksIn, caseOnlyNames, compiledSet, forbiddenNames, identifiersIn } from './identifier-scanner.js';

/**
 * The document a nämnd signs is written in the policy's titles, never its identifiers: the rendered
 * HTML and the PDF's text of every example set are scanned for any `name_with_underscore` and for any
 * name of an element, attribute, enumeration value, förlopp or example that differs from its title.
 * A law's abbreviation is how Swedish texts cite it (`SoL 4 kap 1 §`) and is allowed.
 * The one place names may stand is the appendix that maps titles to names ("Bilaga: namn i reglerna").
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-document-identifiers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const sets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true }).filter(e => e.isDirectory() && e.name !== 'broken').map(e => e.name).sort();

const APPENDIX = 'Bilaga: namn i reglerna';

function htmlText(html: string): string {
    return html
        .replace(/<style>[\s\S]*?<\/style>/g, '')
        .replace(/<section id="namn"[\s\S]*?<\/section>/g, '')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('the document speaks in titles, not identifiers', () => {
    // Every set in Swedish; the richest, Örebro, in English too (the same words, the other language's frame).
    test.each([...sets.map(set => [set, 'sv']), ['orebro', 'en']])('examples/%s (%s): no identifier in the HTML or the PDF outside the names appendix', async (set, locale) => {
        const out = path.join(scratch, `${set}-${locale}`);
        const run = spawnSync(process.execPath, [bin, 'dokument', path.join(repository, 'examples', set), '-o', out, '--lang', locale], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        const { files, writer } = await compiledSet(path.join(repository, 'examples', set));
        const forbidden = forbiddenNames(files, writer);
        const html = readFileSync(path.join(out, 'dokument.html'), 'utf8');
        const inHtml = identifiersIn(htmlText(html), forbidden);
        expect(inHtml, `HTML:\n${inHtml.join('\n')}`).toEqual([]);
        // A name that differs from its title only in case (`tätort`, "Tätort"), where only the title belongs.
        const shownHtml = html.replace(/<section id="namn"[\s\S]*?<\/section>/g, '').replace(/\u00a0/g, ' ');
        const inCase = caseLeaksIn(shownHtml, caseOnlyNames(files));
        expect(inCase, `HTML:\n${inCase.join('\n')}`).toEqual([]);
        const pdf = spawnSync('pdftotext', [path.join(out, 'dokument.pdf'), '-'], { encoding: 'utf8' });
        if (pdf.error) {
            console.warn('\n*** pdftotext (poppler-utils) is missing: the PDF\'s text was NOT scanned (apt-get install poppler-utils). ***\n');
            return;
        }
        // The appendix is the document's last section: its heading's last occurrence (the first is in the contents).
        const appendix = locale === 'sv' ? APPENDIX : 'Appendix: names in the rules';
        const at = pdf.stdout.lastIndexOf(appendix);
        const body = at > pdf.stdout.indexOf(appendix) ? pdf.stdout.slice(0, at) : pdf.stdout;
        const inPdf = identifiersIn(body, forbidden);
        expect(inPdf, `PDF:\n${inPdf.join('\n')}`).toEqual([]);
    });
});
