import type { AstNode, Reference } from 'langium';
import type { ElementId, ElementKind } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isRate } from '../generated/ast.js';
import { hasEntry } from '../utils/ast-dispatch.js';

/** The top-level elements' AST types, from the generated union (a new element rule joins it). */
export type ElementType = Ast.Element['$type'];

/** Every declaration that has an id: the top-level elements and the named parts inside them. */
export type DeclarationType = ElementType | 'Obligation' | 'Pathway' | 'PilotGoal';

// Keyed by AST type and checked by the compiler: a new element is a compile error here, not a crash in `compile`.
const kindByAstType = {
    Law: 'law', Service: 'service', Administration: 'administration', Operation: 'operation', Unit: 'unit',
    Area: 'area', Role: 'role', Phase: 'phase', Body: 'body', Attribute: 'attribute', Parameter: 'parameter',
    Calculation: 'calculation', DecisionTable: 'decisionTable', Guideline: 'guideline', Obligation: 'obligation', LevelTable: 'levelTable', Premium: 'premium', Fee: 'fee',
    PathwayModel: 'pathwayModel', Pathway: 'pathway', TestPhase: 'testPhase', Pilot: 'pilot', PilotGoal: 'pilotGoal',
    EffectGoal: 'effectGoal', Indicator: 'indicator', Example: 'example',
} satisfies Record<Exclude<DeclarationType, 'Rate'>, ElementKind | 'obligation' | 'pathway' | 'pilotGoal'>;

const rateKinds = {
    schablon: 'flatRate',
    platsersättning: 'placeRate',
    timkostnad: 'hourlyRate',
} satisfies Record<Ast.RateKind, ElementKind>;

/** The compiled kind of an element's AST type: a rate's depends on what it rates, so it is any of the three. */
export type CompiledKindOf<T extends ElementType> = T extends 'Rate' ? (typeof rateKinds)[Ast.RateKind] : (typeof kindByAstType)[Exclude<T, 'Rate'>];

/** The compiled kind of an element other than a rate, typed by its AST type (a compiled element's header says it). */
export function kindOf<T extends Exclude<ElementType, 'Rate'>>(node: { $type: T }): (typeof kindByAstType)[T] {
    return kindByAstType[node.$type];
}

/** A rate's compiled kind: what it rates (`schablon` is a `flatRate`). */
export function rateKind(rate: Ast.Rate): (typeof rateKinds)[Ast.RateKind] {
    return rateKinds[rate.kind];
}

/** The kind a declaration has in compiled JSON (`hemvård` the insats is a `service`). */
export function compiledKind(node: AstNode): string {
    if (isRate(node)) {
        return rateKind(node);
    }
    const type = node.$type;
    if (!hasEntry(kindByAstType, type)) {
        throw new Error(`No compiled kind for ${type}`);
    }
    return kindByAstType[type];
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
