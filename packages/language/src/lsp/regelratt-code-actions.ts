import { AstUtils, CstUtils, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { CodeActionParams } from 'vscode-languageserver-protocol';
import * as ast from '../generated/ast.js';
import type { LocaleSetting } from '@regelratt/analyses';
import { mergeableRows } from '@regelratt/analyses';
import { decisionTableInput } from '../analysis/decision-table-input.js';
import { answersList } from '../compiler/compile-decision-table.js';
import { missingLevels } from '../validation/level-table-checks.js';
import type { RegelrattLspServices } from './regelratt-lsp-module.js';

/**
 * Quick fixes where the fix is clear: a misspelt name to the nearest declared one, the unit an
 * amount lacks, the levels a table declares but lacks (as open rows to fill in), a förlopp for
 * the citizens no förlopp covers, and two decision-table rows written as one.
 */
export class RegelrattCodeActionProvider implements CodeActionProvider {
    private readonly locale: LocaleSetting;

    constructor(services: RegelrattLspServices) {
        this.locale = services.i18n.Locale;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const data = diagnostic.data as { code?: string; args?: Record<string, string | number> } | undefined;
            switch (data?.code) {
                case 'unresolved-reference':
                    if (data.args?.suggestion) {
                        actions.push(this.action(document, diagnostic, this.text(`Ändra till '${data.args.suggestion}'`, `Change to '${data.args.suggestion}'`),
                            [{ range: diagnostic.range, newText: String(data.args.suggestion) }], true));
                    }
                    break;
                case 'missing-level':
                    this.addMissingLevels(document, diagnostic, actions);
                    break;
                case 'missing-unit':
                    // `2 037` where an amount belongs: the unit the check expects, after the number.
                    if (data.args?.expected) {
                        actions.push(this.action(document, diagnostic, this.text(`Lägg till ${data.args.expected}`, `Add ${data.args.expected}`),
                            [{ range: { start: diagnostic.range.end, end: diagnostic.range.end }, newText: ` ${data.args.expected}` }], true));
                    }
                    break;
                case 'decision-rows-mergeable':
                    this.mergeRows(document, diagnostic, Number(data.args?.keep) - 1, Number(data.args?.remove) - 1, actions);
                    break;
                case 'pathway-gap':
                    if (data.args?.criterion) {
                        this.addPathway(document, diagnostic, String(data.args.criterion), actions);
                    }
                    break;
            }
        }
        return actions;
    }

    private addMissingLevels(document: LangiumDocument, diagnostic: Diagnostic, actions: CodeAction[]): void {
        const table = this.nodeAt(document, diagnostic, ast.isLevelTable);
        if (!table?.levels || !table.$cstNode) {
            return;
        }
        const missing = missingLevels(table);
        const rows = missing.map(level => `    nivå ${level} : ej angivet\n`).join('');
        actions.push(this.action(document, diagnostic, this.text('Lägg till de saknade nivåerna (ej angivet)', 'Add the missing levels (ej angivet)'),
            [this.beforeClosingBrace(document, table.$cstNode, rows)], true));
    }

    /**
     * Two rows as one: the merged cell in the earlier row, the later row gone. Recomputed from the table
     * as it stands (not taken from the diagnostic), so a stale diagnostic offers nothing rather than a wrong edit.
     */
    private mergeRows(document: LangiumDocument, diagnostic: Diagnostic, keep: number, remove: number, actions: CodeAction[]): void {
        const table = this.nodeAt(document, diagnostic, ast.isDecisionTable);
        const merge = table && mergeableRows(decisionTableInput(table), table.hitPolicy ?? 'unik', answersList(table)).find(m => m.keep === keep && m.remove === remove);
        const cell = merge && table.rows[keep].conditions[merge.column]?.$cstNode;
        const removed = merge && table.rows[remove].$cstNode;
        if (!merge || !cell || !removed) {
            return;
        }
        const { start, end } = removed.range;
        const line = document.textDocument.getText({ start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } });
        // A row alone on its lines goes with its lines; otherwise only the row's own text.
        const alone = line.trim() === removed.text.trim();
        const deletion = alone
            ? { start: { line: start.line, character: 0 }, end: { line: end.line + 1, character: 0 } }
            : removed.range;
        actions.push(this.action(document, diagnostic, this.text(`Slå ihop rad ${keep + 1} och rad ${remove + 1}`, `Merge rows ${keep + 1} and ${remove + 1}`),
            [{ range: cell.range, newText: merge.cell }, { range: deletion, newText: '' }], true));
    }

    private addPathway(document: LangiumDocument, diagnostic: Diagnostic, criterion: string, actions: CodeAction[]): void {
        const model = this.nodeAt(document, diagnostic, ast.isPathwayModel);
        if (!model?.$cstNode) {
            return;
        }
        const taken = new Set(model.pathways.map(p => p.name));
        let name = 'nytt_förlopp';
        for (let n = 2; taken.has(name); n++) {
            name = `nytt_förlopp_${n}`;
        }
        const block = `    förlopp ${name} {\n        när ${criterion}\n    }\n`;
        actions.push(this.action(document, diagnostic, this.text(`Lägg till ett förlopp för: ${criterion}`, `Add a pathway for: ${criterion}`),
            [this.beforeClosingBrace(document, model.$cstNode, block)], false));
    }

    /** An insertion on its own line just before the block's closing brace. */
    private beforeClosingBrace(document: LangiumDocument, cst: NonNullable<ast.Policy['$cstNode']>, text: string): TextEdit {
        const close = cst.range.end;
        const lineStart = { line: close.line, character: 0 };
        const closingLine = document.textDocument.getText({ start: lineStart, end: close });
        // A closing brace alone on its line: insert above it; otherwise break the line first.
        return closingLine.trim() === '}'
            ? { range: { start: lineStart, end: lineStart }, newText: text }
            : { range: { start: { line: close.line, character: close.character - 1 }, end: { line: close.line, character: close.character - 1 } }, newText: `\n${text}` };
    }

    private nodeAt<T extends ast.Policy['elements'][number]>(document: LangiumDocument, diagnostic: Diagnostic, is: (node: unknown) => node is T): T | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        return leaf ? AstUtils.getContainerOfType(leaf.astNode, is) : undefined;
    }

    private action(document: LangiumDocument, diagnostic: Diagnostic, title: string, edits: TextEdit[], preferred: boolean): CodeAction {
        return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred, edit: { changes: { [document.textDocument.uri]: edits } } };
    }

    private text(sv: string, en: string): string {
        return this.locale.current === 'sv' ? sv : en;
    }
}
