import { AstUtils, GrammarAST } from 'langium';

/**
 * Every keyword of the language that is a word (`nivåtabell`, `takbelopp`, `förflyttning`, not `||`),
 * read from the grammar, so that a misspelt one can be suggested wherever it stands and a new keyword
 * needs no list here. (Inside a block, where the parser only says it wants the closing brace, the
 * clause keywords are not among what it expected, so all of them are candidates.)
 */
export function grammarKeywords(grammar: GrammarAST.Grammar): string[] {
    const words = new Set<string>();
    for (const node of AstUtils.streamAllContents(grammar)) {
        if (GrammarAST.isKeyword(node) && /^\p{L}+$/u.test(node.value)) {
            words.add(node.value);
        }
    }
    return [...words].sort();
}
