import { AstUtils, GrammarAST, type AstNode, type AstNodeDescription, type LangiumDocument, type MaybePromise, type ReferenceInfo } from 'langium';
import type { CancellationToken, CompletionList, CompletionParams } from 'vscode-languageserver-protocol';
import { periodKeywords } from '../parser/formula-keywords.js';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem, type NextFeature } from 'langium/lsp';
import { isBooleanType, isDecisionInput, isDecisionQuestion, isDecisionTable, isLiteral, isReferenceExpression } from '../generated/ast.js';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-protocol';
import { attributeOfLiteralOwner } from '../references/cell-attribute.js';
import { kindName } from '../i18n/element-kind-names.js';
import type { LocaleSetting } from '@regelratt/analyses';
import type { RegelrattLspServices } from './regelratt-lsp-module.js';

/** Whole blocks a writer starts often, offered beside their keyword. */
const snippets: Record<string, { label: string; detail: string; body: string }> = {
    'nivåtabell': {
        label: 'nivåtabell … { … }',
        detail: 'Nivåtabell med insats, giltighet och nivåer',
        body: 'nivåtabell ${1:namn} "${2:Titel}" {\n\tinsats ${3:insats}\n\tgiltig från ${4:2025-01-01}\n\tnivåer ${5:0}–${6:3}\n\tper månad\n\tavrundning hela kronor, halva bort från noll\n\tnivå ${5:0} : ${7:0} kr\n}',
    },
    'förloppsmodell': {
        label: 'förloppsmodell … { förlopp … }',
        detail: 'De tre förloppen efter aktivitetsförmåga',
        body: 'förloppsmodell ${1:namn} "${2:Titel}" {\n\tavser ${3:insats}\n\tförlopp ${1}_1 "Förlopp 1" {\n\t\tnär ${4:aktivitetsförmåga} = ${5:hög}\n\t\tförflyttning självständig\n\t}\n\tförlopp ${1}_2 "Förlopp 2" {\n\t\tnär ${4} = ${6:utvecklingsbar}\n\t\tförflyttning lägre nivå\n\t}\n\tförlopp ${1}_3 "Förlopp 3" {\n\t\tnär ${4} = ${7:nedsatt}\n\t\tförflyttning ingen\n\t}\n}',
    },
    'pilot': {
        label: 'pilot … { … }',
        detail: 'Pilot med period, insatser och kriterier',
        body: 'pilot ${1:namn} "${2:Titel}" {\n\tinom ${3:testfas}\n\tperiod från ${4:2025-01-01} till ${5:2025-12-31}\n\tinsatser ${6:insats}\n\tinkludera när ${7:villkor}\n\texkludera när ${8:villkor}\n\tmål ${9:mål} "${10:Beskrivning}" : ${11:80} % inom ${12:8} veckor\n}',
    },
    'exempel': {
        label: 'exempel … { … }',
        detail: 'Exempel som låser ett svar',
        body: 'exempel ${1:namn} "${2:Beskrivning}" {\n\tdatum ${3:2025-01-01}\n\tplacering i ${4:förloppsmodell} för { ${5:aktivitetsförmåga} = ${6:hög} }\n\tförväntat förlopp ${7:förlopp}\n}',
    },
};

/** Langium's completion (keywords in context, names in scope, enumeration values after a comparison) plus block snippets. */
export class RegelrattCompletionProvider extends DefaultCompletionProvider {
    /** False when the editor contributes the snippets itself (the VS Code extension does). */
    offerSnippets = true;

    private periods: readonly string[] | undefined;

    private readonly locale: LocaleSetting;

    constructor(services: RegelrattLspServices) {
        super(services);
        this.locale = services.i18n.Locale;
    }

    /** A name's detail says what it is in the writer's words ("värde", "egenskap"), not the AST type ("EnumerationValue"). */
    protected override createReferenceCompletionItem(description: AstNodeDescription, reference: ReferenceInfo, context: CompletionContext): CompletionValueItem {
        return { ...super.createReferenceCompletionItem(description, reference, context), detail: kindName(description.type, this.locale.current) };
    }

    /**
     * After `kr/` the `/` is division until a period follows (the lexer decides by the next word: see
     * parser/regelratt-lexer.ts), so the grammar alone offers what a divisor can be; the periods that
     * make it a unit (`kr/mån`) are offered too.
     */
    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        const list = await super.getCompletion(document, params, cancelToken);
        const text = document.textDocument.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
        const unit = /(?:^|[^\p{L}\p{N}_])kr\s*\/\s*(\p{L}*)$/u.exec(text);
        if (!unit) {
            return list;
        }
        this.periods ??= [...periodKeywords(this.grammar)];
        const typed = unit[1];
        const range = { start: { line: params.position.line, character: params.position.character - typed.length }, end: params.position };
        const items = this.periods.filter(period => period.startsWith(typed)).map(period => ({
            label: period, kind: CompletionItemKind.Unit, detail: `kr/${period}`, textEdit: { range, newText: period }, sortText: `0${period}`,
        }));
        return { isIncomplete: list?.isIncomplete ?? false, items: [...items, ...(list?.items ?? []).filter(item => !this.periods!.includes(item.label))] };
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        // After `tabell.`: the table's own output columns.
        // The name alternative of the column rule (`ID`) is where a column goes.
        const inColumn = GrammarAST.isRuleCall(next.feature) && AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name === 'ColumnName';
        if (inColumn) {
            const node = context.node;
            const target = columnOwner(node);
            if (isDecisionTable(target)) {
                for (const output of target.header?.outputs ?? []) {
                    acceptor(context, { label: output.column, kind: CompletionItemKind.Field, detail: `${target.name}.${output.column}`, sortText: `0${output.column}` });
                }
                return;
            }
        }
        return super.completionFor(context, next, acceptor);
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        // The keywords a column may be named after are no suggestion where the table's own columns are.
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
        if (rule?.name === 'ColumnName') {
            const node = context.node;
            if (isDecisionTable(columnOwner(node))) {
                return;
            }
        }
        // `ja`/`nej` after a comparison only where the attribute compared is a ja/nej one: after
        // `aktivitetsförmåga =` the values are the enumeration's own (the scope provider's).
        if (rule?.name === 'BooleanLiteral') {
            const attribute = comparedAttribute(context.node);
            if (attribute?.type && !isBooleanType(attribute.type)) {
                return;
            }
        }
        const snippet = this.offerSnippets ? snippets[keyword.value] : undefined;
        if (snippet) {
            acceptor(context, {
                label: snippet.label,
                kind: CompletionItemKind.Snippet,
                detail: snippet.detail,
                insertText: snippet.body,
                insertTextFormat: InsertTextFormat.Snippet,
                sortText: `1${keyword.value}`,
            });
        }
        // Langium's keyword item says "Keyword"; the writer reads "nyckelord".
        return super.completionForKeyword(context, keyword, (ctx, item) => acceptor(ctx, item.kind === CompletionItemKind.Keyword && item.detail === 'Keyword'
            ? { ...item, detail: this.locale.current === 'sv' ? 'nyckelord' : 'keyword' }
            : item));
    }
}

/**
 * The attribute a value typed at the cursor would be compared with or given for: the node completion
 * stands on is the comparison (cell, citizen value) itself, or the literal already begun inside it.
 */
function comparedAttribute(node: AstNode | undefined): ReturnType<typeof attributeOfLiteralOwner> {
    return attributeOfLiteralOwner(node) ?? (isLiteral(node) ? attributeOfLiteralOwner(node.$container, node) : undefined);
}

/** The table whose output columns go after `tabell.`: in a formula, an example's question, or a chained input column (`| nivåbedömning.nivå |`). */
function columnOwner(node: AstNode | undefined): AstNode | undefined {
    return isReferenceExpression(node) ? node.target?.ref : isDecisionQuestion(node) ? node.table?.ref : isDecisionInput(node) ? node.table?.ref : undefined;
}
