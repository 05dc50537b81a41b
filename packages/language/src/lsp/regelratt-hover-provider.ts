import { AstUtils, CstUtils, type AstNode, type LangiumDocument } from 'langium';
import { MultilineCommentHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver-protocol';
import * as astTypes from '../generated/ast.js';
import { answerUnitText } from '@regelratt/format';
import { analyseUnits, answerUnit, dimensionText } from '../analysis/expression-units.js';
import { versionSpans } from '../analysis/parameter-values.js';
import { constantValue } from '@regelratt/analyses';
import { elementId } from '../compiler/element-ids.js';
import { inputName } from '../compiler/compile-decision-table.js';
import { compiledWorkspace } from '../validation/compiled-workspace.js';
import { swedishDecimal } from '@regelratt/analyses';
import type * as Ast from '../generated/ast.js';
import { describeAttributeType } from '../validation/attribute-type-text.js';
import { kindName } from '../i18n/element-kind-names.js';
import type { RegelrattLspServices } from './regelratt-lsp-module.js';

/**
 * Hover on a name shows what it is: its kind, name and title, its type or legal basis where it has
 * one, and its documentation comment (`/** … *\/` above the declaration), then where it is declared.
 */
export class RegelrattHoverProvider extends MultilineCommentHoverProvider {
    private readonly locale;
    private readonly workspace: ReturnType<typeof compiledWorkspace>;

    constructor(services: RegelrattLspServices) {
        super(services);
        this.locale = services.i18n.Locale;
        this.workspace = compiledWorkspace(services);
    }

    /**
     * Numbers are no names, so Langium offers no hover on them; a level and an amount get one here:
     * the level's amount and whether its table is in force today, and the rounding that applies.
     */
    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        const node = leaf?.astNode;
        const text = node && this.numberHover(node);
        if (text) {
            return { contents: { kind: 'markdown', value: text } };
        }
        return super.getHoverContent(document, params);
    }

    private numberHover(node: AstNode): string | undefined {
        const sv = this.locale.current === 'sv';
        const row = astTypes.isLevelRow(node) ? node : astTypes.isQuantity(node) && astTypes.isLevelRow(node.$container) ? node.$container : undefined;
        const table = row && astTypes.isLevelTable(row.$container) ? row.$container : undefined;
        if (row && table) {
            const amount = astTypes.isQuantity(row.value) ? `${swedishDecimal(row.value.value)} kr` : (sv ? 'ej angivet' : 'not given');
            const today = new Date().toISOString().slice(0, 10);
            const validity = table.validity;
            const inForce = !validity || (validity.from <= today && (!validity.to || today <= validity.to));
            const lines = [`**${sv ? 'nivå' : 'level'} ${swedishDecimal(row.level)}** ${sv ? 'i' : 'in'} \`${table.name}\`: ${amount}`];
            if (validity) {
                lines.push(`${sv ? 'giltig' : 'valid'} ${validity.from}–${validity.to ?? ''} (${inForce ? (sv ? `gäller i dag, ${today}` : `in force today, ${today}`) : (sv ? `gäller inte i dag, ${today}` : `not in force today, ${today}`)})`);
            }
            if (table.rounding) {
                lines.push(`${sv ? 'avrundning' : 'rounding'}: ${table.rounding.$cstNode?.text.replace(/^avrundning\s+/, '').replace(/\s+/g, ' ')}`);
            }
            return lines.join('\n\n');
        }
        // An amount elsewhere: the rounding its rate or fee applies, if it states one.
        if (astTypes.isQuantity(node) && node.unit?.money) {
            const owner = AstUtils.getContainerOfType(node, (n): n is astTypes.Rate | astTypes.Fee | astTypes.Premium => astTypes.isRate(n) || astTypes.isFee(n) || astTypes.isPremium(n));
            if (owner?.rounding) {
                return `${swedishDecimal(node.value)} kr — ${sv ? 'avrundning' : 'rounding'}: ${owner.rounding.$cstNode?.text.replace(/^avrundning\s+/, '').replace(/\s+/g, ' ')} (\`${owner.name}\`)`;
            }
        }
        return undefined;
    }

    protected override getAstNodeHoverContent(node: AstNode): string | undefined {
        const named = node as AstNode & { name?: string; title?: string };
        if (!named.name) {
            return undefined;
        }
        const sv = this.locale.current === 'sv';
        const lines = [`**${kindName(node.$type, this.locale.current)}** \`${named.name}\`${named.title ? ` — ${named.title}` : ''}`];
        if (node.$type === 'Attribute') {
            lines.push(describeAttributeType((node as Ast.Attribute).type, this.locale.current));
        }
        if (astTypes.isParameter(node)) {
            // A parameter's value on each date.
            // An undated version starts when the source says nothing: no date shown for its start.
            const start = (span: ReturnType<typeof versionSpans>[number]) => (span.version.from === undefined ? (sv ? 'utan startdatum ' : 'no start date ') : span.from);
            lines.push(versionSpans(node).map(span => `${start(span)}–${span.to ?? ''}: ${span.version.value.$cstNode?.text.replace(/\s+/g, ' ')}`).join('  \n'));
        }
        if (astTypes.isCalculation(node) && node.value) {
            // The formula as written, what it counts, and its value today where it reads no citizen.
            const { dimension } = analyseUnits(node.value, this.locale.current);
            lines.push(`\`${node.value.$cstNode?.text.replace(/\s+/g, ' ') ?? ''}\` (${dimensionText(dimension, this.locale.current)})`);
            const today = new Date().toISOString().slice(0, 10);
            // As the runtime answers it (the compiled workspace's), where it needs no citizen.
            const runtime = this.workspace()?.runtime;
            const compiled = runtime?.policy.find(elementId(node));
            const value = runtime && compiled?.kind === 'calculation' ? constantValue(runtime, compiled.value, today) : undefined;
            if (value?.kind === 'value') {
                lines.push(`${sv ? 'I dag' : 'Today'} (${today}): ${swedishDecimal(value.value)}${unitSuffix(answerUnitText(answerUnit(dimension)))}`);
            }
            if (node.mayBeNegative) {
                lines.push(sv ? 'Kan vara negativ (en skillnad eller nettoeffekt).' : 'May be below zero (a difference or net effect).');
            }
        }
        if (astTypes.isDecisionTable(node) && node.header) {
            // What goes in, what comes out, and how a row is chosen.
            const inputs = node.header.inputs.map(inputName).join(', ');
            const outputs = node.header.outputs.map(output => output.column).join(', ');
            const policy = node.hitPolicy === 'första' ? (sv ? 'första träff' : 'first hit')
                : node.hitPolicy === 'valfri' ? (sv ? 'valfri träff (rader som överlappar ger samma utfall)' : 'any hit (overlapping rows give the same outputs)')
                    : node.hitPolicy === 'prioritet' ? (sv ? 'prioritet (raden vars utfall kommer först i kolumnens värdelista avgör)' : 'priority (the row whose outputs come first in the column\'s value list decides)')
                    : node.hitPolicy === 'regelordning' ? (sv ? 'regelordning (en lista med varje rad som stämmer, i radordning)' : 'rule order (a list of every matching row, in row order)')
                    : node.hitPolicy === 'utfallsordning' ? (sv ? 'utfallsordning (en lista med varje rad som stämmer, i värdelistornas prioritetsordning)' : 'output order (a list of every matching row, by the value lists\' priority)')
                    : node.hitPolicy === 'samla' && !node.aggregation ? (sv ? 'samla (en lista med varje rad som stämmer, i radordning)' : 'collect (a list of every matching row, in row order)')
                    : node.hitPolicy === 'samla' ? (sv ? `alla rader som stämmer, ${{ summa: 'summerade', min: 'det minsta', max: 'det största', antal: 'räknade' }[node.aggregation ?? 'summa']}` : `every matching row, ${{ summa: 'summed', min: 'the least', max: 'the greatest', antal: 'counted' }[node.aggregation ?? 'summa']}`)
                    : (sv ? 'unik träff' : 'unique hit');
            lines.push(`${inputs} → ${outputs} · ${node.rows.length} ${sv ? (node.rows.length === 1 ? 'rad' : 'rader') : (node.rows.length === 1 ? 'row' : 'rows')} · ${policy}`);
        }
        if (astTypes.isRate(node) && node.selectors.length > 0) {
            // What selects the amount and the amounts themselves, as the ersättningsbilaga lists them.
            const selectors = node.selectors.map(selector => selector.$refText).join(', ');
            const rows = node.amounts.map(row => `${row.values.map(value => value.value.$refText).join(', ')}: ${row.value?.$cstNode?.text.replace(/\s+/g, ' ') ?? ''}`);
            lines.push(`${sv ? 'beloppet efter' : 'amount by'} ${selectors}  \n${rows.join('  \n')}`);
        }
        const basis = (node as { legalBasis?: Ast.LawReference[] }).legalBasis;
        if (basis && basis.length > 0) {
            lines.push(`${sv ? 'Lagstöd' : 'Legal basis'}: ${basis.map(reference => reference.$cstNode?.text.replace(/\s+/g, ' ')).join(', ')}`);
        }
        const documentation = this.documentationProvider.getDocumentation(node);
        if (documentation) {
            lines.push(documentation);
        }
        const document = AstUtils.getDocument(node);
        const line = (node.$cstNode?.range.start.line ?? 0) + 1;
        lines.push(`_${document.uri.path.split('/').pop()}:${line}_`);
        return lines.join('\n\n');
    }
}

function unitSuffix(text: string): string {
    return text ? ` ${text}` : '';
}
