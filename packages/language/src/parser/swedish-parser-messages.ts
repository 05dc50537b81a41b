import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import { EOF } from 'chevrotain';
import type { LocaleSetting } from '@regelratt/analyses';
import { nearestName } from '../validation/nearest-name.js';

const terminalNames: Record<string, { sv: string; en: string }> = {
    NUMBER: { sv: 'ett tal', en: 'a number' },
    ID: { sv: 'ett namn', en: 'a name' },
    STRING: { sv: 'en text inom citattecken', en: 'a quoted text' },
    DATE: { sv: 'ett datum (ÅÅÅÅ-MM-DD)', en: 'a date (YYYY-MM-DD)' },
    ORDINAL: { sv: 'ett ordningstal som 3:e', en: 'an ordinal such as 3:e' },
    EOF: { sv: 'filens slut', en: 'the end of the file' },
    UNIT_SLASH: { sv: "'/' (som i kr/mån)", en: "'/' (as in kr/mån)" },
};

const MAX_LISTED = 8;
/** How many characters of an unexpected token a message shows. */
const MAX_SHOWN = 24;
/** Shorter words than this are too near too many keywords (`x` is one letter from `i`) to suggest one. */
const MIN_SUGGESTED_FROM = 4;

/**
 * Parser messages a policy writer can act on: keywords in quotes, terminals by what they are
 * ("ett tal", "ett namn"), never Chevrotain's internal token names.
 */
export class SwedishParserErrorMessageProvider implements IParserErrorMessageProvider {
    /** @param keywords the language's keywords that are words (grammar-keywords.ts), suggested for a misspelt one. */
    constructor(private readonly locale: LocaleSetting, private readonly keywords: readonly string[] = []) { }

    buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        return this.render([options.expected], options.actual);
    }

    buildNotAllInputParsedMessage(options: { firstRedundant: IToken; ruleName: string }): string {
        const found = this.found(options.firstRedundant);
        return (this.locale.current === 'sv'
            ? `Oväntat ${found}: här väntas en ny deklaration, till exempel 'insats', 'förlopp' eller 'nivåtabell'.`
            : `Unexpected ${found}: a new declaration is expected here, such as 'insats', 'förlopp' or 'nivåtabell'.`) + this.hint(options.firstRedundant);
    }

    buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const firsts = options.expectedPathsPerAlt.flatMap(alt => alt.map(path => path[0])).filter(t => t !== undefined);
        return this.render(firsts, options.actual[0]);
    }

    buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; customUserDescription?: string; ruleName: string }): string {
        const firsts = options.expectedIterationPaths.map(path => path[0]).filter(t => t !== undefined);
        return this.render(firsts, options.actual[0]);
    }

    private render(expectedTypes: TokenType[], actual: IToken | undefined): string {
        const unique = [...new Set(expectedTypes.map(t => this.describe(t)))];
        const listed = unique.slice(0, MAX_LISTED);
        const sv = this.locale.current === 'sv';
        const more = unique.length > MAX_LISTED ? (sv ? ' …' : ' …') : '';
        const list = listed.length <= 1
            ? (listed[0] ?? '?')
            : `${listed.slice(0, -1).join(', ')}${sv ? ' eller ' : ' or '}${listed[listed.length - 1]}${more}`;
        if (!actual || actual.tokenType === EOF) {
            return sv ? `Filen tar slut för tidigt: här väntas ${list}.` : `The file ends too early: ${list} is expected here.`;
        }
        const found = this.found(actual);
        return (sv ? `Oväntat ${found}: här väntas ${list}.` : `Unexpected ${found}: ${list} is expected here.`) + this.reserved(expectedTypes, actual) + this.hint(actual);
    }

    /**
     * A keyword written where a name is expected (`insats avgift`): the writer chose a name the
     * language keeps for itself, which "a name is expected" alone does not tell them.
     */
    private reserved(expected: readonly TokenType[], actual: IToken): string {
        const word = actual.image;
        if (actual.tokenType.name === 'ID' || !expected.some(t => t.name === 'ID') || !/^\p{L}[\p{L}\p{N}_]*$/u.test(word)) {
            return '';
        }
        return this.locale.current === 'sv'
            ? ` '${word}' är ett reserverat ord i språket och kan inte vara ett namn; välj ett annat, till exempel '${word}_1'.`
            : ` '${word}' is a reserved word of the language and cannot be a name; choose another, such as '${word}_1'.`;
    }

    /**
     * What a writer most likely meant by a token that fits nowhere: a decimal point where Swedish
     * writes a comma, or a misspelt keyword (`nivåtabel`), the nearest one as for misspelt names
     * (nearest-name.ts).
     */
    private hint(token: IToken): string {
        const sv = this.locale.current === 'sv';
        if (token.image === '.') {
            return sv ? ' Decimaltal skrivs med komma: 0,5, inte 0.5.' : ' Decimals are written with a comma: 0,5, not 0.5.';
        }
        if (token.tokenType.name === 'ID' && token.image.length >= MIN_SUGGESTED_FROM) {
            const typed = token.image.toLowerCase();
            // A keyword that may also be a name (`andel`, `område`) is lexed as a name: no suggestion of itself.
            const suggestion = this.keywords.some(k => k.toLowerCase() === typed) ? undefined : nearestName(token.image, this.keywords);
            if (suggestion) {
                return sv ? ` Menade du '${suggestion}'?` : ` Did you mean '${suggestion}'?`;
            }
        }
        return '';
    }

    private found(token: IToken): string {
        if (token.tokenType === EOF) {
            return terminalNames.EOF[this.locale.current];
        }
        // A token can be a whole pasted page (a number of 100 000 digits): the message shows its start.
        const image = token.image.length > MAX_SHOWN ? `${token.image.slice(0, MAX_SHOWN)}…` : token.image;
        return `'${image}'`;
    }

    private describe(type: TokenType): string {
        const name = type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
        const terminal = terminalNames[name];
        if (terminal) {
            return terminal[this.locale.current];
        }
        return `'${name}'`;
    }
}
