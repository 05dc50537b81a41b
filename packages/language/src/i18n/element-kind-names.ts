import type { ElementKind } from '@regelratt/format';
import { hasEntry } from '../utils/ast-dispatch.js';
import type { DeclarationType } from '../compiler/element-ids.js';
import type { MessageLocale } from '@regelratt/analyses';
import { KIND_WORDS } from '@regelratt/runtime';

/** Declarations, enumeration values, and the reference types of the grammar (named in "unknown …" messages). */
type Named = DeclarationType | 'EnumerationValue' | 'Governable' | 'Organisational' | 'Quantifiable';

/** What a reader calls each kind of declaration, keyed by AST type, for messages such as "okänd insats". */
const names = {
    Law: KIND_WORDS.law,
    Service: KIND_WORDS.service,
    Administration: KIND_WORDS.administration,
    Operation: KIND_WORDS.operation,
    Unit: KIND_WORDS.unit,
    Area: KIND_WORDS.area,
    Role: KIND_WORDS.role,
    Phase: KIND_WORDS.phase,
    Body: KIND_WORDS.body,
    Attribute: KIND_WORDS.attribute,
    EnumerationValue: { sv: 'värde', en: 'value' },
    Parameter: KIND_WORDS.parameter,
    Calculation: KIND_WORDS.calculation,
    DecisionTable: KIND_WORDS.decisionTable,
    Guideline: KIND_WORDS.guideline,
    Obligation: { sv: 'krav', en: 'obligation' },
    LevelTable: KIND_WORDS.levelTable,
    Premium: KIND_WORDS.premium,
    Rate: { sv: 'ersättning', en: 'rate' },
    Fee: KIND_WORDS.fee,
    PathwayModel: KIND_WORDS.pathwayModel,
    Pathway: { sv: 'förlopp', en: 'pathway (förlopp)' },
    TestPhase: KIND_WORDS.testPhase,
    Pilot: KIND_WORDS.pilot,
    PilotGoal: { sv: 'mål', en: 'goal' },
    EffectGoal: KIND_WORDS.effectGoal,
    Indicator: KIND_WORDS.indicator,
    Governable: { sv: 'insats, förlopp, fas, roll, verksamhet eller enhet', en: 'service, pathway, phase, role, operation or unit' },
    Organisational: { sv: 'förvaltning, verksamhet eller insats', en: 'administration, operation or service' },
    Quantifiable: { sv: 'egenskap, parameter, beräkning, beslutstabell, nivåtabell eller ersättning', en: 'attribute, parameter, calculation, decision table, level table or rate' },
    Example: KIND_WORDS.example,
} satisfies Record<Named, { sv: string; en: string }>;

export function kindName(astType: string, locale: MessageLocale): string {
    return hasEntry(names, astType) ? names[astType][locale] : astType;
}

/** What a reader calls each kind of compiled element (the semantic diff, the document): the runtime's names, so the two cannot drift. */
export function compiledKindName(kind: ElementKind, locale: MessageLocale): string {
    return KIND_WORDS[kind][locale];
}
