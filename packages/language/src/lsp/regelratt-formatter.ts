import { CstUtils, GrammarUtils, type AstNode } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type FormattingActionOptions, type FormattingContext, type FormattingMove } from 'langium/lsp';
import type { Range, TextEdit } from 'vscode-languageserver-types';
import * as ast from '../generated/ast.js';
import { hasEntry } from '../utils/ast-dispatch.js';

/**
 * The keywords that start a clause of each block; each goes on its own line. Partial (a block not
 * listed keeps its clauses where they were typed), keyed by the AST's types so a renamed rule is a
 * compile error here.
 */
const clauseKeywords: { readonly [T in keyof ast.RegelrattAstType]?: readonly string[] } = {
    Guideline: ['diarienummer', 'beslutad', 'version', 'beskrivning'],
    LevelTable: ['insats', 'område', 'nivåer', 'per'],
    Premium: ['tabell'],
    Rate: ['insats', 'roll', 'område', 'belopp'],
    Fee: ['insats', 'avgiftsutrymme', 'andel', 'maxtaxa', 'takbelopp', 'belopp'],
    PathwayModel: ['avser', 'beskrivning'],
    DecisionTable: ['träff', 'nivåer', 'behov', 'beskrivning'],
    Pathway: ['beskrivning', 'när', 'förflyttning', 'följs', 'sekundärt'],
    TestPhase: ['diarienummer', 'period', 'förlängd', 'område', 'enheter', 'insatser', 'undantag'],
    Pilot: ['inom', 'period', 'varaktighet', 'insatser', 'enheter', 'inkludera', 'exkludera', 'beskrivning'],
    Indicator: ['område', 'effektmål', 'mål', 'målvärde'],
    Example: ['datum'],
};

/** The properties whose values are clauses or lines of a block: each the name of a property of its node's type (a renamed one is a compile error). */
const clauseProperties: { readonly [T in keyof ast.RegelrattAstType]?: ReadonlyArray<keyof ast.RegelrattAstType[T] & string> } = {
    Guideline: ['validity', 'obligations'],
    LevelTable: ['validity', 'rounding', 'rows'],
    Premium: ['validity', 'rounding', 'rules'],
    Rate: ['validity', 'rounding'],
    Fee: ['validity', 'rounding'],
    PathwayModel: ['pathways'],
    Pilot: ['goals'],
    Parameter: ['versions'],
    DecisionTable: ['validity', 'header', 'rows'],
    Example: ['question', 'expectations'],
    Service: ['eligibility', 'limits'],
};

/**
 * `enheter { … }`: one space before the brace, the units two levels in (one deeper than the clause,
 * whose own level is given token by token), and the closing brace back at the clause's level.
 * Langium has no named actions for these; its moves allow them.
 */
const spaceThenIndentContents: FormattingAction = { options: {}, moves: [{ characters: 1, tabs: 2 }] };
const newLineOneLevelOut: FormattingAction = { options: {}, moves: [{ lines: 1, tabs: -1 }] };
const newLineOneLevelIn: FormattingAction = { options: {}, moves: [{ lines: 1, tabs: 1 }] };
const newLineTwoLevelsIn: FormattingAction = { options: { allowMore: true }, moves: [{ lines: 1, tabs: 2 }] };

/** Blocks written on one line: `en av { hög, låg }`, `för { ålder = 70 }`, `i { a, b }`. */
const inlineBraces = new Set(['EnumerationType', 'Citizen', 'Comparison']);

/**
 * One canonical layout: declarations start at the left margin, block contents are indented four
 * spaces with one clause or row per line, tokens within a clause are one space apart, `:` and list
 * commas are spaced as Swedish text is. Only white space changes, so the meaning (and the compiled
 * JSON) stays the same and comments stay where they are. Blank lines the writer left between
 * declarations, clauses and rows are kept.
 */
export class RegelrattFormatter extends AbstractFormatter {
    // Half-typed blocks (a clause given twice, a brace short) can take the moves of `enheter { … }`
    // one level out past the margin; Langium would then repeat the indent -1 times and throw.
    // Indentation never goes below the margin.
    protected override createLineTextEdit(range: Range, lines: number, context: FormattingContext, options: FormattingActionOptions): TextEdit {
        return super.createLineTextEdit(range, lines, atMargin(context), options);
    }

    protected override createTabTextEdit(range: Range, hasPrevious: boolean, context: FormattingContext): TextEdit {
        return super.createTabTextEdit(range, hasPrevious, atMargin(context));
    }

    protected override getIndentationCharacterCount(context: FormattingContext, formattingMove?: FormattingMove): number {
        return Math.max(0, super.getIndentationCharacterCount(context, formattingMove));
    }

    protected format(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        if (ast.isPolicy(node)) {
            // By node, not by `property('elements', index)`, which searches the file's elements for
            // each index: quadratic, minutes for a file of 70 000 declarations.
            node.elements.forEach((element, index) => formatter.node(element).prepend(index === 0 ? Formatting.noIndent() : Formatting.newLine({ allowMore: true })));
            return;
        }
        // Every token this node places one space from the one before, except its first (its parent
        // places that) and those written together with the token before: a sign and its number
        // (`-5`), a range (`0–120`), a per-unit amount (`kr/h`), a list (`a, b`), brackets.
        if (ast.isDecisionHeader(node) || ast.isDecisionRow(node)) {
            alignRow(node, formatter);
            return;
        }
        const all = placedTokens(node);
        const placed = all.filter(token => token.offset !== node.$cstNode?.offset);
        const tight = new Set<Cst>();
        all.forEach((token, index) => {
            const before = all[index - 1]?.text;
            const glued = token.text === ',' || token.text === ')' || token.text === '–' || token.text === '..'
                || before === '(' || before === '–' || before === '..'
                // `tabell.kolumn`
                || token.text === '.' || before === '.'
                || ((before === '-' || before === '−') && !ast.isBinaryExpression(node))
                // `1-10`, a range typed with a hyphen
                || (token.text === '-' && ast.isNumberRange(node))
                || (ast.isQuantityUnit(node) && (token.text === '/' || before === '/'));
            if (glued && placed.includes(token)) {
                tight.add(token);
            }
        });
        formatter.cst(placed.filter(token => !tight.has(token))).prepend(Formatting.oneSpace());
        formatter.cst([...tight]).prepend(Formatting.noSpace());
        if (ast.isEnumerationType(node) && node.values.some(value => value.title)) {
            // Values with titles read best one to a line.
            formatter.properties('values').prepend(newLineOneLevelIn);
            formatter.keyword('}').prepend(Formatting.newLine());
            return;
        }
        if (inlineBraces.has(node.$type)) {
            return;
        }
        const clause = Formatting.indent({ allowMore: true });
        const type = node.$type;
        for (const keyword of (hasEntry(clauseKeywords, type) ? clauseKeywords[type] : undefined) ?? []) {
            formatter.keywords(keyword).prepend(clause);
        }
        for (const property of (hasEntry(clauseProperties, type) ? clauseProperties[type] : undefined) ?? []) {
            formatter.properties(property as never).prepend(clause);
        }
        if (ast.isTestPhase(node) && node.units) {
            // `enheter {` stays on one line while the units under it go one level deeper.
            formatter.property('units').prepend(spaceThenIndentContents);
        }
        if (ast.isParticipantList(node)) {
            formatter.properties('participants').prepend(Formatting.newLine({ allowMore: true }));
            formatter.keyword('}').prepend(newLineOneLevelOut);
            return;
        }
        if (ast.isFee(node) && node.caps.length + node.shares.length + node.amounts.length > 0) {
            // `takbelopp {` (and `andel {`, `belopp {`) on one line, its rows two levels in, its closing
            // brace back at the clause's level; the fee's own closing brace is the last.
            formatter.properties('caps', 'shares', 'amounts').prepend(newLineTwoLevelsIn);
            const braces = node.$cstNode ? GrammarUtils.findNodesForKeyword(node.$cstNode, '}') : [];
            formatter.cst(braces.slice(0, -1)).prepend(newLineOneLevelIn);
            formatter.cst(braces.slice(-1)).prepend(Formatting.newLine());
            return;
        }
        if (ast.isEligibility(node)) {
            // `utom när …` on lines of its own, at the level of `beviljas när`.
            formatter.properties('exclusions').prepend(Formatting.newLine());
        }
        if (ast.isEligibilityExclusion(node)) {
            // `undantag när …` under the `utom när` it lifts.
            formatter.keywords('undantag').prepend(newLineOneLevelIn);
        }
        if (ast.isObligation(node)) {
            // A long obligation reads best with its terms under it.
            formatter.keywords('åtgärd', 'avser', 'uppföljning', 'när').prepend(clause);
            formatter.properties('frequency', 'deadline', 'decisionLimit', 'validity', 'exceptions').prepend(clause);
        }
        const closes = countKeyword(node, '}');
        for (let index = 0; index < closes; index++) {
            formatter.keyword('}', index).prepend(Formatting.newLine());
        }
    }
}

type Cst = NonNullable<AstNode['$cstNode']>;

/**
 * A decision table's rows are laid out as a table: one space after each `|`, and each column as
 * wide as its widest cell, so the separators line up. Widths are measured on the cells as the
 * formatter writes them (tokens one space apart, glued as everywhere else), so formatting twice
 * gives the same text.
 */
function alignRow(node: ast.DecisionHeader | ast.DecisionRow, formatter: ReturnType<RegelrattFormatter['getNodeFormatter']>): void {
    const table = node.$container;
    const widths = columnWidths(table);
    const cells: AstNode[] = ast.isDecisionHeader(node) ? [...node.inputs, ...node.outputs] : [...node.conditions, ...node.results];
    const separators = placedTokens(node).filter(token => token.astNode === node && (token.text === '|' || token.text === '||'));
    formatter.cst(cells.map(cell => cell.$cstNode).filter((c): c is Cst => c !== undefined)).prepend(Formatting.oneSpace());
    separators.forEach((separator, index) => {
        if (index === 0) {
            return; // the row's first token: the table places it, indented
        }
        const cell = cells[index - 1];
        const width = widths[index - 1] ?? 0;
        formatter.cst([separator]).prepend(Formatting.spaces(1 + Math.max(0, width - (cell ? cellWidth(cell) : 0))));
    });
}

const widthCache = new WeakMap<ast.DecisionTable, number[]>();

function columnWidths(table: ast.DecisionTable): number[] {
    let widths = widthCache.get(table);
    if (!widths) {
        const rows: AstNode[][] = [
            ...(table.header ? [[...table.header.inputs, ...table.header.outputs]] : []),
            ...table.rows.map(row => [...row.conditions, ...row.results]),
        ];
        widths = [];
        for (const row of rows) {
            row.forEach((cell, index) => {
                widths![index] = Math.max(widths![index] ?? 0, cell ? cellWidth(cell) : 0);
            });
        }
        widthCache.set(table, widths);
    }
    return widths;
}

/** The width of a cell as the formatter writes it. */
function cellWidth(cell: AstNode): number {
    const leaves = cell.$cstNode ? CstUtils.flattenCst(cell.$cstNode).filter(leaf => !leaf.hidden).toArray() : [];
    let width = 0;
    leaves.forEach((token, index) => {
        const before = leaves[index - 1]?.text;
        const glued = index === 0 || token.text === ',' || token.text === ')' || token.text === '–' || token.text === '..'
            || before === '(' || before === '–' || before === '..' || before === '-' || before === '−' || token.text === '/' || before === '/'
            // A hyphen after a number separates a range (`1-10`); elsewhere it is a sign with a space before.
            || (token.text === '-' && /^\d/.test(before ?? ''));
        width += token.text.length + (glued ? 0 : 1);
    });
    return width;
}

/**
 * What this node places: its own tokens, and each child node as a whole (the child places what is
 * inside it). Rules on the same element replace each other, so a clause rule given after the
 * default wins. Comments and white space excluded.
 */
function placedTokens(node: AstNode): Cst[] {
    const tokens: Cst[] = [];
    const visit = (cst: Cst): void => {
        if (cst.astNode !== node) {
            if (firstToken(cst)) {
                tokens.push(cst);
            }
            return;
        }
        if ('content' in cst) {
            (cst as { content: Cst[] }).content.forEach(visit);
        } else if (!cst.hidden) {
            tokens.push(cst);
        }
    };
    if (node.$cstNode) {
        visit(node.$cstNode);
    }
    return tokens;
}

function firstToken(cst: Cst): Cst | undefined {
    if ('content' in cst) {
        for (const child of (cst as { content: Cst[] }).content) {
            const first = firstToken(child);
            if (first) {
                return first;
            }
        }
        return undefined;
    }
    return cst.hidden ? undefined : cst;
}

function countKeyword(node: AstNode, keyword: string): number {
    return placedTokens(node).filter(token => token.text === keyword && token.astNode === node).length;
}

function atMargin(context: FormattingContext): FormattingContext {
    return context.indentation >= 0 ? context : { ...context, indentation: 0 };
}
