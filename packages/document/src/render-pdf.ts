import PDFDocument, { type PDFStructureElement, type PdfString } from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { chartSvg, regionChartSvg } from './chart-svg.js';
import type { DocumentBlock, DocumentSection, LineChart, PolicyDocument, RegionChart } from './document-model.js';
import { typeset } from './typography.js';

/**
 * The document as a tagged PDF, drawn with pdfkit from the same document model the HTML renders: a
 * structure tree (Document, H1 to H6, P, L/LI, Table/TR/TH/TD with the header cells' scope, Figure
 * with alternative text, TOC/TOCI), the language (`sv-SE`, `en`), the title shown as the window's
 * title, and page furniture (page numbers, a draft's mark) as artifacts that a screen reader skips.
 * This is what the law on accessible digital public services (2018:1937) asks of what a municipality
 * publishes; pdfmake, which made the PDF before, writes no structure.
 *
 * The fonts are embedded (the caller gives the files; `@regelratt/document` ships DejaVu Sans in
 * `fonts/`), so the real minus sign, the arrow and no-break spaces of Swedish typography print as
 * the HTML shows them. Layout: a title page, the contents with page numbers, then the chapters one
 * after another; a heading is kept with the start of what follows it, a table with the chart drawn
 * from it, and a table that goes on overleaf repeats its header row.
 */
export interface PdfFonts {
    regular: Uint8Array;
    bold: Uint8Array;
    italic: Uint8Array;
}

const MARGIN = { top: 56, bottom: 56, left: 50, right: 50 };
const A4 = { width: 595.28, height: 841.89 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;
const BODY = 10;
const LINE_GAP = 2;
const TABLE_TEXT = 9;
const CELL_PADDING = 3;
const CHART_WIDTH = 460;
const COLOURS = { text: '#111111', heading: '#0b3d66', note: '#444444', rule: '#bbbbbb', headerFill: '#eef3f8', draft: '#8a5a00', footer: '#555555' };
const HEADING_SIZE: Record<number, number> = { 1: 24, 2: 16, 3: 13, 4: 11 };

export async function renderPdf(document: PolicyDocument, fonts: PdfFonts): Promise<Uint8Array> {
    const doc = new PDFDocument({
        size: 'A4',
        margins: MARGIN,
        autoFirstPage: false,
        // Every page stays open until the end: the contents and the page numbers are written last.
        bufferPages: true,
        tagged: true,
        lang: document.locale === 'sv' ? 'sv-SE' : 'en',
        displayTitle: true,
        pdfVersion: '1.7',
        // The PDF/UA identifier (pdfuaid:part 1) in the XMP metadata, which is how a reader or checker
        // learns the file claims PDF/UA-1; what it claims is built below (tags, language, title, links).
        subset: 'PDF/UA',
        // No `font` here: pdfkit would parse the font file again for every page it adds. It opens its
        // standard Helvetica's metrics instead, which nothing draws with (the test finds no standard font).
        info: { Title: document.title, Creator: 'Regelrätt', Producer: 'Regelrätt' },
    });
    doc.registerFont('Regular', fonts.regular).registerFont('Bold', fonts.bold).registerFont('Italic', fonts.italic);
    const chunks: Uint8Array[] = [];
    doc.on('data', chunk => chunks.push(chunk));
    const finished = new Promise<void>((resolve, reject) => {
        doc.on('end', resolve);
        doc.on('error', reject);
    });
    new PdfWriter(doc, document).write();
    doc.end();
    await finished;
    const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let at = 0;
    for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
    }
    return bytes;
}

/** A PDF text string: pdfkit writes a plain JS string in a dictionary as a name, and a String object as text. */
function pdfText(text: string): PdfString {
    // eslint-disable-next-line no-new-wrappers -- pdfkit's own way of telling text from a name
    return new String(text);
}

type Style = { font: 'Regular' | 'Bold' | 'Italic'; size: number; colour: string };
const STYLES = {
    body: { font: 'Regular', size: BODY, colour: COLOURS.text },
    note: { font: 'Italic', size: BODY, colour: COLOURS.note },
    strong: { font: 'Bold', size: BODY, colour: COLOURS.text },
    cell: { font: 'Regular', size: TABLE_TEXT, colour: COLOURS.text },
    headerCell: { font: 'Bold', size: TABLE_TEXT, colour: COLOURS.text },
    caption: { font: 'Italic', size: TABLE_TEXT, colour: COLOURS.note },
} as const satisfies Record<string, Style>;

/** What a block needs for the rules of layout: its height, and the height of its first lines (what a heading is kept with). */
interface Measure {
    height: number;
    start: number;
}

/**
 * One handler per kind of block: how tall it is, and how it is drawn and tagged. A new kind of block
 * is a compile error here until the PDF can show it.
 */
type BlockHandlers = { [K in DocumentBlock['type']]: {
    measure(writer: PdfWriter, block: Extract<DocumentBlock, { type: K }>): Measure;
    draw(writer: PdfWriter, block: Extract<DocumentBlock, { type: K }>, parent: PDFStructureElement): void;
} };

const BLOCKS = {
    paragraph: {
        measure: (writer, block) => writer.measureText(block.text, block.style === 'note' ? STYLES.note : STYLES.body, CONTENT_WIDTH, 3),
        draw: (writer, block, parent) => {
            writer.paragraph(parent, block.text, block.style === 'note' ? STYLES.note : STYLES.body);
            writer.space(6);
        },
    },
    list: {
        measure: (writer, block) => sum(block.items.map(item => writer.measureText(`•  ${item}`, STYLES.body, CONTENT_WIDTH - 14, 3)), 2),
        draw: (writer, block, parent) => {
            writer.list(parent, block.items.map(item => ['•', item]), 14);
            writer.space(6);
        },
    },
    facts: {
        measure: (writer, block) => sum(block.items.map(([term, value]) => writer.measureText(value, STYLES.body, CONTENT_WIDTH - FACT_TERM_WIDTH, 3, writer.heightOf(term, STYLES.strong, FACT_TERM_WIDTH - 8))), 2),
        draw: (writer, block, parent) => {
            writer.list(parent, block.items, FACT_TERM_WIDTH);
            writer.space(6);
        },
    },
    table: {
        measure: (writer, block) => writer.measureTable(block),
        draw: (writer, block, parent) => writer.table(parent, block),
    },
    chart: {
        measure: (writer, block) => whole(writer.figureHeight(chartSvg(block.chart, writer.locale), block.chart.title)),
        draw: (writer, block, parent) => writer.figure(parent, chartSvg(block.chart, writer.locale), block.chart.title, lineChartAlt(block.chart, writer.locale)),
    },
    regions: {
        measure: (writer, block) => whole(writer.figureHeight(regionChartSvg(block.chart), block.chart.title)),
        draw: (writer, block, parent) => writer.figure(parent, regionChartSvg(block.chart), block.chart.title, regionChartAlt(block.chart, writer.locale)),
    },
} satisfies BlockHandlers;

const FACT_TERM_WIDTH = 130;

function whole(height: number): Measure {
    return { height, start: height };
}

function sum(parts: readonly Measure[], gap: number): Measure {
    return { height: parts.reduce((total, part) => total + part.height + gap, 0), start: parts[0]?.start ?? 0 };
}

class PdfWriter {
    readonly locale: 'sv' | 'en';
    /** Each heading of the contents and the page (0-based) it was drawn on. */
    private readonly contents: Array<{ title: string; level: number; page: number; destination: string }> = [];

    constructor(private readonly doc: PDFDocument, private readonly document: PolicyDocument) {
        this.locale = document.locale;
    }

    private t(sv: string, en: string): string {
        return this.locale === 'sv' ? sv : en;
    }

    write(): void {
        const root = this.doc.struct('Document');
        this.doc.addStructure(root);
        this.doc.addPage();
        const compact = this.document.print === 'compact';
        if (this.document.draft) {
            // Said once in the text, where a screen reader reads it; the mark on every page is furniture.
            this.paragraph(root, this.document.draft, STYLES.strong);
            this.space(8);
        }
        this.doc.y = Math.max(this.doc.y, compact ? MARGIN.top : MARGIN.top + 120);
        this.heading(root, this.document.title, 1, false);
        this.space(20);
        if (this.document.facts.length > 0) {
            this.list(root, this.document.facts, FACT_TERM_WIDTH);
        }
        this.space(30);
        this.paragraph(root, this.t('Sammanställd av Regelrätt ur de kontrollerade policyfilerna.', 'Compiled by Regelrätt from the checked policy files.'), STYLES.note);
        // The contents go on pages of their own, written when the chapters' pages are known.
        const entries = flatten(this.document.sections, 2).filter(entry => entry.level <= 3);
        let contentsPage = -1;
        let contents: PDFStructureElement | undefined;
        if (!compact) {
            this.doc.addPage();
            contentsPage = this.currentPage();
            const pagesNeeded = this.contentsPages(entries);
            for (let page = 1; page < pagesNeeded; page++) {
                this.doc.addPage();
            }
            contents = this.doc.struct('TOC');
            // Its place in the reading order is here, before the chapters, whenever it is drawn.
            root.add(contents);
            this.doc.addPage();
        } else {
            this.space(12);
        }
        for (const section of this.document.sections) {
            this.section(root, section, 2);
        }
        if (contents) {
            this.writeContents(contents, contentsPage);
            contents.end();
        }
        this.furniture();
        root.end();
    }

    private section(parent: PDFStructureElement, section: DocumentSection, level: number): void {
        const sect = this.doc.struct('Sect');
        parent.add(sect);
        // A heading goes to the next page unless the start of what follows it fits beneath it.
        const keep = this.headingHeight(section.title, level) + this.startOf(section);
        if (this.doc.y + keep > BOTTOM && this.doc.y > MARGIN.top + 1) {
            this.doc.addPage();
        }
        this.heading(sect, section.title, level, true);
        const blocks = section.blocks;
        for (let index = 0; index < blocks.length; index++) {
            const block = blocks[index];
            const next = blocks[index + 1];
            // A table and the chart drawn from it on one page, if they fit on one.
            if (block.type === 'table' && next?.type === 'chart') {
                const together = this.measure(block).height + this.measure(next).height;
                if (together <= BOTTOM - MARGIN.top && this.doc.y + together > BOTTOM) {
                    this.doc.addPage();
                }
            }
            const measured = this.measure(block);
            if (measured.start > BOTTOM - this.doc.y) {
                this.doc.addPage();
            }
            this.draw(block, sect);
        }
        for (const child of section.children) {
            this.section(sect, child, level + 1);
        }
        sect.end();
    }

    /** How much of a section must fit beneath its heading: its first block's start, or its first child's heading and start. */
    private startOf(section: DocumentSection): number {
        if (section.blocks.length > 0) {
            return this.measure(section.blocks[0]).start;
        }
        const child = section.children[0];
        return child ? this.headingHeight(child.title, 3) + this.startOf(child) : 0;
    }

    private measure(block: DocumentBlock): Measure {
        const handler = BLOCKS[block.type] as { measure(writer: PdfWriter, block: DocumentBlock): Measure };
        return handler.measure(this, block);
    }

    private draw(block: DocumentBlock, parent: PDFStructureElement): void {
        const handler = BLOCKS[block.type] as { draw(writer: PdfWriter, block: DocumentBlock, parent: PDFStructureElement): void };
        handler.draw(this, block, parent);
    }

    private headingStyle(level: number): Style {
        return { font: 'Bold', size: HEADING_SIZE[Math.min(level, 4)], colour: level === 2 ? COLOURS.heading : COLOURS.text };
    }

    private headingHeight(title: string, level: number): number {
        return (level === 2 ? 8 : 12) + this.heightOf(title, this.headingStyle(level), CONTENT_WIDTH) + 6;
    }

    private heading(parent: PDFStructureElement, title: string, level: number, listed: boolean): void {
        if (this.doc.y > MARGIN.top + 1) {
            this.space(level === 2 ? 8 : 12);
        }
        if (listed && level <= 3) {
            // The contents' entry links here: a named destination at the heading's top.
            const destination = `rubrik-${this.contents.length + 1}`;
            this.doc.addNamedDestination(destination, 'XYZ', MARGIN.left, this.doc.y, null);
            this.contents.push({ title, level, page: this.currentPage(), destination });
        }
        this.paragraph(parent, title, this.headingStyle(level), `H${Math.min(level, 6)}`);
        this.space(6);
    }

    /** A text as one structure element (P unless said), flowing onto the next page if it must. */
    paragraph(parent: PDFStructureElement, text: string, style: Style, type = 'P'): void {
        const element = this.doc.struct(type);
        parent.add(element);
        element.add(() => {
            this.style(style);
            this.doc.text(typeset(text), MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, lineGap: LINE_GAP });
        });
        element.end();
    }

    /** A list of label and body (a bullet and its item, a fact's term and its value), each item an LI with Lbl and LBody. */
    list(parent: PDFStructureElement, items: ReadonlyArray<readonly [string, string]>, labelWidth: number): void {
        const list = this.doc.struct('L');
        parent.add(list);
        for (const [label, body] of items) {
            const height = Math.max(this.heightOf(label, STYLES.strong, labelWidth - 8), this.heightOf(body, STYLES.body, CONTENT_WIDTH - labelWidth));
            if (this.doc.y + Math.min(height, 3 * BODY * 1.4) > BOTTOM) {
                this.doc.addPage();
            }
            const top = this.doc.y;
            const item = this.doc.struct('LI');
            list.add(item);
            const lbl = this.doc.struct('Lbl');
            item.add(lbl);
            lbl.add(() => {
                this.style(label === '•' ? STYLES.body : STYLES.strong);
                this.doc.text(typeset(label), MARGIN.left, top, { width: labelWidth - 8, lineGap: LINE_GAP });
            });
            lbl.end();
            const afterLabel = this.doc.y;
            const lBody = this.doc.struct('LBody');
            item.add(lBody);
            lBody.add(() => {
                this.style(STYLES.body);
                this.doc.text(typeset(body), MARGIN.left + labelWidth, top, { width: CONTENT_WIDTH - labelWidth, lineGap: LINE_GAP });
            });
            lBody.end();
            item.end();
            this.doc.y = Math.max(this.doc.y, afterLabel) + 2;
        }
        list.end();
    }

    measureTable(block: Extract<DocumentBlock, { type: 'table' }>): Measure {
        const layout = this.tableLayout(block);
        const caption = block.caption ? this.heightOf(block.caption, STYLES.caption, CONTENT_WIDTH) + 4 : 0;
        const start = caption + layout.header + (layout.rows[0] ?? 0);
        return { height: caption + layout.header + layout.rows.reduce((total, row) => total + row, 0) + 10, start };
    }

    /** Column widths (a numeric column as wide as its widest figure, the others share the rest) and row heights. */
    private tableLayout(block: Extract<DocumentBlock, { type: 'table' }>): { widths: number[]; header: number; rows: number[] } {
        const natural = block.header.map((heading, column) => Math.max(
            this.widthOf(heading, STYLES.headerCell),
            ...block.rows.map(row => Math.max(...(row[column] ?? '').split('\n').map(line => this.widthOf(line, STYLES.cell)))),
        ) + 2 * CELL_PADDING + 1);
        const numeric = block.header.map((_, column) => block.numeric?.[column] === true);
        const fixed = natural.reduce((total, width, column) => total + (numeric[column] ? Math.min(width, CONTENT_WIDTH / 3) : 0), 0);
        const flexible = numeric.filter(n => !n).length;
        let widths: number[];
        if (flexible > 0 && fixed < CONTENT_WIDTH * 0.7) {
            const share = (CONTENT_WIDTH - fixed) / flexible;
            widths = natural.map((width, column) => (numeric[column] ? Math.min(width, CONTENT_WIDTH / 3) : share));
        } else {
            const total = natural.reduce((a, b) => a + b, 0);
            // Figures only (a level table): as wide as they are, not spread across the page.
            widths = total <= CONTENT_WIDTH && flexible === 0
                ? natural.map(width => Math.max(width, 60))
                : natural.map(width => (width / total) * CONTENT_WIDTH);
        }
        const rowHeight = (cells: readonly string[], style: Style) => Math.max(...cells.map((cell, column) => this.heightOf(cell, style, widths[column] - 2 * CELL_PADDING))) + 2 * CELL_PADDING;
        return { widths, header: rowHeight(block.header, STYLES.headerCell), rows: block.rows.map(row => rowHeight(row, STYLES.cell)) };
    }

    /**
     * A table: Table > TR > TH (scope Column) / TD. A row that does not fit goes overleaf, and the
     * header row is drawn again there as an artifact (the structure has it once).
     */
    table(parent: PDFStructureElement, block: Extract<DocumentBlock, { type: 'table' }>): void {
        const layout = this.tableLayout(block);
        const table = this.doc.struct('Table');
        parent.add(table);
        if (block.caption) {
            const caption = this.doc.struct('Caption');
            table.add(caption);
            caption.add(() => {
                this.style(STYLES.caption);
                this.doc.text(typeset(block.caption ?? ''), MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, lineGap: LINE_GAP });
            });
            caption.end();
            this.space(4);
        }
        this.tableRow(table, block.header, layout.widths, layout.header, true, block.numeric);
        block.rows.forEach((row, index) => {
            const height = layout.rows[index];
            if (this.doc.y + height > BOTTOM) {
                this.doc.addPage();
                this.tableRow(undefined, block.header, layout.widths, layout.header, true, block.numeric);
            }
            this.tableRow(table, row, layout.widths, height, false, block.numeric);
        });
        table.end();
        this.doc.x = MARGIN.left;
        this.space(10);
    }

    /** One row; without a table to tag it in, an artifact (a header row repeated overleaf). */
    private tableRow(table: PDFStructureElement | undefined, cells: readonly string[], widths: readonly number[], height: number, header: boolean, numeric: readonly boolean[] | undefined): void {
        const top = this.doc.y;
        const lefts = widths.map((_, column) => MARGIN.left + widths.slice(0, column).reduce((a, b) => a + b, 0));
        this.artifact('Layout', () => {
            for (const [column, width] of widths.entries()) {
                if (header) {
                    this.doc.rect(lefts[column], top, width, height).fill(COLOURS.headerFill);
                }
                this.doc.lineWidth(0.5).rect(lefts[column], top, width, height).stroke(COLOURS.rule);
            }
        });
        const style = header ? STYLES.headerCell : STYLES.cell;
        const drawCell = (column: number) => {
            this.style(style);
            this.doc.text(typeset(cells[column] ?? ''), lefts[column] + CELL_PADDING, top + CELL_PADDING, {
                width: widths[column] - 2 * CELL_PADDING, lineGap: LINE_GAP, align: numeric?.[column] ? 'right' : 'left',
            });
        };
        if (table) {
            const row = this.doc.struct('TR');
            table.add(row);
            for (const column of widths.keys()) {
                const cell = this.doc.struct(header ? 'TH' : 'TD', header ? { scope: 'Column' } : {});
                row.add(cell);
                cell.add(() => drawCell(column));
                cell.end();
            }
            row.end();
        } else {
            this.artifact('Pagination', () => {
                for (const column of widths.keys()) {
                    drawCell(column);
                }
            });
        }
        this.doc.x = MARGIN.left;
        this.doc.y = top + height;
    }

    figureHeight(svg: string, title: string): number {
        return this.svgHeight(svg) + 8 + this.heightOf(title, STYLES.caption, CONTENT_WIDTH) + 16;
    }

    private svgHeight(svg: string): number {
        const [, width, height] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg) ?? ['', '640', '300'];
        return (CHART_WIDTH * Number(height)) / Number(width);
    }

    /** A chart: a Figure with its alternative text, then its title as a caption beneath it. */
    figure(parent: PDFStructureElement, svg: string, title: string, alt: string): void {
        const height = this.svgHeight(svg);
        this.space(6);
        const top = this.doc.y;
        const figure = this.doc.struct('Figure', { alt: typeset(alt), bbox: [MARGIN.left, top, MARGIN.left + CHART_WIDTH, top + height], placement: 'Block' });
        parent.add(figure);
        figure.add(() => {
            SVGtoPDF(this.doc, svg, MARGIN.left, top, {
                width: CHART_WIDTH,
                height,
                fontCallback: (_family, bold, italic) => (bold ? 'Bold' : italic ? 'Italic' : 'Regular'),
                // A chart's SVG is ours (chart-svg.ts): anything it cannot draw is a bug to see, not to print.
                warningCallback: message => {
                    throw new Error(`svg-to-pdfkit: ${message}`);
                },
            });
        });
        figure.end();
        this.doc.x = MARGIN.left;
        this.doc.y = top + height + 8;
        const caption = this.doc.struct('Caption');
        parent.add(caption);
        caption.add(() => {
            this.style(STYLES.caption);
            this.doc.text(typeset(title), MARGIN.left, this.doc.y, { width: CONTENT_WIDTH, lineGap: LINE_GAP });
        });
        caption.end();
        this.space(10);
    }

    /** The contents' pages: how many its entries take. */
    private contentsPages(entries: ReadonlyArray<{ title: string; level: number }>): number {
        let y = MARGIN.top + this.headingHeight(this.t('Innehåll', 'Contents'), 2);
        let pages = 1;
        for (const entry of entries) {
            const height = this.contentsEntryHeight(entry);
            if (y + height > BOTTOM) {
                pages++;
                y = MARGIN.top;
            }
            y += height;
        }
        return pages;
    }

    private contentsEntryHeight(entry: { title: string; level: number }): number {
        return this.heightOf(entry.title, entry.level === 2 ? STYLES.strong : STYLES.body, CONTENT_WIDTH - 40 - (entry.level - 2) * 14) + 4;
    }

    private writeContents(toc: PDFStructureElement, firstPage: number): void {
        let page = firstPage;
        this.doc.switchToPage(page);
        // A page with annotations takes them in the order of the structure (PDF/UA).
        this.doc.page.dictionary.data.Tabs = 'S';
        this.doc.y = MARGIN.top;
        const heading = this.doc.struct('H2');
        toc.add(heading);
        heading.add(() => {
            this.style(this.headingStyle(2));
            this.doc.text(this.t('Innehåll', 'Contents'), MARGIN.left, this.doc.y, { width: CONTENT_WIDTH });
        });
        heading.end();
        this.space(6);
        for (const entry of this.contents) {
            const height = this.contentsEntryHeight(entry);
            if (this.doc.y + height > BOTTOM) {
                page++;
                this.doc.switchToPage(page);
                this.doc.page.dictionary.data.Tabs = 'S';
                this.doc.y = MARGIN.top;
            }
            const top = this.doc.y;
            const indent = (entry.level - 2) * 14;
            const item = this.doc.struct('TOCI');
            toc.add(item);
            // The title and its page number, each an element of its own, so they are read as two. The
            // title is a link to its heading: a Link element holding the text and, as an OBJR, the link
            // annotation, which is how PDF/UA ties an annotation into the reading order.
            const title = this.doc.struct('Reference');
            item.add(title);
            const link = this.doc.struct('Link');
            title.add(link);
            link.add(() => {
                this.style(entry.level === 2 ? STYLES.strong : STYLES.body);
                this.doc.text(typeset(entry.title), MARGIN.left + indent, top, { width: CONTENT_WIDTH - 40 - indent, lineGap: LINE_GAP });
            });
            // The whole line, the page number too, is the link's area; its Contents says where it goes.
            this.doc.goTo(MARGIN.left + indent, top, CONTENT_WIDTH - indent, height - 4, entry.destination, { structParent: link, Contents: pdfText(typeset(entry.title)) });
            link.end();
            title.end();
            const number = this.doc.struct('Lbl');
            item.add(number);
            number.add(() => {
                this.doc.text(String(entry.page + 1), A4.width - MARGIN.right - 36, top, { width: 36, align: 'right' });
            });
            number.end();
            item.end();
            this.doc.y = top + height;
        }
    }

    /** On every page: its number, and a draft's mark above the text and across it; artifacts, not content. */
    private furniture(): void {
        const { start, count } = this.doc.bufferedPageRange();
        for (let page = start; page < start + count; page++) {
            this.doc.switchToPage(page);
            // Text below the bottom margin would start a page of its own.
            this.doc.page.margins = { ...MARGIN, top: 0, bottom: 0 };
            this.artifact('Pagination', () => {
                this.style({ font: 'Regular', size: 8, colour: COLOURS.footer });
                this.doc.text(`${page + 1} / ${count}`, MARGIN.left, A4.height - 36, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
                if (this.document.draft) {
                    this.style({ font: 'Bold', size: 9, colour: COLOURS.draft });
                    this.doc.text(typeset(this.document.draft), MARGIN.left, 24, { width: CONTENT_WIDTH, align: 'center', height: 28 });
                    this.doc.save();
                    this.doc.rotate(-45, { origin: [A4.width / 2, A4.height / 2] });
                    this.doc.fillOpacity(0.12);
                    this.style({ font: 'Bold', size: 110, colour: COLOURS.draft });
                    this.doc.text(this.t('UTKAST', 'DRAFT'), 0, A4.height / 2 - 60, { width: A4.width, align: 'center', lineBreak: false });
                    this.doc.restore();
                }
            });
            this.doc.page.margins = MARGIN;
        }
    }

    private artifact(type: 'Pagination' | 'Layout', draw: () => void): void {
        this.doc.markContent('Artifact', { type });
        draw();
        this.doc.endMarkedContent();
    }

    private currentPage(): number {
        const { start, count } = this.doc.bufferedPageRange();
        return start + count - 1;
    }

    space(points: number): void {
        this.doc.y = Math.min(this.doc.y + points, BOTTOM);
    }

    private style(style: Style): void {
        this.doc.font(style.font).fontSize(style.size).fillColor(style.colour);
    }

    heightOf(text: string, style: Style, width: number): number {
        this.doc.font(style.font).fontSize(style.size);
        return this.doc.heightOfString(typeset(text), { width, lineGap: LINE_GAP });
    }

    private widthOf(text: string, style: Style): number {
        this.doc.font(style.font).fontSize(style.size);
        return this.doc.widthOfString(typeset(text));
    }

    /** A text's height, and the height of its first `lines` lines (at most the whole), beside a label of `label` height. */
    measureText(text: string, style: Style, width: number, lines: number, label = 0): Measure {
        const height = Math.max(this.heightOf(text, style, width), label);
        const line = style.size * 1.16 + LINE_GAP;
        return { height: height + 6, start: Math.min(height, lines * line) };
    }
}

function flatten(sections: readonly DocumentSection[], level: number): Array<{ title: string; level: number }> {
    return sections.flatMap(section => [{ title: section.title, level }, ...flatten(section.children, level + 1)]);
}

/** A line chart in words: what it plots, and each line's name; the table beside it holds the figures. */
function lineChartAlt(chart: LineChart, locale: 'sv' | 'en'): string {
    const lines = chart.series.map(series => series.name).join('; ');
    return locale === 'sv'
        ? `Linjediagram: ${chart.title}. ${chart.yLabel} efter ${chart.xLabel.toLowerCase()}, ${chart.series.length === 1 ? 'en linje' : `${chart.series.length} linjer`}: ${lines}. Beloppen står i tabellen ovan.`
        : `Line chart: ${chart.title}. ${chart.yLabel} by ${chart.xLabel.toLowerCase()}, ${chart.series.length === 1 ? 'one line' : `${chart.series.length} lines`}: ${lines}. The amounts are in the table above.`;
}

/** Where a förlopp model places citizens, in words: each region and its answer. */
function regionChartAlt(chart: RegionChart, locale: 'sv' | 'en'): string {
    const regions = chart.regions.map(region => `${region.text}: ${region.placement}`).join('; ');
    return `${locale === 'sv' ? 'Diagram' : 'Chart'}: ${chart.title}. ${regions}.`;
}
