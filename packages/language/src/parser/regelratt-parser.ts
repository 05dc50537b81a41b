import { createParser, LangiumParser, type AstNode, type AstReflection, type LangiumCoreServices, type ParseResult, type ParserOptions, type TypeMetaData } from 'langium';
import type { ILexingError, IRecognitionException, IToken } from 'chevrotain';
import { forEachChild } from '../utils/ast-walk.js';
import { RegelrattCstNodeBuilder } from './cst-node-builder.js';
import { markRecoveredDeclarations } from './recovered-declarations.js';
import type { Policy } from '../generated/ast.js';

/**
 * Langium's parser, with its last step done without allocating. Langium's `parse` links every node
 * to its container by a deep walk that reads each node through `Object.entries` (an array of pairs
 * per node) and each array through `forEach` with a closure: on a 10 000-line file a tenth of the
 * parse and much of its garbage (docs/performance.md, session 7). `linkContainers` sets the same
 * three properties (`$container`, `$containerProperty`, `$containerIndex` for array items) on the
 * same nodes in the same order.
 *
 * Hidden tokens (comments) are attached in time and stack space that do not grow with the file:
 * taken from the lexer's list by a cursor (`hiddenBefore`, also giving the trailing ones at the end
 * of `parse`) and put into the tree by RegelrattCstNodeBuilder (cst-node-builder.ts).
 *
 * `parse` is Langium 4.4's `LangiumParser.parse` with those two steps replaced; the rest of the
 * parser is Langium's. A test parses every example and a set of broken texts with this parser and
 * with Langium's and requires the same trees (abstract and concrete, comments included), containers
 * and errors, so a Langium update that changes `parse` cannot go unnoticed
 * (packages/language/test/regelratt-parser.test.ts).
 */
export class RegelrattParser extends LangiumParser {
    /** How many of the current parse's hidden tokens are already in the tree. */
    private hiddenRead = 0;

    constructor(services: LangiumCoreServices) {
        super(services);
        // Langium reads the reflection here for one thing only: each new node's properties that have
        // a default (`[]`, `false`), through Object.values of all its properties, for every node: a
        // fourteenth of the parse. It gets each type's defaulted properties alone, worked out once.
        // (A private field of Langium's: if it were renamed, this would only be an unused property.)
        (this as unknown as { astReflection: Pick<AstReflection, 'getTypeMetaData'> }).astReflection = defaultsOnly(services.shared.AstReflection);
        // Langium's builder spreads the comments before a token into one call's arguments, which
        // overflows the stack for a long run of comment lines (cst-node-builder.ts).
        (this as unknown as { nodeBuilder: RegelrattCstNodeBuilder }).nodeBuilder = new RegelrattCstNodeBuilder();
        // Langium takes the comments before each token off the front of the list of all comments
        // with splice, moving the rest every time: quadratic in a file with a comment on every line.
        // A cursor gives the same tokens (a private method of Langium's, as the field above).
        (this as unknown as { extractHiddenTokens(token: IToken): IToken[] }).extractHiddenTokens = token => this.hiddenBefore(token);
    }

    override parse<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        // Langium keeps these private; their names and meaning are those of Langium 4.4's parse.
        const self = this as unknown as LangiumParserInternals;
        self.nodeBuilder.buildRootNode(input);
        const lexerResult = self.lexerResult = this.lexer.tokenize(input);
        this.wrapper.input = lexerResult.tokens;
        const ruleMethod = options.rule ? this.allRules.get(options.rule) : this.mainRule;
        if (!ruleMethod) {
            throw new Error(options.rule ? `No rule found with name '${options.rule}'` : 'No main rule available.');
        }
        this.hiddenRead = 0;
        const result = self.doParse(ruleMethod) as T;
        self.nodeBuilder.addHiddenNodes(lexerResult.hidden.slice(this.hiddenRead));
        this.unorderedGroups.clear();
        self.lexerResult = undefined;
        linkContainers(result);
        if (this.wrapper.errors.length > 0 && Array.isArray((result as Partial<Policy>).elements)) {
            markRecoveredDeclarations(result as unknown as Policy, lexerResult.tokens);
        }
        return {
            value: result,
            lexerErrors: lexerResult.errors as ILexingError[],
            lexerReport: lexerResult.report,
            parserErrors: this.wrapper.errors as IRecognitionException[],
        };
    }

    /** The hidden tokens before `token` not yet in the tree, as Langium's extractHiddenTokens gives them. */
    private hiddenBefore(token: IToken): IToken[] {
        const hidden = (this as unknown as LangiumParserInternals).lexerResult?.hidden ?? [];
        const start = this.hiddenRead;
        let end = start;
        while (end < hidden.length && hidden[end].startOffset <= token.startOffset) {
            end++;
        }
        this.hiddenRead = end;
        return end === start ? [] : hidden.slice(start, end);
    }
}

interface LangiumParserInternals {
    nodeBuilder: { buildRootNode(input: string): unknown; addHiddenNodes(tokens: unknown[]): void };
    lexerResult: ReturnType<LangiumParser['lexer']['tokenize']> | undefined;
    doParse(rule: unknown): AstNode;
}

/** A reflection that answers getTypeMetaData with the properties that have a default value only. */
function defaultsOnly(reflection: AstReflection): Pick<AstReflection, 'getTypeMetaData'> {
    const trimmed = new Map<string, TypeMetaData>();
    return {
        getTypeMetaData(type: string): TypeMetaData {
            let metaData = trimmed.get(type);
            if (!metaData) {
                const full = reflection.getTypeMetaData(type);
                const properties = Object.fromEntries(Object.entries(full.properties).filter(([, property]) => property.defaultValue !== undefined));
                metaData = { ...full, properties };
                trimmed.set(type, metaData);
            }
            return metaData;
        },
    };
}

/** Langium's `createLangiumParser`, building a `RegelrattParser`. */
export function createRegelrattParser(services: LangiumCoreServices): RegelrattParser {
    const parser = new RegelrattParser(services);
    createParser(services.Grammar, parser, services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/**
 * Every node below `node` linked to its container, as Langium's `linkContentToContainer(node, { deep: true })`
 * links them: the children forEachChild gives, in its order, `$containerIndex` for array items only.
 */
export function linkContainers(node: AstNode): void {
    forEachChild(node, linkChild);
}

function linkChild(child: AstNode, property: string, index: number | undefined, container: AstNode): void {
    const linked = child as { -readonly [K in keyof AstNode]: AstNode[K] };
    linked.$container = container;
    linked.$containerProperty = property;
    if (index !== undefined) {
        linked.$containerIndex = index;
    }
    linkContainers(child);
}
