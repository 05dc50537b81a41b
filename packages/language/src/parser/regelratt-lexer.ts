import { DefaultLexer, type LangiumCoreServices, type LexerResult, type TokenizeOptions } from 'langium';
import type { ILexingError, IToken, TokenType } from 'chevrotain';
import { chainKeywords, periodKeywords, type ChainKeywords } from './formula-keywords.js';

/** How deep parentheses, chained `inte` and `annars om` may nest: far beyond any policy, far below the parser's stack. */
export const MAX_NESTING = 64;

/**
 * How many `och`, `eller` and arithmetic operators one criterion or formula may chain: far beyond
 * any policy (a criterion of a hundred parts is already unreadable), far below the depth at which
 * the left-nested tree of a chain overflows the stack (about 5 000), and small enough that the exact
 * analyses, which look at each part against the others, answer within a second.
 */
export const MAX_CHAIN = 500;

/** The lexer error message that marks a cut for nesting; the document validator turns it into `nesting-too-deep`. */
export const NESTING_MARKER = '\u0000nesting-too-deep';

/** The lexer error message that marks a cut for a chain too long; the document validator turns it into `chain-too-long`. */
export const CHAIN_MARKER = '\u0000chain-too-long';

/** How many digits a number may have: far beyond any amount (9 007 199 254 740 991 has 16), far below where arithmetic on it and its text in messages cost anything. */
export const MAX_DIGITS = 40;

/** How many characters a quoted text may have: several pages of prose. Longer prose belongs in comments above the declaration, which the document renders. */
export const MAX_TEXT = 20_000;

/** Lexer error messages that mark a token's problem; the document validator turns each into its diagnostic. */
export const TOKEN_MARKERS = {
    unterminated: '\u0000unterminated-text',
    textTooLong: '\u0000text-too-long',
    numberTooLong: '\u0000number-too-long',
} as const;

/**
 * The parser descends one level per parenthesis, `inte` and `annars om`; a few hundred levels
 * overflow its stack, and a stack overflow inside the parser kills the language server and leaves the
 * parser's state corrupted. Chains of `och` or `+` do not deepen the parser's stack but build a tree
 * as deep as they are long, which Langium's own tree walks overflow later. So the token stream is cut
 * where nesting first exceeds MAX_NESTING or a chain MAX_CHAIN, with an error at that place: the
 * parser then sees ordinary unfinished text.
 */
export class RegelrattLexer extends DefaultLexer {
    /** The keywords that chain (`och`, `+`, …) and those that end a chain, read from the grammar once. */
    private readonly chains: ChainKeywords;

    /** The periods of `kr/mån`, and the token type the `/` between `kr` and one of them gets. */
    private readonly periods: ReadonlySet<string>;
    private readonly unitSlash: TokenType;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.chains = chainKeywords(services.Grammar);
        this.periods = periodKeywords(services.Grammar);
        this.unitSlash = this.definition.UNIT_SLASH;
        if (!this.unitSlash) {
            throw new Error('The grammar has no UNIT_SLASH terminal: `kr/mån` needs it.');
        }
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        markUnitSlashes(result.tokens, this.periods, this.unitSlash);
        for (const problem of tokenProblems(result.tokens)) {
            result.errors.push(problem);
        }
        const cut = firstCut(result.tokens, this.chains);
        if (cut) {
            const token = result.tokens[cut.index];
            result.errors.push({
                offset: token.startOffset,
                line: token.startLine,
                column: token.startColumn,
                length: token.image.length,
                message: cut.marker,
            });
            result.tokens = result.tokens.slice(0, cut.index);
        }
        return result;
    }
}

/**
 * `/` is division, except between `kr` and a period (`kr/mån`, `kr / h`), where it is part of the
 * unit. One token of look-ahead cannot tell the two apart (`6 000 kr / 12` would be read as the start
 * of a unit, and the parser would then want a period), so the lexer, which sees both neighbours,
 * gives the unit's `/` a type of its own.
 */
function markUnitSlashes(tokens: IToken[], periods: ReadonlySet<string>, unitSlash: TokenType): void {
    for (let index = 1; index + 1 < tokens.length; index++) {
        const token = tokens[index];
        if (token.image === '/' && tokens[index - 1].image === 'kr' && periods.has(tokens[index + 1].image)) {
            token.tokenType = unitSlash;
            token.tokenTypeIdx = unitSlash.tokenTypeIdx!;
        }
    }
}

/**
 * Texts without their closing quote (the STRING terminal runs to the end of the line for them, so
 * the text stays one token and the rest of the file reads as before), and texts and numbers longer
 * than any policy needs. Each is an error at the token; the token stays, so the parser goes on.
 */
function tokenProblems(tokens: readonly IToken[]): ILexingError[] {
    const problems: ILexingError[] = [];
    const at = (token: IToken, message: string): ILexingError => ({ offset: token.startOffset, line: token.startLine, column: token.startColumn, length: token.image.length, message });
    for (const token of tokens) {
        const type = token.tokenType.name;
        if (type === 'STRING') {
            if (!isTerminated(token.image)) {
                problems.push(at(token, TOKEN_MARKERS.unterminated));
            } else if (token.image.length - 2 > MAX_TEXT) {
                problems.push(at(token, TOKEN_MARKERS.textTooLong));
            }
        } else if (type === 'NUMBER' && token.image.length > MAX_DIGITS && digitCount(token.image) > MAX_DIGITS) {
            problems.push(at(token, TOKEN_MARKERS.numberTooLong));
        }
    }
    return problems;
}

/** Whether a STRING token has its closing quote (one not escaped by a backslash). */
export function isTerminated(image: string): boolean {
    if (image.startsWith('”')) {
        return image.length >= 2 && image.endsWith('”');
    }
    if (image.length < 2 || !image.endsWith('"')) {
        return false;
    }
    let backslashes = 0;
    for (let index = image.length - 2; index > 0 && image[index] === '\\'; index--) {
        backslashes++;
    }
    return backslashes % 2 === 0;
}

function digitCount(image: string): number {
    let digits = 0;
    for (const character of image) {
        if (character >= '0' && character <= '9') {
            digits++;
        }
    }
    return digits;
}

/**
 * The first token past a limit, in one pass over the tokens (this runs on every keystroke).
 *
 * Nesting: parentheses, `inte` in a row and `annars om` (counted by its `om`) each deepen the parser.
 *
 * Chains: `a och b och c` parses as a tree as deep as the chain is long, and Langium walks such trees
 * recursively: a chain of a few thousand parts overflows the stack after parsing. The count runs
 * until a keyword that cannot stand in a formula (the next clause or block); names, numbers and the
 * soft keywords (which may be names) never end it, so the count is never less than the real chain.
 */
function firstCut(tokens: readonly IToken[], chains: ChainKeywords): { index: number; marker: string } | undefined {
    let parentheses = 0;
    let negations = 0;
    let choices = 0;
    let chain = 0;
    for (let index = 0; index < tokens.length; index++) {
        const image = tokens[index].image;
        if (image === '(') {
            parentheses++;
        } else if (image === ')') {
            parentheses = Math.max(0, parentheses - 1);
        } else if (image === '}') {
            // A block closes every chain that was open inside it.
            parentheses = 0;
            choices = 0;
        }
        negations = image === 'inte' ? negations + 1 : 0;
        if (image === 'om') {
            choices++;
        } else if (image === 'beräkning' || image === 'avgiftsutrymme' || image === 'maxtaxa') {
            choices = 0;
        }
        if (parentheses > MAX_NESTING || negations > MAX_NESTING || choices > MAX_NESTING) {
            return { index, marker: NESTING_MARKER };
        }
        // A keyword token's type is named by the keyword; a name `period` is an ID token, and does not end the chain.
        const type = tokens[index].tokenType.name;
        if (chains.operators.has(type)) {
            if (++chain > MAX_CHAIN) {
                return { index, marker: CHAIN_MARKER };
            }
        } else if (chains.ends.has(type)) {
            chain = 0;
        }
    }
    return undefined;
}
