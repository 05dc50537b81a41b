import { chartSvg, escape, regionChartSvg } from './chart-svg.js';
import { typeset } from './typography.js';
import type { DocumentBlock, DocumentSection, PolicyDocument } from './document-model.js';

/**
 * The document as one self-contained HTML file: no script, no network (styles and charts inline),
 * a table of contents with links, and print styles (A4, chapters one after another with each heading
 * kept with what follows it, tables that do not split their rows, a table kept with its chart), so the browser's "print to PDF" gives the same document. `bodyOnly` gives
 * the markup without the page around it, for the studio's preview pane.
 */
export function renderHtml(document: PolicyDocument, options: { bodyOnly?: boolean } = {}): string {
    const sv = document.locale === 'sv';
    // A draft says so at the top and, in print, on every page (a fixed element repeats on each).
    const draft = document.draft ? [`<p class="draft" role="note">${out(document.draft)}</p>`] : [];
    const body = [
        ...draft,
        '<header class="title-page">',
        `<h1>${out(document.title)}</h1>`,
        facts(document.facts),
        `<p class="generated">${sv ? 'Sammanställd av Regelrätt ur de kontrollerade policyfilerna.' : 'Compiled by Regelrätt from the checked policy files.'}</p>`,
        '</header>',
        '<nav class="toc">',
        `<h2>${sv ? 'Innehåll' : 'Contents'}</h2>`,
        toc(document.sections),
        '</nav>',
        '<main>',
        ...document.sections.map(section => renderSection(section, 2, document.locale)),
        '</main>',
    ].join('\n');
    if (options.bodyOnly) {
        return `<div class="regelratt-document">\n${body}\n</div>`;
    }
    return [
        '<!DOCTYPE html>',
        `<html lang="${document.locale}">`,
        '<head>',
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${out(document.title)}</title>`,
        `<style>${STYLE}</style>`,
        '</head>',
        `<body class="regelratt-document${document.print === 'compact' ? ' compact' : ''}">`,
        body,
        '</body>',
        '</html>',
        '',
    ].join('\n');
}

function toc(sections: readonly DocumentSection[]): string {
    if (sections.length === 0) {
        return '';
    }
    return `<ol>${sections.map(s => `<li><a href="#${anchor(s.id)}">${out(s.title)}</a>${toc(s.children)}</li>`).join('')}</ol>`;
}

function renderSection(section: DocumentSection, level: number, locale: 'sv' | 'en'): string {
    const heading = Math.min(level, 6);
    return [
        `<section id="${anchor(section.id)}" class="level-${level}">`,
        `<h${heading}>${out(section.title)}</h${heading}>`,
        ...keepTablesWithCharts(section.blocks, locale),
        ...section.children.map(child => renderSection(child, level + 1, locale)),
        '</section>',
    ].join('\n');
}

/** A table and the chart drawn from it printed on one page (`keep`: not split). */
function keepTablesWithCharts(blocks: readonly DocumentBlock[], locale: 'sv' | 'en'): string[] {
    const out: string[] = [];
    for (let index = 0; index < blocks.length; index++) {
        const block = blocks[index];
        if (block.type === 'table' && blocks[index + 1]?.type === 'chart' && block.rows.length <= 30) {
            out.push(`<div class="keep">${renderBlock(block, locale)}${renderBlock(blocks[index + 1], locale)}</div>`);
            index++;
        } else {
            out.push(renderBlock(block, locale));
        }
    }
    return out;
}

function renderBlock(block: DocumentBlock, locale: 'sv' | 'en'): string {
    switch (block.type) {
        case 'paragraph':
            return `<p${block.style ? ` class="${block.style}"` : ''}>${out(block.text)}</p>`;
        case 'list':
            return `<ul>${block.items.map(item => `<li>${out(item)}</li>`).join('')}</ul>`;
        case 'facts':
            return facts(block.items);
        case 'table': {
            const align = (index: number) => (block.numeric?.[index] ? ' class="number"' : '');
            return [
                '<table>',
                ...(block.caption ? [`<caption>${out(block.caption)}</caption>`] : []),
                `<thead><tr>${block.header.map((h, i) => `<th${align(i)}>${out(h)}</th>`).join('')}</tr></thead>`,
                // A cell of several lines (a criterion's conditions, an example's facts) keeps them on lines of their own.
                `<tbody>${block.rows.map(row => `<tr>${row.map((cell, i) => `<td${align(i)}>${out(cell).replace(/\n/g, '<br>')}</td>`).join('')}</tr>`).join('')}</tbody>`,
                '</table>',
            ].join('');
        }
        case 'chart':
            return `<figure>${chartSvg(block.chart, locale)}<figcaption>${out(block.chart.title)}</figcaption></figure>`;
        case 'regions':
            return `<figure>${regionChartSvg(block.chart)}<figcaption>${out(block.chart.title)}</figcaption></figure>`;
    }
}

function facts(items: ReadonlyArray<[string, string]>): string {
    if (items.length === 0) {
        return '';
    }
    return `<dl class="facts">${items.map(([term, value]) => `<dt>${out(term)}</dt><dd>${out(value)}</dd>`).join('')}</dl>`;
}

/** An id usable as a fragment: element ids contain `/`, and names å, ä, ö, which URLs encode. */
function anchor(id: string): string {
    return id.replace(/[^\p{L}\p{N}_-]+/gu, '-');
}

const STYLE = `
.regelratt-document p.draft { background: #fff3cd; color: #5c3c00; border: 2px solid #8a5a00; padding: .4rem .8rem; font-weight: bold; text-align: center; }
.regelratt-document { font-family: Helvetica, Arial, sans-serif; color: #111; line-height: 1.45; max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
.regelratt-document h1 { font-size: 2rem; margin: 3rem 0 1.5rem; }
.regelratt-document h2 { font-size: 1.5rem; border-bottom: 2px solid #0072B2; padding-bottom: .2rem; margin-top: 2.5rem; }
.regelratt-document h3 { font-size: 1.2rem; margin-top: 1.8rem; }
.regelratt-document h4 { font-size: 1.05rem; }
.regelratt-document table { border-collapse: collapse; width: 100%; margin: .8rem 0 1.2rem; font-size: .92rem; }
.regelratt-document th, .regelratt-document td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.regelratt-document th { background: #eef3f8; }
.regelratt-document td.number, .regelratt-document th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.regelratt-document dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
.regelratt-document dl.facts dt { font-weight: bold; }
.regelratt-document dl.facts dd { margin: 0; }
.regelratt-document p.note { color: #444; font-style: italic; }
.regelratt-document p.prose { font-size: 1.02rem; }
.regelratt-document p.generated { color: #555; margin-top: 2rem; }
.regelratt-document figure { margin: 1rem 0; }
.regelratt-document figure svg { max-width: 100%; height: auto; }
.regelratt-document figcaption { font-size: .9rem; color: #333; }
.regelratt-document nav.toc ol { list-style: none; padding-left: 1.2rem; }
.regelratt-document nav.toc > ol { padding-left: 0; }
.regelratt-document a { color: #0057a0; }
@media print {
  @page { size: A4; margin: 20mm 18mm; }
  .regelratt-document p.draft { position: fixed; top: 0; left: 0; right: 0; margin: 0; }
  .regelratt-document { max-width: none; padding: 0; font-size: 10.5pt; }
  .regelratt-document header.title-page, .regelratt-document nav.toc { page-break-after: always; }
  .regelratt-document.compact header.title-page, .regelratt-document.compact nav.toc { page-break-after: auto; }
  .regelratt-document.compact h1 { margin: 0 0 1rem; }
  .regelratt-document h2, .regelratt-document h3, .regelratt-document h4 { break-after: avoid; page-break-after: avoid; }
  .regelratt-document tr, .regelratt-document figure, .regelratt-document div.keep { break-inside: avoid; page-break-inside: avoid; }
  .regelratt-document a { color: inherit; text-decoration: none; }
}
`;

/** Text as the document prints it: Swedish typography (typography.ts), then escaped for HTML. */
function out(text: string): string {
    return escape(typeset(text));
}
