import { DefaultTokenBuilder, GrammarUtils, type GrammarAST } from 'langium';
import type { TokenType } from 'chevrotain';

/**
 * Langium decides which keywords a longer name may swallow (`h` inside `hemvård`) by testing the
 * keyword against each terminal's pattern source. Our ID needs the `u` flag for `\p{L}` (å, ä, ö),
 * which turns its pattern into a matcher function with no source, so no keyword would ever give way
 * to a name. Here the test uses each terminal's own regular expression, flags included.
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
            return pattern !== undefined && new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, '')).test(keyword.value);
        });
    }
}
