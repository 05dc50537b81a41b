import { AstUtils, GrammarAST } from 'langium';
import { SOFT_KEYWORDS } from './regelratt-token-builder.js';

/**
 * Every keyword that can stand inside a criterion or a formula: the keywords reachable from the
 * grammar's `Criterion` and `Expression` rules (operators, `och`, `i { … }`, units, `vid nivå`, …).
 * Derived from the grammar, so a new operator or unit is counted the day it is added; any other
 * keyword (`period`, `beräkning`, `förväntat`, `|`, …) begins something that is not a formula.
 */
function formulaKeywords(grammar: GrammarAST.Grammar): ReadonlySet<string> {
    const keywords = new Set<string>();
    const visited = new Set<GrammarAST.AbstractRule>();
    const pending = grammar.rules.filter(rule => rule.name === 'Criterion' || rule.name === 'Expression');
    if (pending.length !== 2) {
        throw new Error('The grammar has no Criterion or no Expression rule: the formula-length limit needs both.');
    }
    while (pending.length > 0) {
        const rule = pending.pop()!;
        if (visited.has(rule) || !GrammarAST.isParserRule(rule)) {
            continue;
        }
        visited.add(rule);
        for (const node of AstUtils.streamAllContents(rule)) {
            if (GrammarAST.isKeyword(node)) {
                keywords.add(node.value);
            } else if (GrammarAST.isRuleCall(node) && node.rule.ref) {
                pending.push(node.rule.ref);
            }
        }
    }
    return keywords;
}

/** The rules whose operators chain, each building a tree one level deeper per operator. */
const CHAINING_RULES = ['Disjunction', 'Conjunction', 'Addition', 'Multiplication'];

/** The keywords that chain parts of a criterion or formula (`och`, `eller`, `+`, `×`, …), read from the chaining rules. */
function chainOperators(grammar: GrammarAST.Grammar): ReadonlySet<string> {
    const rules = grammar.rules.filter(rule => CHAINING_RULES.includes(rule.name));
    if (rules.length !== CHAINING_RULES.length) {
        throw new Error(`The grammar lacks one of the rules ${CHAINING_RULES.join(', ')}: the formula-length limit needs them.`);
    }
    return new Set(rules.flatMap(rule => AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword).map(keyword => keyword.value).toArray()));
}

/** What the lexer's chain limit counts and where a chain ends. */
export interface ChainKeywords {
    /** The keywords that chain parts (`och`, `eller`, `+`, `×`, …). */
    operators: ReadonlySet<string>;
    /** The keywords that cannot stand inside a criterion or formula, less the soft keywords (which may be names). */
    ends: ReadonlySet<string>;
}

export function chainKeywords(grammar: GrammarAST.Grammar): ChainKeywords {
    const inside = formulaKeywords(grammar);
    const soft: readonly string[] = SOFT_KEYWORDS;
    const ends = AstUtils.streamAllContents(grammar).filter(GrammarAST.isKeyword).map(keyword => keyword.value)
        .filter(keyword => !inside.has(keyword) && !soft.includes(keyword));
    return { operators: chainOperators(grammar), ends: new Set(ends) };
}

/** The periods an amount can be per after a slash (`mån`, `h`, `år`, …): the keywords of the grammar's `Period` rule, and the occasions. */
export function periodKeywords(grammar: GrammarAST.Grammar): ReadonlySet<string> {
    const rule = grammar.rules.find(r => r.name === 'Period');
    if (!rule) {
        throw new Error('The grammar has no Period rule: the unit of `kr/mån` needs it.');
    }
    return new Set([...AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword).map(keyword => keyword.value), ...OCCASIONS, ...DAY]);
}

/**
 * The occasions an amount can be per after a slash (`450 kr/besök`, `55 kr/portion`): singular, as a
 * unit reads; `6 000 kr / portioner` (plural, often an attribute's name) stays a division.
 */
const OCCASIONS = ['besök', 'insats', 'portion', 'tillfälle'];

/** `kr/dag` is `kr/dygn` (a keyword, so never a name being divided by); `dag` is no Period, since a level table is `per dygn`. */
const DAY = ['dag'];
