import { DefaultTokenBuilder, GrammarUtils, RegExpUtils, type GrammarAST } from 'langium';
import type { TokenType } from 'chevrotain';

/**
 * Langium decides which keywords a longer name may swallow (`h` inside `hemvård`) by testing the
 * keyword against each terminal's pattern source. Our ID needs the `u` flag for `\p{L}` (å, ä, ö),
 * which turns its pattern into a matcher function with no source, so no keyword would ever give way
 * to a name. Here the test uses each terminal's own regular expression, flags included, so that
 * `h` gives way to `hemvård` and `/` to a `//` comment.
 */
export class RegelrattTokenBuilder extends DefaultTokenBuilder {
    private readonly terminalPatterns = new WeakMap<TokenType, RegExp>();

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
            // As Langium does (a keyword that could begin a longer terminal match yields to it), but with the flags kept.
            return pattern !== undefined && RegExpUtils.partialMatches(new RegExp(`^${pattern.source}$`, pattern.flags), keyword.value);
        });
    }
}

let startCharacters: string[] | undefined;

/** Every character of the Basic Multilingual Plane a name can start with: `_` and the letters (\p{L}). */
function nameStartCharacters(): string[] {
    if (!startCharacters) {
        const letter = /[\p{L}_]/u;
        startCharacters = [];
        for (let code = 0; code <= 0xffff; code++) {
            const character = String.fromCharCode(code);
            if (letter.test(character)) {
                startCharacters.push(character);
            }
        }
    }
    return startCharacters;
}
