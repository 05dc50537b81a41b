import type { ElementKind } from '@regelratt/format';
import { hasEntry } from '../utils/ast-dispatch.js';
import type { DeclarationType } from '../compiler/element-ids.js';
import type { MessageLocale } from '@regelratt/analyses';

/** Declarations, enumeration values, and the reference types of the grammar (named in "unknown …" messages). */
type Named = DeclarationType | 'EnumerationValue' | 'Governable' | 'Organisational' | 'Quantifiable';

/** What a reader calls each kind of declaration, keyed by AST type, for messages such as "okänd insats". */
const names = {
    Law: { sv: 'lag', en: 'law' },
    Service: { sv: 'insats', en: 'service' },
    Administration: { sv: 'förvaltning', en: 'administration' },
    Operation: { sv: 'verksamhet', en: 'operation' },
    Unit: { sv: 'enhet', en: 'unit' },
    Area: { sv: 'område', en: 'area' },
    Role: { sv: 'roll', en: 'role' },
    Phase: { sv: 'fas', en: 'phase' },
    Body: { sv: 'nämnd', en: 'deciding body' },
    Attribute: { sv: 'egenskap', en: 'attribute' },
    EnumerationValue: { sv: 'värde', en: 'value' },
    Parameter: { sv: 'parameter', en: 'parameter' },
    Calculation: { sv: 'beräkning', en: 'calculation' },
    DecisionTable: { sv: 'beslutstabell', en: 'decision table' },
    Guideline: { sv: 'riktlinje', en: 'guideline' },
    Obligation: { sv: 'krav', en: 'obligation' },
    LevelTable: { sv: 'nivåtabell', en: 'level table' },
    Premium: { sv: 'premie', en: 'premium' },
    Rate: { sv: 'ersättning', en: 'rate' },
    Fee: { sv: 'avgift', en: 'fee' },
    PathwayModel: { sv: 'förloppsmodell', en: 'pathway model' },
    Pathway: { sv: 'förlopp', en: 'pathway (förlopp)' },
    TestPhase: { sv: 'testfas', en: 'test phase' },
    Pilot: { sv: 'pilot', en: 'pilot' },
    PilotGoal: { sv: 'mål', en: 'goal' },
    EffectGoal: { sv: 'effektmål', en: 'effect goal' },
    Indicator: { sv: 'indikator', en: 'indicator' },
    Governable: { sv: 'insats, förlopp, fas, roll, verksamhet eller enhet', en: 'service, pathway, phase, role, operation or unit' },
    Organisational: { sv: 'förvaltning, verksamhet eller insats', en: 'administration, operation or service' },
    Quantifiable: { sv: 'egenskap, parameter, beräkning, beslutstabell, nivåtabell eller ersättning', en: 'attribute, parameter, calculation, decision table, level table or rate' },
    Example: { sv: 'exempel', en: 'example' },
} satisfies Record<Named, { sv: string; en: string }>;

export function kindName(astType: string, locale: MessageLocale): string {
    return hasEntry(names, astType) ? names[astType][locale] : astType;
}

/** What a reader calls each kind of compiled element (the semantic diff, the document), keyed by the format's kinds. */
const compiledNames = {
    law: names.Law, service: names.Service, administration: names.Administration, operation: names.Operation, unit: names.Unit,
    area: names.Area, role: names.Role, phase: names.Phase, body: names.Body, attribute: names.Attribute, parameter: names.Parameter,
    calculation: names.Calculation, decisionTable: names.DecisionTable, guideline: names.Guideline, levelTable: names.LevelTable,
    premium: names.Premium, flatRate: { sv: 'ersättning', en: 'flat rate' }, placeRate: { sv: 'platsersättning', en: 'place rate' },
    hourlyRate: { sv: 'timkostnad', en: 'hourly rate' }, fee: names.Fee, pathwayModel: names.PathwayModel, testPhase: names.TestPhase,
    pilot: names.Pilot, effectGoal: names.EffectGoal, indicator: names.Indicator, example: names.Example,
} satisfies Record<ElementKind, { sv: string; en: string }>;

export function compiledKindName(kind: ElementKind, locale: MessageLocale): string {
    return compiledNames[kind][locale];
}
