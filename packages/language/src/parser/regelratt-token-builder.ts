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
        this.terminalPatterns.set(token, GrammarUtils.terminalRegex(terminal));
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
