import { chartSvg, regionChartSvg } from './chart-svg.js';
import type { DocumentBlock, DocumentSection, PolicyDocument } from './document-model.js';
import { typeset } from './typography.js';

/**
 * The document as a pdfmake document definition (plain data; the caller owns pdfmake and its
 * fonts): a title page, a table of contents with page numbers, the chapters one after another (each
 * heading kept with its content, each table with the chart drawn from it),
 * tables with repeated headers, charts from the same SVG as the HTML. Written for the standard PDF
 * fonts (Helvetica), whose encoding has å, ä, ö, é, × and – but not the mathematical signs, so those
 * are spelt out as they would be typed (`>=`, `->`).
 */
export function pdfDefinition(document: PolicyDocument): Record<string, unknown> {
    const sv = document.locale === 'sv';
    const content: unknown[] = [
        { text: pdfText(document.title), style: 'title' },
        ...document.facts.map(([term, value]) => ({ columns: [{ text: pdfText(term), bold: true, width: 130 }, { text: pdf(value) }], margin: [0, 2, 0, 2] })),
        { text: sv ? 'Sammanställd av Regelrätt ur de kontrollerade policyfilerna.' : 'Compiled by Regelrätt from the checked policy files.', style: 'note', margin: [0, 30, 0, 0] },
        { toc: { title: { text: sv ? 'Innehåll' : 'Contents', style: 'h2' } }, pageBreak: 'before' },
        ...document.sections.flatMap(section => renderSection(section, 2, document.locale)),
    ];
    return {
        info: { title: pdfText(document.title), creator: 'Regelrätt', producer: 'Regelrätt' },
        pageSize: 'A4',
        pageBreakBefore: keepHeadingWithContent,
        pageMargins: [50, 56, 50, 56],
        content,
        footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8, color: '#555', margin: [0, 20, 0, 0] }),
        // A draft says so on every page, above the text and across it.
        ...(document.draft ? {
            header: { text: pdfText(document.draft), alignment: 'center', bold: true, fontSize: 9, color: '#8a5a00', margin: [50, 24, 50, 0] },
            watermark: { text: sv ? 'UTKAST' : 'DRAFT', color: '#8a5a00', opacity: 0.12, bold: true },
        } : {}),
        defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2 },
        styles: {
            title: { fontSize: 24, bold: true, margin: [0, 120, 0, 30] },
            h2: { fontSize: 16, bold: true, color: '#0b3d66', margin: [0, 0, 0, 10] },
            h3: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
            h4: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
            note: { italics: true, color: '#444' },
            tableHeader: { bold: true, fillColor: '#eef3f8' },
        },
    };
}

function renderSection(section: DocumentSection, level: number, locale: 'sv' | 'en'): unknown[] {
    const style = `h${Math.min(level, 4)}`;
    return [
        // Chapters follow on (a page each left many nearly empty); a heading is kept with what follows it.
        { text: pdfText(section.title), style, tocItem: level <= 3, tocMargin: [(level - 2) * 12, 0, 0, 0], headlineLevel: level },
        ...keepTablesWithCharts(section.blocks.map(block => renderBlock(block, locale)), section.blocks),
        ...section.children.flatMap(child => renderSection(child, level + 1, locale)),
    ];
}

/**
 * pdfmake asks this of every node: move a heading to the next page when nothing but headings follows
 * it on its own, or when it stands in the last fifth of the page with at most two short nodes after it
 * there (a heading and a line of prose, the table they introduce overleaf).
 */
export function keepHeadingWithContent(
    node: { headlineLevel?: number; startPosition?: { verticalRatio?: number } },
    nodes: { getFollowingNodesOnPage(): Array<{ headlineLevel?: number }>; getNodesOnNextPage?(): unknown[] },
): boolean {
    if (node.headlineLevel === undefined) {
        return false;
    }
    const following = nodes.getFollowingNodesOnPage();
    if (following.every(other => other.headlineLevel !== undefined)) {
        return (nodes.getNodesOnNextPage?.().length ?? 1) > 0;
    }
    return (node.startPosition?.verticalRatio ?? 0) > 0.8 && following.length <= 2;
}

/**
 * A table followed by the chart drawn from it (a level table, a fee's caps) as one block that is not
 * split across pages, so the reader sees both at once; a table too long for a page stays breakable.
 */
function keepTablesWithCharts(rendered: unknown[], blocks: readonly DocumentBlock[]): unknown[] {
    const out: unknown[] = [];
    for (let index = 0; index < rendered.length; index++) {
        const block = blocks[index];
        const next = blocks[index + 1];
        if (block.type === 'table' && next?.type === 'chart' && block.rows.length <= 30) {
            out.push({ stack: [rendered[index], rendered[index + 1]], unbreakable: true });
            index++;
        } else {
            out.push(rendered[index]);
        }
    }
    return out;
}

function renderBlock(block: DocumentBlock, locale: 'sv' | 'en'): unknown {
    switch (block.type) {
        case 'paragraph':
            return { text: pdf(block.text), margin: [0, 3, 0, 6], ...(block.style === 'note' ? { style: 'note' } : {}) };
        case 'list':
            return { ul: block.items.map(item => ({ text: pdf(item) })), margin: [0, 2, 0, 8] };
        case 'facts':
            return { stack: block.items.map(([term, value]) => ({ columns: [{ text: pdfText(term), bold: true, width: 110 }, { text: pdf(value) }] })), margin: [0, 2, 0, 8] };
        case 'table':
            return {
                table: {
                    headerRows: 1,
                    dontBreakRows: true,
                    widths: block.header.map((_, i) => (block.numeric?.[i] ? 'auto' : '*')),
                    body: [
                        block.header.map((h, i) => ({ text: pdfText(h), style: 'tableHeader', ...(block.numeric?.[i] ? { alignment: 'right' } : {}) })),
                        ...block.rows.map(row => row.map((cell, i) => ({ text: pdf(cell), ...(block.numeric?.[i] ? { alignment: 'right' } : {}) }))),
                    ],
                },
                layout: { hLineColor: '#bbbbbb', vLineColor: '#bbbbbb' },
                fontSize: 9,
                margin: [0, 4, 0, 10],
            };
        case 'regions':
            return { stack: [{ svg: regionChartSvg({ ...block.chart, regions: block.chart.regions.map(r => ({ text: pdfText(r.text), placement: pdfText(r.placement) })) }), width: 460 }, { text: pdfText(block.chart.title), style: 'note', fontSize: 9 }], margin: [0, 6, 0, 10] };
        case 'chart':
            return { stack: [{ svg: chartSvg({ ...block.chart, series: block.chart.series.map(s => ({ ...s, name: pdfText(s.name) })) }, locale), width: 460 }, { text: pdfText(block.chart.title), style: 'note', fontSize: 9 }], margin: [0, 6, 0, 10] };
    }
}

/**
 * Characters outside the standard fonts' encoding, as a writer would type them; the minus as the
 * en dash, which Swedish print uses for it where the font has no minus sign.
 */
const REPLACEMENTS: Record<string, string> = {
    '−': '–', '≥': '>=', '≤': '<=', '≠': '!=', '→': '->', '←': '<-', '’': "'", '“': '"', '”': '"', '\u202f': ' ', '\u2009': ' ',
};

export function pdfText(text: string): string {
    return text.replace(/[−≥≤≠→←’“”\u202f\u2009]/g, c => REPLACEMENTS[c] ?? c);
}

/**
 * A text for pdfmake with each change (`5 -> 8`) and each negative figure (`–51 kr`) as an inline that
 * does not wrap: pdfmake would otherwise break after the `-` of `->` or after the dash, the two
 * stand-ins the standard fonts need. Typeset text (typography.ts) glues the figures to them already.
 */
export function pdfInlines(text: string): string | Array<string | { text: string; noWrap: true }> {
    const parts: Array<string | { text: string; noWrap: true }> = [];
    let run = '';
    for (const token of pdfText(text).split(/( |\n)/)) {
        if (/->|^\(?–\d/.test(token)) {
            if (run) {
                parts.push(run);
            }
            run = '';
            parts.push({ text: token, noWrap: true });
        } else {
            run += token;
        }
    }
    if (run || parts.length === 0) {
        parts.push(run);
    }
    return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : parts;
}

/** Text as the document prints it: Swedish typography, in the standard fonts' encoding, changes and negatives unbroken. */
function pdf(text: string): ReturnType<typeof pdfInlines> {
    return pdfInlines(typeset(text));
}
