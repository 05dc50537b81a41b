import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { NodeFileSystem } from 'langium/node';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, elementProse } from '@regelratt/language';

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

async function compiledSet(set: string): Promise<{ files: CompiledPolicyFile[]; writer: string[] }> {
    const folder = path.join(repository, 'examples', set);
    const names = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
    // From disk: a set may import the national library (`använd nationellt`).
    const { Regelratt } = createRegelrattServices(NodeFileSystem);
    const checked = await checkPolicies(Regelratt, names.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
    const prose = checked.flatMap(c => [...elementProse(c.document.parseResult.value, c.document.textDocument.getText()).values()]);
    return { files: checked.map(c => compilePolicy(c.document.parseResult.value, path.basename(c.path))), writer: prose };
}

/**
 * The names the document must not show: each that differs from its title. A name that is an ordinary
 * word of the writer's own text (a title, a description, a doc comment: `hög` in "Redan hög") cannot be
 * told from that word in prose, so only the names the writer never uses as a word are looked for; names
 * with an underscore are caught whatever the writer wrote.
 */
function forbiddenNames(files: readonly CompiledPolicyFile[], writer: readonly string[]): Set<string> {
    const labelled: Array<{ name: string; title?: string }> = [];
    const texts = [...writer];
    for (const element of files.flatMap(f => f.elements)) {
        // A law's abbreviation (`SoL 4 kap 1 §`) is how a reader cites it; a law name that is not one is looked for.
        if (!(element.kind === 'law' && /^\p{L}+$/u.test(element.name))) {
            labelled.push(element);
        }
        texts.push(element.title ?? '', 'description' in element && typeof element.description === 'string' ? element.description : '');
        if (element.kind === 'attribute' && element.domain.type === 'enumeration') {
            labelled.push(...element.domain.values);
            texts.push(...element.domain.values.map(v => v.title ?? ''));
        }
        if (element.kind === 'pathwayModel') {
            labelled.push(...element.pathways);
            texts.push(...element.pathways.flatMap(p => [p.title ?? '', p.description ?? '']));
        }
        if (element.kind === 'guideline') {
            texts.push(...element.obligations.map(o => o.text));
        }
    }
    const words = new Set(texts.join(' ').toLowerCase().split(/[^\p{L}\p{N}_]+/u));
    return new Set(labelled
        .filter(l => l.title !== undefined && l.title.toLowerCase() !== l.name.toLowerCase() && !words.has(l.name.toLowerCase()) && l.name.length > 1)
        .map(l => l.name));
}

function htmlText(html: string): string {
    return html
        .replace(/<style>[\s\S]*?<\/style>/g, '')
        .replace(/<section id="namn"[\s\S]*?<\/section>/g, '')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** Every identifier in the text, each with a few words around it so a failure says where. */
function identifiersIn(text: string, forbidden: ReadonlySet<string>): string[] {
    const found: string[] = [];
    const flat = text.replace(/\s+/g, ' ');
    for (const match of flat.matchAll(/[\p{L}\p{N}]+(?:_[\p{L}\p{N}]+)+/gu)) {
        found.push(`${match[0]} in "…${flat.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40)}…"`);
    }
    for (const name of forbidden) {
        const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, 'gu');
        for (const match of flat.matchAll(pattern)) {
            found.push(`${match[0]} in "…${flat.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40)}…"`);
        }
    }
    return [...new Set(found)];
}

describe('the document speaks in titles, not identifiers', () => {
    // Every set in Swedish; the richest, Örebro, in English too (the same words, the other language's frame).
    test.each([...sets.map(set => [set, 'sv']), ['orebro', 'en']])('examples/%s (%s): no identifier in the HTML or the PDF outside the names appendix', async (set, locale) => {
        const out = path.join(scratch, `${set}-${locale}`);
        const run = spawnSync(process.execPath, [bin, 'dokument', path.join(repository, 'examples', set), '-o', out, '--lang', locale], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        const { files, writer } = await compiledSet(set);
        const forbidden = forbiddenNames(files, writer);
        const html = readFileSync(path.join(out, 'dokument.html'), 'utf8');
        const inHtml = identifiersIn(htmlText(html), forbidden);
        expect(inHtml, `HTML:\n${inHtml.join('\n')}`).toEqual([]);
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
