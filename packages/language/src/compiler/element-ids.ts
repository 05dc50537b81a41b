import type { AstNode, Reference } from 'langium';
import type { ElementId, ElementKind } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isRate } from '../generated/ast.js';

/** Every declaration that has an id: the top-level elements and the named parts inside them. */
export type DeclarationType = Ast.Element['$type'] | 'Obligation' | 'Pathway' | 'PilotGoal';

// Keyed by AST type and checked by the compiler: a new element is a compile error here, not a crash in `compile`.
const kindByAstType = {
    Law: 'law', Service: 'service', Administration: 'administration', Operation: 'operation', Unit: 'unit',
    Area: 'area', Role: 'role', Phase: 'phase', Body: 'body', Attribute: 'attribute', Parameter: 'parameter',
    Calculation: 'calculation', DecisionTable: 'decisionTable', Guideline: 'guideline', Obligation: 'obligation', LevelTable: 'levelTable', Premium: 'premium', Fee: 'fee',
    PathwayModel: 'pathwayModel', Pathway: 'pathway', TestPhase: 'testPhase', Pilot: 'pilot', PilotGoal: 'pilotGoal',
    EffectGoal: 'effectGoal', Indicator: 'indicator', Example: 'example',
} satisfies Record<Exclude<DeclarationType, 'Rate'>, ElementKind | 'obligation' | 'pathway' | 'pilotGoal'>;

const rateKinds: Record<string, ElementKind> = {
    schablon: 'flatRate',
    platsersättning: 'placeRate',
    timkostnad: 'hourlyRate',
};

/** The kind a declaration has in compiled JSON (`hemvård` the insats is a `service`). */
export function compiledKind(node: AstNode): string {
    if (isRate(node)) {
        return rateKinds[node.kind];
    }
    const kind = (kindByAstType as Record<string, string>)[node.$type];
    if (!kind) {
        throw new Error(`No compiled kind for ${node.$type}`);
    }
    return kind;
}

/** `<kind>/<name>`: stable while a declaration keeps its kind and name, unique because names are. */
export function elementId(node: AstNode & { name: string }): ElementId {
    return `${compiledKind(node)}/${node.name}`;
}

/** The id a resolved reference points to. Compilation only runs on documents without errors, so it resolves. */
export function referenceId<T extends AstNode & { name: string }>(reference: Reference<T>): ElementId {
    const target = reference.ref;
    if (!target) {
        throw new Error(`Unresolved reference '${reference.$refText}' reached the compiler`);
    }
    return elementId(target);
}
