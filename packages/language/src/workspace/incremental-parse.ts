import { CompositeCstNodeImpl, LeafCstNodeImpl, RootCstNodeImpl, type AstNode, type CstNode, type ParseResult } from 'langium';
import type { Element, Policy } from '../generated/ast.js';

/**
 * Below this many characters a file is parsed whole on every change: it takes a few milliseconds,
 * and one path is simpler to trust than two.
 */
export const INCREMENTAL_MIN_LENGTH = 20_000;

/** How a changed text was parsed, for tests and benchmarks. */
export type ReparseMode =
    /** The whole text (small file, no usable old tree, or errors before the change). */
    | 'whole'
    /** Only the declarations around the change; those before and after kept and moved. */
    | 'declarations'
    /** From the declarations around the change to the end of the text; those before kept. */
    | 'to-end';

export interface Reparsed {
    result: ParseResult<Policy>;
    mode: ReparseMode;
}

/** The leaf fields Langium keeps positions in (absolute, so the leaves after a change are moved). */
interface LeafPositions {
    _offset: number;
    _startLine: number;
    _startColumn: number;
    _endLine: number;
    _endColumn: number;
}

/**
 * Parses a changed file again by re-parsing only the top-level declarations around the change.
 *
 * Why it is exact: the grammar's entry rule is a list of declarations, so once the parser is between
 * two declarations it is in the same state whatever came before; and the declarations before the
 * change are followed, as before, by an unchanged declaration (the first one re-parsed), so nothing
 * the parser looked ahead at when it ended them has changed. The declarations after the change are
 * kept only when the re-parsed part ends on a copy of the unchanged
 * declaration that was there before, at the same place, parsed as a declaration of its own and
 * without errors (errors in the changed declarations before it are theirs, and a whole parse gives
 * them too): the parser then reaches the first kept one in the same state as before, with the same
 * text ahead. Otherwise everything from the change on is parsed again ('to-end'). A file whose old
 * tree has errors before the change is parsed whole.
 *
 * The re-parsed text keeps its place in the file: everything before it is given to the parser as
 * blanks and line breaks, so every position the parser records (offsets, lines, columns, the
 * positions of its errors) is already the position in the whole file. The declarations kept after
 * the change are moved by the change's difference in length and lines.
 *
 * `parse` parses a whole text with the language's parser. The test of this module compares the
 * result with a whole parse, position by position, over random edits of the example policies.
 */
export function reparse(old: ParseResult<Policy>, text: string, parse: (text: string) => ParseResult<Policy>): Reparsed {
    const whole = (): Reparsed => ({ result: parse(text), mode: 'whole' });
    const oldRoot = old.value.$cstNode;
    if (!(oldRoot instanceof RootCstNodeImpl) || text.length < INCREMENTAL_MIN_LENGTH) {
        return whole();
    }
    const oldText = oldRoot.fullText;
    if (oldText.length < INCREMENTAL_MIN_LENGTH || oldText === text) {
        return whole();
    }
    const items = oldRoot.content;
    const span = changedSpan(oldText, text);
    const around = declarationsAround(items, span.start, span.oldEnd);
    if (!around) {
        return whole();
    }
    const { first, last } = around;
    // The re-parsed part: from just after the kept declarations before to just before those after.
    const start = first > 0 ? fullEnd(items[first - 1]) : 0;
    const oldEnd = last + 1 < items.length ? fullStart(items[last + 1]) : oldText.length;
    const delta = text.length - oldText.length;
    if (!(start <= span.start && oldEnd >= span.oldEnd)) {
        return whole();
    }
    const errorsAt = errorOffsets(old, oldText.length);
    if (errorsAt.some(offset => offset < start)) {
        return whole();
    }
    let toEnd = last + 1 >= items.length || errorsAt.some(offset => offset >= oldEnd);
    const blanks = blank(text.slice(0, start));
    const before = old.value.elements.filter(element => element.$cstNode && fullEnd(element.$cstNode) <= start);
    if (!toEnd) {
        const fragment = parse(blanks + text.slice(start, oldEnd + delta));
        if (fragmentFits(fragment, items, first, last, start, oldEnd + delta, delta)) {
            const after = old.value.elements.filter(element => element.$cstNode && fullStart(element.$cstNode) >= oldEnd);
            return { result: splice(fragment, text, items.slice(0, first), items.slice(last + 1), before, after, shiftOf(items, first, last, text, start, oldEnd + delta)), mode: 'declarations' };
        }
        toEnd = true;
    }
    const rest = parse(blanks + text.slice(start));
    return { result: splice(rest, text, items.slice(0, first), [], before, [], undefined), mode: 'to-end' };
}

/** The changed part: the text both have in common at the start and at the end left out. */
function changedSpan(oldText: string, text: string): { start: number; oldEnd: number } {
    const shorter = Math.min(oldText.length, text.length);
    let start = 0;
    while (start < shorter && oldText.charCodeAt(start) === text.charCodeAt(start)) {
        start++;
    }
    let common = 0;
    while (common < shorter - start && oldText.charCodeAt(oldText.length - 1 - common) === text.charCodeAt(text.length - 1 - common)) {
        common++;
    }
    return { start, oldEnd: oldText.length - common };
}

/**
 * The root's children to parse again: those the change touches (a change between two touches both),
 * widened by one declaration on each side, with the comments between. Undefined when that is all of them.
 */
function declarationsAround(items: readonly CstNode[], start: number, end: number): { first: number; last: number } | undefined {
    if (items.length === 0) {
        return undefined;
    }
    let touchedFirst = items.findIndex(item => fullEnd(item) >= start);
    if (touchedFirst < 0) {
        touchedFirst = items.length - 1;
    }
    let touchedLast = -1;
    for (let index = items.length - 1; index >= 0; index--) {
        if (fullStart(items[index]) <= end) {
            touchedLast = index;
            break;
        }
    }
    touchedLast = Math.max(touchedLast, 0);
    const low = Math.min(touchedFirst, touchedLast);
    const high = Math.max(touchedFirst, touchedLast);
    let first = low - 1;
    while (first >= 0 && items[first].hidden) {
        first--;
    }
    let last = high + 1;
    while (last < items.length && items[last].hidden) {
        last++;
    }
    first = Math.max(first, 0);
    last = Math.min(last, items.length - 1);
    if (first === 0 && last === items.length - 1) {
        return undefined;
    }
    return { first, last };
}

/** Where the old tree's lexer and parser errors are (an error at the end of the text has no offset: the end). */
function errorOffsets(old: ParseResult<Policy>, length: number): number[] {
    const offsets = old.lexerErrors.map(error => error.offset);
    for (const error of old.parserErrors) {
        offsets.push(Number.isFinite(error.token.startOffset) ? error.token.startOffset : length);
    }
    return offsets;
}

/**
 * The re-parsed part ends on a copy of the unchanged declaration that was last in it, at its place,
 * parsed at the top level and without errors (errors before it are the change's own: a whole parse
 * gives them too, and reaches that declaration in the same state, since it starts a root child).
 */
function fragmentFits(fragment: ParseResult<Policy>, items: readonly CstNode[], first: number, last: number, start: number, end: number, delta: number): boolean {
    const root = fragment.value.$cstNode;
    const content = root instanceof CompositeCstNodeImpl ? root.content : [];
    const lastNew = content[content.length - 1];
    const firstNew = content[0];
    if (!lastNew || !firstNew || lastNew.hidden || fullEnd(lastNew) > end) {
        return false;
    }
    const lastStart = fullStart(lastNew);
    if (errorOffsets(fragment, end).some(offset => offset >= lastStart)) {
        return false;
    }
    const oldLast = items[last];
    if (fullEnd(lastNew) !== fullEnd(oldLast) + delta || lastNew.text !== oldLast.text) {
        return false;
    }
    if (first > 0 && !(fullStart(firstNew) === fullStart(items[first]) && firstNew.text === items[first].text)) {
        return false;
    }
    return !opensComment(root!, start, end);
}

/**
 * Whether the re-parsed part has a `/*` that starts no comment in it: a comment left open, which in
 * the whole text may run on past the part (to a `*\/` further down) and hide what follows. The only
 * token that can reach past the part: a text runs to the end of its line at most, and the part ends
 * on a declaration that parsed as before.
 */
function opensComment(root: CstNode, start: number, end: number): boolean {
    const text = root.root.fullText;
    let at = text.indexOf('/*', start);
    if (at < 0 || at >= end) {
        return false;
    }
    const covered: Array<[number, number]> = [];
    const visit = (node: CstNode): void => {
        if (node instanceof CompositeCstNodeImpl) {
            node.content.forEach(visit);
        } else if (node instanceof LeafCstNodeImpl && /COMMENT|STRING/.test(node.tokenType.name)) {
            covered.push([node.offset, node.end]);
        }
    };
    visit(root);
    while (at >= 0 && at < end) {
        const position = at;
        if (!covered.some(([from, to]) => position >= from && position + 2 <= to)) {
            return true;
        }
        at = text.indexOf('/*', at + 2);
    }
    return false;
}

interface Shift {
    /** Added to every offset. */
    offset: number;
    /** Added to every line. */
    lines: number;
    /** The old line the re-parsed part ended on, and what is added to the columns of the rest of that line. */
    line: number;
    columns: number;
}

/**
 * How the text after the re-parsed part moved: by the change's length, its lines, and on the line
 * where the part ends, its columns. The old places come from the CST (the kept declarations before
 * and after the part); the new end is the part's start, which did not move, advanced over the
 * part's new text: only the changed part is read, not the whole file.
 */
function shiftOf(items: readonly CstNode[], first: number, last: number, text: string, start: number, end: number): Shift {
    const from = first > 0 ? lastLeaf(items[first - 1]).range.end : { line: 0, character: 0 };
    const next = firstLeaf(items[last + 1]);
    const before = next.range.start;
    const after = advance(text, start, end, from);
    return { offset: end - next.offset, lines: after.line - before.line, line: before.line, columns: after.character - before.character };
}

/** The position (0-based line and column, as the CST has them) at `to`, from the position at `from`, counting line breaks as Chevrotain does (\r\n, \n, \r). */
function advance(text: string, from: number, to: number, position: { line: number; character: number }): { line: number; character: number } {
    let line = position.line;
    let lineStart = from - position.character;
    for (let index = from; index < to; index++) {
        const code = text.charCodeAt(index);
        if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
            line++;
            lineStart = index + 1;
        }
    }
    return { line, character: to - lineStart };
}

/** The text with every character but line breaks made a blank: the parser skips it, and counts its lines. */
function blank(text: string): string {
    return text.replace(/[^\r\n]+/g, run => ' '.repeat(run.length));
}

/**
 * The new tree: the re-parsed part's root, with the kept declarations before and after put back
 * around its own (the root's CST gets the whole text; the declarations after are moved).
 */
function splice(parsed: ParseResult<Policy>, text: string, before: readonly CstNode[], after: readonly CstNode[], elementsBefore: readonly Element[], elementsAfter: readonly Element[], shift: Shift | undefined): ParseResult<Policy> {
    const root = parsed.value;
    const cst = root.$cstNode as RootCstNodeImpl;
    (cst as unknown as { _text: string })._text = text;
    if (shift) {
        for (const item of after) {
            move(item, shift);
        }
    }
    const content = [...before, ...cst.content, ...after];
    for (const item of content) {
        (item as { container?: CompositeCstNodeImpl }).container = cst;
    }
    cst.content = content;
    const elements = [...elementsBefore, ...root.elements, ...elementsAfter];
    elements.forEach((element, index) => {
        (element as { $container?: AstNode }).$container = root;
        (element as { $containerProperty?: string }).$containerProperty = 'elements';
        (element as { $containerIndex?: number }).$containerIndex = index;
    });
    root.elements = elements;
    return parsed;
}

/** Moves a subtree of the CST kept after the change to its new place. */
function move(node: CstNode, shift: Shift): void {
    if (node instanceof LeafCstNodeImpl) {
        const leaf = node as unknown as LeafPositions;
        leaf._offset += shift.offset;
        if (leaf._startLine === shift.line) {
            leaf._startColumn += shift.columns;
        }
        if (leaf._endLine === shift.line) {
            leaf._endColumn += shift.columns;
        }
        leaf._startLine += shift.lines;
        leaf._endLine += shift.lines;
        return;
    }
    if (node instanceof CompositeCstNodeImpl) {
        (node as unknown as { _rangeCache: unknown })._rangeCache = undefined;
        for (const child of node.content) {
            move(child, shift);
        }
    }
}

/** A node's first leaf, hidden ones (comments) included. */
function firstLeaf(node: CstNode): CstNode {
    let current = node;
    while (current instanceof CompositeCstNodeImpl && current.content.length > 0) {
        current = current.content[0];
    }
    return current;
}

/** A node's last leaf, hidden ones (comments) included. */
function lastLeaf(node: CstNode): CstNode {
    let current = node;
    while (current instanceof CompositeCstNodeImpl && current.content.length > 0) {
        current = current.content[current.content.length - 1];
    }
    return current;
}

/** Where a node's text begins, its hidden parts (comments) included. */
function fullStart(node: CstNode): number {
    return firstLeaf(node).offset;
}

/** Where a node's text ends, its hidden parts (comments) included. */
function fullEnd(node: CstNode): number {
    return lastLeaf(node).end;
}
