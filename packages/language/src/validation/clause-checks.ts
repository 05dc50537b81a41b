import { GrammarAST, GrammarUtils, isCompositeCstNode, type AstNode, type CstNode, type ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { assignedFeature } from './property-node.js';
import { createReport } from './report.js';

/** The blocks whose clauses may come in any order; the grammar lets a clause repeat, this check does not. */
const BLOCK_TYPES = ['Guideline', 'LevelTable', 'Premium', 'Rate', 'Fee', 'PathwayModel', 'Pathway', 'TestPhase', 'Pilot', 'Indicator'] as const satisfies ReadonlyArray<keyof RegelrattAstType>;

/**
 * A block such as `nivåtabell { … }` takes each clause once. The grammar cannot say "any order, each
 * at most once" (Langium has no optional members in unordered groups), so repeats are caught here:
 * a single-valued property assigned by more than one clause would silently keep only the last.
 */
export function clauseChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const check = (node: AstNode, accept: Parameters<typeof createReport>[0]) => {
        if (!node.$cstNode) {
            return;
        }
        const report = createReport(accept, locale);
        const byFeature = assignmentsByFeature(node.$cstNode, node);
        for (const [property, value] of Object.entries(node)) {
            if (property.startsWith('$') || Array.isArray(value) || value === undefined) {
                continue;
            }
            const assignments = byFeature.get(property) ?? [];
            if (assignments.length > 1) {
                const repeated = assignments[assignments.length - 1];
                const assignment = GrammarUtils.findAssignment(repeated);
                report('repeated-clause', { clause: assignment ? clauseKeyword(assignment) : property }, { node, range: repeated.range });
            }
        }
    };
    const checks: ValidationChecks<RegelrattAstType> = {};
    for (const type of BLOCK_TYPES) {
        checks[type] = check;
    }
    return checks;
}

/**
 * The CST nodes of a node's own assignments, by feature, in text order: what
 * `GrammarUtils.findNodesForProperty` finds for one property, for all of them in one walk (asked per
 * property, it walked the block once for each of its properties).
 */
function assignmentsByFeature(root: CstNode, owner: AstNode): Map<string, CstNode[]> {
    const found = new Map<string, CstNode[]>();
    const visit = (node: CstNode, first: boolean): void => {
        if (!first) {
            const feature = assignedFeature(node.grammarSource);
            if (feature !== undefined) {
                const list = found.get(feature);
                if (list) {
                    list.push(node);
                } else {
                    found.set(feature, [node]);
                }
                return;
            }
        }
        if (isCompositeCstNode(node) && node.astNode === owner) {
            for (const child of node.content) {
                visit(child, false);
            }
        }
    };
    visit(root, true);
    return found;
}

/** The keyword a writer sees at the start of the clause: `'diarienummer'`, or `'giltig'` for `validity=Validity`. */
function clauseKeyword(assignment: GrammarAST.Assignment): string {
    const group = assignment.$container;
    if (GrammarAST.isGroup(group) && GrammarAST.isKeyword(group.elements[0])) {
        return group.elements[0].value;
    }
    const terminal = assignment.terminal;
    if (GrammarAST.isRuleCall(terminal) && GrammarAST.isParserRule(terminal.rule.ref)) {
        const definition = terminal.rule.ref.definition;
        const keyword = GrammarAST.isGroup(definition) ? definition.elements.find(GrammarAST.isKeyword) : GrammarAST.isKeyword(definition) ? definition : undefined;
        if (keyword) {
            return keyword.value;
        }
    }
    return assignment.feature;
}
