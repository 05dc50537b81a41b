import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { nodes, popplerStructure, rawStructure, textOf, type StructNode } from './pdf-structure.js';

/**
 * `dokument.pdf` is a tagged PDF, as the law on accessible digital public services (2018:1937) asks of
 * what a municipality publishes: read back from the file, its structure tree has the document's
 * headings in order, tables whose first row is header cells, charts as figures with alternative text,
 * the language and the title, the page numbers outside the structure, every font embedded, the
 * contents' entries as links to their headings, and the PDF/UA identifier in the XMP metadata. The
 * HTML written by the same run, from the same document model, says what the PDF must hold.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-document-pdf-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Text compared as read: HTML entities undone, every kind of space dropped (the PDF's line breaks fall elsewhere). */
function plain(text: string): string {
    return text.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/[\s\u00a0\u202f\u2009]+/g, '');
}

function htmlParts(html: string) {
    return {
        title: plain(/<title>(.*?)<\/title>/.exec(html)?.[1] ?? ''),
        headings: [...html.matchAll(/<h([1-6])>(.*?)<\/h\1>/g)].map(m => ({ type: `H${m[1]}`, text: plain(m[2]) })),
        tables: [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(m => [...m[1].matchAll(/<th[^>]*>(.*?)<\/th>/g)].map(cell => plain(cell[1]))),
        figures: [...html.matchAll(/<figure>[\s\S]*?<figcaption>(.*?)<\/figcaption><\/figure>/g)].map(m => plain(m[1])),
    };
}

function inToc(root: StructNode): Set<StructNode> {
    return new Set(nodes(root).filter(node => node.type === 'TOC').flatMap(toc => nodes(toc)));
}

describe('the document\'s PDF is tagged', () => {
    test.each([['habo', 'sv'], ['orebro', 'sv'], ['orebro', 'en']])('examples/%s (%s): headings, tables, figures, language and title read back from the file', (set, locale) => {
        const out = path.join(scratch, `${set}-${locale}`);
        const run = spawnSync(process.execPath, [bin, 'dokument', path.join(repository, 'examples', set), '-o', out, '--lang', locale], { encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        const file = path.join(out, 'dokument.pdf');
        const html = htmlParts(readFileSync(path.join(out, 'dokument.html'), 'utf8'));
        expect(html.tables.length).toBeGreaterThan(0);
        const bytes = readFileSync(file);

        // From the file's own objects: no tool needed.
        const raw = rawStructure(bytes);
        expect(raw.lang).toBe(locale === 'sv' ? 'sv-SE' : 'en');
        expect(raw.displayDocTitle).toBe(true);
        expect(raw.root.children.map(child => child.type)).toEqual(['Document']);
        const all = nodes(raw.root);
        // The contents' heading sits where the HTML's does, inside the TOC; the chapters' headings follow in order.
        expect(all.filter(node => /^H\d$/.test(node.type)).map(node => node.type)).toEqual(html.headings.map(h => h.type));
        const tables = all.filter(node => node.type === 'Table');
        expect(tables.length).toBe(html.tables.length);
        tables.forEach((table, index) => {
            const rows = table.children.filter(child => child.type === 'TR');
            expect(rows[0].children.map(cell => `${cell.type} ${cell.scope}`)).toEqual(html.tables[index].map(() => 'TH Column'));
            for (const row of rows.slice(1)) {
                expect(row.children.every(cell => cell.type === 'TD'), `table ${index + 1}: a body row of data cells`).toBe(true);
            }
        });
        const figures = all.filter(node => node.type === 'Figure');
        expect(figures.length).toBe(html.figures.length);
        figures.forEach((figure, index) => {
            expect(plain(figure.alt ?? ''), `figure ${index + 1} has alternative text naming its chart`).toContain(html.figures[index]);
        });
        // The contents link to their headings: each entry's Link element holds its link annotation as an
        // OBJR (how PDF/UA ties an annotation into the structure), on a page that orders annotations by
        // the structure, with the heading's text as its description, going to the page the heading is on.
        const toc = all.find(node => node.type === 'TOC')!;
        const inContents = new Set(nodes(toc));
        const listed = all.filter(node => !inContents.has(node) && (node.type === 'H2' || node.type === 'H3'));
        const links = nodes(toc).filter(node => node.type === 'Link');
        expect(links.length).toBe(nodes(toc).filter(node => node.type === 'TOCI').length);
        expect(links.length).toBe(listed.length);
        const contentsHeading = plain(locale === 'sv' ? 'Innehåll' : 'Contents');
        const listedTexts = html.headings.filter(h => (h.type === 'H2' || h.type === 'H3') && h.text !== contentsHeading).map(h => h.text);
        expect(listedTexts.length).toBe(listed.length);
        links.forEach((link, index) => {
            expect(link.annotations, `contents entry ${index + 1}`).toHaveLength(1);
            const [annotation] = link.annotations!;
            expect(annotation.subtype).toBe('Link');
            expect(annotation.tabsByStructure).toBe(true);
            expect(plain(annotation.contents ?? '')).toBe(listedTexts[index]);
            expect(annotation.destination?.page, `contents entry ${index + 1} (${listedTexts[index]}) goes to its heading's page`).toBe(listed[index].page);
            expect(listed[index].page).toBeGreaterThan(annotation.page);
        });
        // The PDF/UA identifier in the XMP metadata, with the title it asks for there too. (No conformance
        // checker such as veraPDF is installed here: this reads what the file claims and what it holds,
        // element by element, and does not prove PDF/UA-1 conformance.)
        expect(raw.metadata).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
        expect(raw.metadata).toContain('<dc:title>');

        // Every font embedded (PDF/UA asks it; the standard fonts have no minus sign): each descriptor carries its font file.
        const latin1 = bytes.toString('latin1');
        const descriptors = latin1.match(/\/Type \/FontDescriptor[\s\S]*?>>/g) ?? [];
        expect(descriptors.length).toBeGreaterThan(0);
        expect(descriptors.every(descriptor => /\/FontFile2? \d+ 0 R/.test(descriptor))).toBe(true);
        expect(latin1).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);

        // With their text, from poppler.
        const tree = popplerStructure(file);
        if (!tree) {
            console.warn('\n*** pdfinfo (poppler-utils) is missing: the PDF\'s structure was checked from its objects, but its TEXT was NOT (apt-get install poppler-utils). ***\n');
            return;
        }
        const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
        expect(info).toMatch(/Tagged:\s+yes/);
        expect(plain(/Title:\s+(.*)/.exec(info)?.[1] ?? '')).toBe(html.title);
        const read = nodes(tree);
        expect(read.filter(node => /^H\d$/.test(node.type)).map(node => ({ type: node.type, text: plain(textOf(node)) }))).toEqual(html.headings);
        const readTables = read.filter(node => node.type === 'Table');
        readTables.forEach((table, index) => {
            const header = table.children.find(child => child.type === 'TR');
            expect(header?.children.map(cell => plain(textOf(cell)))).toEqual(html.tables[index]);
        });
        // The page numbers are artifacts: nowhere in the structure.
        const readContents = inToc(tree);
        const texts = read.filter(node => !readContents.has(node)).map(node => node.text);
        expect(texts.some(text => /^\d+ \/ \d+$/.test(text.trim()))).toBe(false);
    });

    test('each page is numbered, the contents give each chapter\'s page, and no page ends with a heading', () => {
        const out = path.join(scratch, 'orebro-sv');
        const file = path.join(out, 'dokument.pdf');
        // Written by the test above when it ran; written here when this test runs alone.
        if (!existsSync(file)) {
            expect(spawnSync(process.execPath, [bin, 'dokument', path.join(repository, 'examples/orebro'), '-o', out], { encoding: 'utf8' }).status).toBe(0);
        }
        const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        if (run.error) {
            console.warn('\n*** pdftotext (poppler-utils) is missing: the PDF\'s pages were NOT checked (apt-get install poppler-utils). ***\n');
            expect(rawStructure(readFileSync(file)).root.children.length).toBe(1);
            return;
        }
        const pages = run.stdout.split('\f').slice(0, -1);
        // The embedded font has the minus sign (a net effect's −6 609 kr/mån) and the arrow; no stand-ins.
        expect(run.stdout).toMatch(/−6[ \u00a0]609[ \u00a0]kr/);
        // (An en dash between figures is a range, `1–3`, and stays.)
        expect(run.stdout).not.toMatch(/(?<![\p{L}\p{N}])–\d|->/u);
        const headings = htmlParts(readFileSync(path.join(out, 'dokument.html'), 'utf8')).headings.map(h => h.text);
        pages.forEach((page, index) => {
            const lines = page.split('\n').map(line => line.trim()).filter(line => line !== '');
            expect(lines.at(-1), `page ${index + 1}`).toBe(`${index + 1} / ${pages.length}`);
            expect(headings, `page ${index + 1} ends with a heading:\n${page}`).not.toContain(plain(lines.at(-2) ?? ''));
        });
        // The contents say where each chapter starts: "Avgifter … 6" and page 6 has the heading.
        const contents = pages[1].split('\n').map(line => /^\s*(\S.*?)\s{2,}(\d+)$/.exec(line)).filter(m => m !== null);
        expect(contents.length).toBeGreaterThan(5);
        for (const [, title, page] of contents) {
            expect(pages[Number(page) - 1].replace(/\s+/g, ' '), `${title} on page ${page}`).toContain(title.replace(/\s+/g, ' '));
        }
    });
});
