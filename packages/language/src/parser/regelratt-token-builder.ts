import { DefaultTokenBuilder, GrammarUtils, RegExpUtils, type GrammarAST, type TokenBuilderOptions } from 'langium';
import { Lexer, type TokenType, type TokenVocabulary } from 'chevrotain';

/**
 * Keywords that may also be names: a policy writer names a calculation after what it computes
 * (`beräkning maxtaxa = …`, `beräkning ersättning = …`), an example after what it shows (`exempel fel`),
 * an attribute after what it is (`behov`, `regi`, `område`). Each is a keyword where the grammar asks
 * for it and a name (an ID) everywhere a name goes: its token is in the ID token's category. Only
 * words that, as keywords, start a clause of a block and never stand where an expression or a
 * criterion goes on, so the parser cannot mistake them. Costs the parser nothing, unlike a name rule.
 */
export const SOFT_KEYWORDS = ['maxtaxa', 'avgiftsutrymme', 'andel', 'takbelopp', 'fel', 'inget', 'ingen', 'behov', 'ersättning', 'regi', 'område', 'samla', 'summa', 'antal',
    // `kan vara negativ` on a calculation: also a test result (`en av { positiv, negativ }`) or goods (`vara`).
    'kan', 'vara', 'negativ',
    // Occasions a quantity counts or is per (`2 tillfällen`, `kr/besök`): also what an attribute counts (`portioner`).
    'tillfälle', 'tillfällen', 'besök', 'portion', 'portioner',
    // The events a duty's deadline runs from (`inom 4 veckor från ansökan`): also attributes, phases and values (`fas uppföljning`).
    'ansökan', 'verkställighet', 'uppföljning',
    // `ska i regel`: only after `i` there; a name elsewhere.
    'regel'] as const;

/**
 * Terminals no text matches by itself: the lexer gives them to a token it has read as something else
 * (`/` between `kr` and a period becomes UNIT_SLASH, see RegelrattLexer).
 */
export const LEXER_ASSIGNED_TERMINALS: readonly string[] = ['UNIT_SLASH'];

/**
 * Langium decides which keywords a longer name may swallow (`h` inside `hemvård`) by testing the
 * keyword against each terminal's pattern source. Our ID needs the `u` flag for `\p{L}` (å, ä, ö),
 * which turns its pattern into a matcher function with no source, so no keyword would ever give way
 * to a name. Here the test uses each terminal's own regular expression, flags included, so that
 * `h` gives way to `hemvård` and `/` to a `//` comment.
 */
export class RegelrattTokenBuilder extends DefaultTokenBuilder {
    /** Per terminal: its pattern matching a whole string, and Langium's partial form of it, built once (not once per keyword). */
    private readonly terminalPatterns = new WeakMap<TokenType, { whole: RegExp; partial: RegExp }>();

    override buildTokens(grammar: GrammarAST.Grammar, options?: TokenBuilderOptions): TokenVocabulary {
        const vocabulary = super.buildTokens(grammar, options);
        const tokens = Array.isArray(vocabulary) ? vocabulary : Object.values(vocabulary as Record<string, TokenType>).flat();
        const id = tokens.find(token => token.name === 'ID');
        if (id) {
            for (const token of tokens) {
                if ((SOFT_KEYWORDS as readonly string[]).includes(token.name)) {
                    token.CATEGORIES = [...(token.CATEGORIES ?? []), id];
                }
            }
        }
        return vocabulary;
    }

    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        if (LEXER_ASSIGNED_TERMINALS.includes(terminal.name)) {
            // Its grammar pattern (`[^\s\S]`) matches nothing, and says so in the only way a grammar
            // can; Chevrotain cannot tell the first characters of a complement set and would give up
            // its first-character lookup for every token of every file (ten times slower lexing).
            return { name: terminal.name, PATTERN: Lexer.NA };
        }
        const token = super.buildTerminalToken(terminal);
        const regex = GrammarUtils.terminalRegex(terminal);
        const whole = new RegExp(`^(?:${regex.source})$`, regex.flags);
        this.terminalPatterns.set(token, { whole, partial: RegExpUtils.partialRegExp(whole) });
        if (typeof token.PATTERN === 'function' && terminal.name === 'ID') {
            // Chevrotain cannot see into a matcher function, and without a hint of the characters a
            // token can start with it gives up its first-character lookup for the whole lexer.
            token.START_CHARS_HINT = nameStartCharacters(token.PATTERN as (text: string, offset: number) => unknown);
        }
        return token;
    }

    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        return terminalTokens.filter(token => {
            const pattern = this.terminalPatterns.get(token);
            if (pattern === undefined) {
                return false;
            }
            // As Langium does (a keyword that could begin a longer terminal match yields to it: its
            // partialMatches), but with the flags kept. A keyword the terminal matches whole (every word
            // against ID) is such a beginning already: the cheap test first, as this runs for every
            // keyword at every start-up.
            if (pattern.whole.test(keyword.value)) {
                return true;
            }
            const match = keyword.value.match(pattern.partial);
            return match !== null && match[0].length > 0;
        });
    }
}

/**
 * Characters a name can start with, as Chevrotain's first-character lookup needs them: every
 * character below 256 the name pattern itself accepts (each has a slot of its own there), and one
 * character of each block of 255 above, which share a slot (Chevrotain's charCodeToOptimizedIndex: 255
 * + ⌊code / 255⌋), so a name may start with any of them. A block without letters then lists names
 * needlessly, which costs a failed match on such a character, nothing more. Naming every letter of the
 * plane instead (some 48 000, found by a \p{L} expression compiled for the purpose) cost about a
 * twentieth of start-up. The parsing tests lex every letter of the plane as the start of a name, so a
 * change in Chevrotain's slots cannot go unnoticed.
 */
function nameStartCharacters(matches: (text: string, offset: number) => unknown): string[] {
    const hint: string[] = [];
    for (let code = 0; code < 256; code++) {
        const character = String.fromCharCode(code);
        if (matches(character, 0)) {
            hint.push(character);
        }
    }
    for (let bucket = 255; bucket <= 0xffff; bucket += 255) {
        // Codes bucket … bucket + 254 share a slot; 255 itself has its own (above).
        hint.push(String.fromCharCode(Math.max(bucket, 256)));
    }
    return hint;
}
