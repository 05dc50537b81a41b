import { DefaultValueConverter, ValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { canonicalDecimal } from '@regelratt/analyses';
import { isTerminated } from './regelratt-lexer.js';

/** NUMBER becomes canonical decimal text, ORDINAL (`3:e`) its number and STRING its text; the rest as Langium does. */
export class RegelrattValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        switch (rule.name) {
            case 'NUMBER':
                return canonicalDecimal(input);
            case 'ORDINAL':
                return Number.parseInt(input, 10);
            case 'STRING':
                // An unterminated text (an error the lexer reports) keeps all it has after its quote.
                return ValueConverter.convertString(isTerminated(input) ? input : `${input}"`);
            case 'SignedNumber':
                return canonicalDecimal(input.replace(/\s/g, ''));
            default:
                return super.runConverter(rule, input, cstNode);
        }
    }
}
