/** Help text laid out for a terminal: paragraphs and two-column lists wrapped at a width. */

/** The width help is laid out for when the output is no terminal (a pipe, a file, a test). */
export const DEFAULT_HELP_WIDTH = 80;

/** Wider lines are hard to read even on a wide terminal; narrower leave no room for a description column. */
const MAX_HELP_WIDTH = 100;
const MIN_HELP_WIDTH = 40;

/** Below this a description column is no use; it then starts on the line under its term. */
const MIN_TEXT_WIDTH = 24;

/** The width to lay help out for, given the terminal's columns (undefined when not a terminal). */
export function helpWidth(columns: number | undefined): number {
    return columns && columns > 0 ? Math.max(MIN_HELP_WIDTH, Math.min(columns, MAX_HELP_WIDTH)) : DEFAULT_HELP_WIDTH;
}

/** Words filled into lines of at most `width` characters; a word longer than that gets a line of its own. */
export function wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        } else {
            line = line ? `${line} ${word}` : word;
        }
    }
    return line ? [...lines, line] : lines;
}

/**
 * Rows of a term and its description: the terms indented, the descriptions in one column after
 * the longest term and wrapped within `width`, each continuation aligned under its description.
 * A term too long for the column gets its description on the lines below, in the same column.
 */
export function columns(rows: ReadonlyArray<readonly [term: string, text: string]>, width: number, indent = 2): string[] {
    const gap = 2;
    const longest = Math.max(0, ...rows.map(([term]) => term.length));
    const column = Math.max(0, Math.min(longest, width - indent - gap - MIN_TEXT_WIDTH));
    const textWidth = width - indent - column - gap;
    const pad = ' '.repeat(indent + column + gap);
    return rows.flatMap(([term, text]) => {
        const wrapped = wrap(text, textWidth);
        const head = `${' '.repeat(indent)}${term}`;
        if (term.length > column) {
            return [head, ...wrapped.map(line => `${pad}${line}`)];
        }
        return wrapped.map((line, index) => (index === 0 ? `${head.padEnd(indent + column + gap)}${line}` : `${pad}${line}`));
    });
}
