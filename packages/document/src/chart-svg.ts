import { number } from './criterion-sentence.js';
import type { LineChart, RegionChart } from './document-model.js';

const WIDTH = 640;
const PLOT_HEIGHT = 220;
const MARGIN = { left: 70, right: 20, top: 20, bottom: 60 };
const LEGEND_LINE = 16;
/** Distinguishable in print and for the common colour-vision deficiencies (Okabe–Ito). */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/**
 * A line chart as self-contained SVG (no script, no fonts to fetch): the same markup in the HTML
 * document, the studio and the PDF. Each series gets a colour, a marker shape and a legend entry, so
 * it reads in black and white too.
 */
export function chartSvg(chart: LineChart, locale: 'sv' | 'en'): string {
    const points = chart.series.flatMap(s => s.points);
    const xs = points.map(p => p.x);
    const ys = points.flatMap(p => (p.y === null ? [] : [p.y]));
    const xMin = Math.min(...xs);
    const xMax = Math.max(...xs) === xMin ? xMin + 1 : Math.max(...xs);
    const yMax = niceCeiling(Math.max(...ys, 1));
    const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
    const plotHeight = PLOT_HEIGHT;
    const HEIGHT = MARGIN.top + PLOT_HEIGHT + MARGIN.bottom + (chart.series.length - 1) * LEGEND_LINE;
    const x = (value: number) => MARGIN.left + ((value - xMin) / (xMax - xMin)) * plotWidth;
    const y = (value: number) => MARGIN.top + plotHeight - (value / yMax) * plotHeight;
    const parts: string[] = [];
    parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999" stroke-width="1"/>`);
    for (let i = 0; i <= 4; i++) {
        const value = (yMax / 4) * i;
        const at = y(value).toFixed(1);
        parts.push(`<line x1="${MARGIN.left}" y1="${at}" x2="${MARGIN.left + plotWidth}" y2="${at}" stroke="#ddd" stroke-width="1"/>`);
        parts.push(`<text x="${MARGIN.left - 6}" y="${at}" font-size="11" text-anchor="end" dominant-baseline="middle" fill="#333">${escape(number(String(Math.round(value)), locale))}</text>`);
    }
    const levels = [...new Set(xs)].sort((a, b) => a - b);
    const step = Math.max(1, Math.ceil(levels.length / 16));
    levels.filter((_, i) => i % step === 0).forEach(level => {
        parts.push(`<text x="${x(level).toFixed(1)}" y="${MARGIN.top + plotHeight + 16}" font-size="11" text-anchor="middle" fill="#333">${level}</text>`);
    });
    parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${MARGIN.top + plotHeight + 34}" font-size="12" text-anchor="middle" fill="#000">${escape(chart.xLabel)}</text>`);
    parts.push(`<text x="14" y="${MARGIN.top + plotHeight / 2}" font-size="12" text-anchor="middle" fill="#000" transform="rotate(-90 14 ${MARGIN.top + plotHeight / 2})">${escape(chart.yLabel)}</text>`);
    chart.series.forEach((series, index) => {
        const colour = COLOURS[index % COLOURS.length];
        // A level whose amount is not given breaks the line: the next given level starts a new piece (M).
        const path = series.points.flatMap((p, i) => (p.y === null ? [] : [`${i === 0 || series.points[i - 1].y === null ? 'M' : 'L'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`])).join(' ');
        parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"${index % 2 === 1 ? ' stroke-dasharray="6 3"' : ''}/>`);
        for (const p of series.points) {
            if (p.y !== null) {
                parts.push(marker(index, x(p.x), y(p.y), colour));
            }
        }
        // One legend line per series, whole: versions of a table differ only at the end of their names.
        const legendY = MARGIN.top + plotHeight + 52 + index * LEGEND_LINE;
        parts.push(marker(index, MARGIN.left + 6, legendY - 4, colour));
        parts.push(`<text x="${MARGIN.left + 16}" y="${legendY}" font-size="11" fill="#000">${escape(truncate(series.name, 95))}</text>`);
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escape(chart.title)}" font-family="Helvetica, Arial, sans-serif">${parts.join('')}</svg>`;
}

function marker(index: number, cx: number, cy: number, colour: string): string {
    const at = (v: number) => v.toFixed(1);
    switch (index % 3) {
        case 0: return `<circle cx="${at(cx)}" cy="${at(cy)}" r="3.5" fill="${colour}"/>`;
        case 1: return `<rect x="${at(cx - 3.5)}" y="${at(cy - 3.5)}" width="7" height="7" fill="${colour}"/>`;
        default: return `<path d="M${at(cx)},${at(cy - 4.5)} L${at(cx + 4.5)},${at(cy + 3.5)} L${at(cx - 4.5)},${at(cy + 3.5)} Z" fill="${colour}"/>`;
    }
}

function niceCeiling(value: number): number {
    const magnitude = 10 ** Math.floor(Math.log10(value));
    for (const factor of [1, 2, 2.5, 5, 10]) {
        if (factor * magnitude >= value) {
            return factor * magnitude;
        }
    }
    return 10 * magnitude;
}

function truncate(text: string, length: number): string {
    return text.length <= length ? text : `${text.slice(0, Math.max(1, length - 1))}…`;
}

export function escape(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Regions of citizens and their förlopp as bands: the region in words on the left, a bar in the
 * answer's colour with its name on the right. The same answer has the same colour throughout.
 */
export function regionChartSvg(chart: RegionChart): string {
    const ROW = 26;
    const LABEL = 420;
    const width = 640;
    const answers = [...new Set(chart.regions.map(r => r.placement))];
    const height = chart.regions.length * ROW + 8;
    const parts = chart.regions.map((region, index) => {
        const y = 4 + index * ROW;
        const colour = COLOURS[answers.indexOf(region.placement) % COLOURS.length];
        return [
            `<text x="0" y="${y + 17}" font-size="11" fill="#000">${escape(truncate(region.text, 70))}</text>`,
            `<rect x="${LABEL}" y="${y + 2}" width="${width - LABEL}" height="${ROW - 6}" fill="${colour}" fill-opacity="0.85"/>`,
            `<text x="${LABEL + 8}" y="${y + 17}" font-size="12" font-weight="bold" fill="#fff">${escape(truncate(region.placement, 28))}</text>`,
        ].join('');
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escape(chart.title)}" font-family="Helvetica, Arial, sans-serif">${parts.join('')}</svg>`;
}
