import { DefaultTokenBuilder, GrammarUtils, RegExpUtils, type GrammarAST, type TokenBuilderOptions } from 'langium';
import type { TokenType, TokenVocabulary } from 'chevrotain';

/**
 * Keywords that may also be names: a policy writer names a calculation after what it computes
 * (`beräkning maxtaxa = …`, `beräkning ersättning = …`), an example after what it shows (`exempel fel`),
 * an attribute after what it is (`behov`, `regi`, `område`). Each is a keyword where the grammar asks
 * for it and a name (an ID) everywhere a name goes: its token is in the ID token's category. Only
 * words that, as keywords, start a clause of a block and never stand where an expression or a
 * criterion goes on, so the parser cannot mistake them. Costs the parser nothing, unlike a name rule.
 */
export const SOFT_KEYWORDS = ['maxtaxa', 'avgiftsutrymme', 'andel', 'takbelopp', 'fel', 'inget', 'ingen', 'behov', 'ersättning', 'regi', 'område', 'samla', 'summa', 'antal'] as const;

/**
 * Langium decides which keywords a longer name may swallow (`h` inside `hemvård`) by testing the
 * keyword against each terminal's pattern source. Our ID needs the `u` flag for `\p{L}` (å, ä, ö),
 * which turns its pattern into a matcher function with no source, so no keyword would ever give way
 * to a name. Here the test uses each terminal's own regular expression, flags included, so that
 * `h` gives way to `hemvård` and `/` to a `//` comment.
 */
export class RegelrattTokenBuilder extends DefaultTokenBuilder {
    private readonly terminalPatterns = new WeakMap<TokenType, RegExp>();

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
        const token = super.buildTerminalToken(terminal);
        const regex = GrammarUtils.terminalRegex(terminal);
        this.terminalPatterns.set(token, regex);
        if (typeof token.PATTERN === 'function' && terminal.name === 'ID') {
            // Chevrotain cannot see into a matcher function, and without a hint of the characters a
            // token can start with it gives up its first-character lookup for the whole lexer.
            token.START_CHARS_HINT = nameStartCharacters();
        }
        return token;
    }

    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        return terminalTokens.filter(token => {
            const pattern = this.terminalPatterns.get(token);
            if (pattern === undefined) {
                return false;
            }
            // As Langium does (a keyword that could begin a longer terminal match yields to it), but with
            // the flags kept. A keyword the terminal matches whole (every word against ID) is such a
            // beginning already: the cheap test first, as this runs for every keyword at every start-up.
            const whole = new RegExp(`^(?:${pattern.source})$`, pattern.flags);
            return whole.test(keyword.value) || RegExpUtils.partialMatches(whole, keyword.value);
        });
    }
}

let startCharacters: string[] | undefined;

/** Every character of the Basic Multilingual Plane a name can start with: `_` and the letters (\p{L}). */
function nameStartCharacters(): string[] {
    if (!startCharacters) {
        // One native scan of the whole plane, rather than a test per character.
        let plane = '';
        for (let code = 0; code <= 0xffff; code += 0x1000) {
            plane += String.fromCharCode(...Array.from({ length: 0x1000 }, (_, offset) => code + offset));
        }
        startCharacters = plane.match(/[\p{L}_]/gu) ?? [];
    }
    return startCharacters;
}
