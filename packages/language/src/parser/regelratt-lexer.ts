import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';
import type { IToken } from 'chevrotain';

/** How deep parentheses, chained `inte` and `annars om` may nest: far beyond any policy, far below the parser's stack. */
export const MAX_NESTING = 64;

/** The lexer error message that marks a cut for nesting; the document validator turns it into `nesting-too-deep`. */
export const NESTING_MARKER = '\u0000nesting-too-deep';

/**
 * The parser descends one level per parenthesis, `inte` and `annars om`; a few hundred levels
 * overflow its stack, and a stack overflow inside the parser kills the language server and leaves the
 * parser's state corrupted. So the token stream is cut where nesting first exceeds MAX_NESTING, with
 * an error at that place: the parser then sees ordinary unfinished text.
 */
export class RegelrattLexer extends DefaultLexer {
    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        const cut = firstTooDeep(result.tokens);
        if (cut !== undefined) {
            const token = result.tokens[cut];
            result.errors.push({
                offset: token.startOffset,
                line: token.startLine,
                column: token.startColumn,
                length: token.image.length,
                message: NESTING_MARKER,
            });
            result.tokens = result.tokens.slice(0, cut);
        }
        return result;
    }
}

function firstTooDeep(tokens: readonly IToken[]): number | undefined {
    let parentheses = 0;
    let negations = 0;
    let choices = 0;
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
            return index;
        }
    }
    return undefined;
}
