import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';
import { canonicalDecimal } from '../numbers/decimal-text.js';

/** NUMBER becomes canonical decimal text and ORDINAL (`3:e`) its number; the rest as Langium does. */
export class RegelrattValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        switch (rule.name) {
            case 'NUMBER':
                return canonicalDecimal(input);
            case 'ORDINAL':
                return Number.parseInt(input, 10);
            case 'SignedNumber':
                return canonicalDecimal(input.replace(/\s/g, ''));
            default:
                return super.runConverter(rule, input, cstNode);
        }
    }
}
