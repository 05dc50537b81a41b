import type { ElementKind, FormatViolation } from '@regelratt/format';
import type { RuntimeErrorCode } from './runtime-error.js';

/** The languages the runtime speaks: Swedish by default, English where the caller asks for it. */
export type RuntimeLocale = 'sv' | 'en';

/** A text in both languages, for the words a message puts inside itself (a kind, an expected value). */
export interface BothLanguages {
    sv: string;
    en: string;
}

interface MessageDefinition<A> {
    code: RuntimeErrorCode;
    sv: (args: A) => string;
    en: (args: A) => string;
}

const define = <A extends object = Record<never, never>>(code: RuntimeErrorCode, sv: (args: A) => string, en: (args: A) => string): MessageDefinition<A> => ({ code, sv, en });

/**
 * How a kind of element is named in a message: the one table of these names (the language's messages,
 * the diff and the document read it too), in the language's keywords where it has one (`premie`, `schablon`).
 */
export const KIND_WORDS = {
    administration: { sv: 'förvaltning', en: 'administration' },
    area: { sv: 'område', en: 'area' },
    attribute: { sv: 'egenskap', en: 'attribute' },
    body: { sv: 'nämnd', en: 'deciding body' },
    calculation: { sv: 'beräkning', en: 'calculation' },
    decisionTable: { sv: 'beslutstabell', en: 'decision table' },
    effectGoal: { sv: 'effektmål', en: 'effect goal' },
    example: { sv: 'exempel', en: 'example' },
    fee: { sv: 'avgift', en: 'fee' },
    flatRate: { sv: 'schablon', en: 'flat rate' },
    hourlyRate: { sv: 'timkostnad', en: 'hourly rate' },
    placeRate: { sv: 'platsersättning', en: 'place rate' },
    guideline: { sv: 'riktlinje', en: 'guideline' },
    indicator: { sv: 'indikator', en: 'indicator' },
    law: { sv: 'lag', en: 'law' },
    levelTable: { sv: 'nivåtabell', en: 'level table' },
    operation: { sv: 'verksamhet', en: 'operation' },
    parameter: { sv: 'parameter', en: 'parameter' },
    pathwayModel: { sv: 'förloppsmodell', en: 'pathway model' },
    phase: { sv: 'fas', en: 'phase' },
    pilot: { sv: 'pilot', en: 'pilot' },
    premium: { sv: 'premie', en: 'premium' },
    role: { sv: 'roll', en: 'role' },
    service: { sv: 'insats', en: 'service' },
    testPhase: { sv: 'testfas', en: 'test phase' },
    unit: { sv: 'enhet', en: 'unit' },
} as const satisfies Record<ElementKind, BothLanguages>;

/** What a question's date-bound kind is called in "… is computed on a date". */
const DATED = {
    fee: { sv: 'En avgift beräknas', en: 'A fee is computed' },
    calculation: { sv: 'En beräkning görs', en: 'A calculation is made' },
    decision: { sv: 'En beslutstabell läses', en: 'A decision table is read' },
    formula: { sv: 'En formel räknas', en: 'A formula is computed' },
} as const satisfies Record<string, BothLanguages>;

type Dated = keyof typeof DATED;

/** The fee lists that go by level, as a message names them. */
export const FEE_LEVEL_WORDS = {
    caps: { sv: ['takbelopp', 'takbeloppet'], en: ['cap', 'the cap'] },
    shares: { sv: ['andel', 'andelen'], en: ['share', 'the share'] },
    amounts: { sv: ['belopp', 'beloppet'], en: ['amount', 'the amount'] },
} as const;

export type FeeLevelList = keyof typeof FEE_LEVEL_WORDS;

const rows = (list: readonly number[]) => list.join(', ');
const invalid = (args: { source: string; path: string }, sv: string) => `${args.source}: filen hänger inte ihop vid ${args.path}: ${sv}. Kompilera om källan med regelratt compile.`;
const invalidEn = (args: { source: string; path: string }, en: string) => `${args.source}: the file does not hold together at ${args.path}: ${en}. Compile the source again with regelratt compile.`;

/**
 * Every message a runtime error can carry, keyed by what happened, each in Swedish and English from
 * the same arguments. An error keeps its key and arguments, so a caller renders it in the language
 * its reader asked for (`RegelrattRuntimeError.messageIn`); the Swedish text is its `message`.
 */
export const RUNTIME_MESSAGES = {
    'calculation-cycle': define<{ name: string }>('not-computable',
        a => `${a.name} beror av sig själv.`,
        a => `${a.name} depends on itself.`),
    'formula-reads-level-without-service': define('missing-level',
        () => 'Formeln läser fallets nivå, men fallet har ingen insats.',
        () => 'The formula reads the case\'s level, but the case has no service.'),
    'division-by-zero': define<{ expression: string }>('not-computable',
        a => `Division med noll i ${a.expression}.`,
        a => `Division by zero in ${a.expression}.`),
    'attribute-not-a-number': define<{ name: string }>('not-computable',
        a => `${a.name} är inget tal och kan inte räknas med.`,
        a => `${a.name} is not a number and cannot be computed with.`),
    'level-not-whole': define<{ level: string }>('not-computable',
        a => `Nivån ${a.level} är inget heltal ≥ 0.`,
        a => `The level ${a.level} is not a whole number ≥ 0.`),
    'not-in-force': define<{ name: string; date: string }>('no-valid-version',
        a => `${a.name} gäller inte ${a.date}.`,
        a => `${a.name} is not in force on ${a.date}.`),
    'rate-without-amount': define<{ name: string }>('open-amount',
        a => `Policyn anger inget belopp för ${a.name}.`,
        a => `The policy gives no amount for ${a.name}.`),
    'rate-no-amount-for-case': define<{ name: string; values: string }>('no-matching-row',
        a => `${a.name} anger inget belopp för ${a.values}.`,
        a => `${a.name} gives no amount for ${a.values}.`),
    'rate-needs-case': define<{ name: string }>('missing-attribute',
        a => `${a.name} har belopp efter fallets egenskaper; ange fallet.`,
        a => `${a.name} has amounts by the case's attributes; give the case.`),
    'reads-level-without-level': define<{ name: string }>('missing-level',
        a => `${a.name} läser fallets nivå, men frågan anger ingen nivå.`,
        a => `${a.name} reads the case's level, but the question gives no level.`),
    // `needs`: the element read that goes by date (a table needs a date only where one does).
    'example-without-date': define<{ dated: Dated; needs?: string }>('missing-date',
        a => `${DATED[a.dated].sv} på ett datum; ange datum i exemplet${a.needs ? ` (${a.needs} beror av datumet)` : ''}.`,
        a => `${DATED[a.dated].en} on a date; give a date in the example${a.needs ? ` (${a.needs} depends on the date)` : ''}.`),
    'question-without-date': define<{ dated: Dated; name?: string; needs?: string }>('missing-date',
        a => `${DATED[a.dated].sv} på ett datum; ange datum${a.name ? ` för ${a.name}` : ''}${a.needs ? ` (${a.needs} beror av datumet)` : ''}.`,
        a => `${DATED[a.dated].en} on a date; give a date${a.name ? ` for ${a.name}` : ''}${a.needs ? ` (${a.needs} depends on the date)` : ''}.`),
    'pilot-without-date': define<{ name: string; from: string; to?: string }>('missing-date',
        a => `${a.name} pågår ${a.from}–${a.to ?? ''}; ange fallets datum.`,
        a => `${a.name} runs ${a.from}–${a.to ?? ''}; give the case's date.`),
    'case-date-invalid': define<{ value: string }>('wrong-value-type',
        a => `Datumet ska vara en dag som finns, ÅÅÅÅ-MM-DD, inte ${a.value}.`,
        a => `The date must be a day that exists, YYYY-MM-DD, not ${a.value}.`),
    'unknown-duty-event': define<{ value: string; events: string }>('wrong-value-type',
        a => `Händelsen ska vara en av ${a.events}, inte ${a.value}.`,
        a => `The event must be one of ${a.events}, not ${a.value}.`),
    'event-date-invalid': define<{ value: string }>('wrong-value-type',
        a => `Händelsens datum ska vara en dag som finns, ÅÅÅÅ-MM-DD, inte ${a.value}.`,
        a => `The event's date must be a day that exists, YYYY-MM-DD, not ${a.value}.`),
    'unknown-obligation': define<{ reference: string }>('unknown-element',
        a => `Policyn har inget krav '${a.reference}'.`,
        a => `The policy has no obligation '${a.reference}'.`),
    'deadline-in-hours': define<{ name: string; amount: number }>('not-computable',
        a => `${a.name} har en frist på ${a.amount} timmar; ett datum ges inte, eftersom händelsens klockslag avgör vilken dag den går ut.`,
        a => `${a.name} has a term of ${a.amount} hours; no date is given, since the event's time of day decides which day it ends.`),
    'case-level-invalid': define<{ value: string }>('wrong-value-type',
        a => `Nivån ska vara ett heltal från 0, inte ${a.value}.`,
        a => `The level must be a whole number from 0, not ${a.value}.`),
    'unknown-attributes': define<{ names: readonly string[]; rest: number; total: number }>('unknown-attribute',
        a => `Policyn har ingen egenskap ${a.names.map(n => `'${n}'`).join(', ')}${a.rest > 0 ? ` (och ${a.rest} till; ${a.total} okända)` : ''}.`,
        a => `The policy has no attribute ${a.names.map(n => `'${n}'`).join(', ')}${a.rest > 0 ? ` (and ${a.rest} more; ${a.total} unknown)` : ''}.`),
    'unknown-attribute': define<{ name: string }>('unknown-attribute',
        a => `Policyn har ingen egenskap ${a.name}.`,
        a => `The policy has no attribute ${a.name}.`),
    'case-without-citizen': define('missing-attribute',
        () => 'Fallet saknar "citizen" med medborgarens egenskaper.',
        () => 'The case has no "citizen" with the citizen\'s attributes.'),
    'case-without-date': define('missing-date',
        () => 'Fallet anger inget datum; belopp beräknas på ett datum.',
        () => 'The case gives no date; amounts are computed on a date.'),
    'case-without-level': define('missing-level',
        () => 'Fallet anger ingen nivå; avgiften beror av nivån.',
        () => 'The case gives no level; the fee depends on the level.'),
    'unknown-comparison': define<{ op: string }>('unsupported-schema',
        a => `Okänd jämförelse ${a.op} i den kompilerade filen.`,
        a => `Unknown comparison ${a.op} in the compiled file.`),
    'too-many-pathways': define<{ count: number; names: readonly string[] }>('not-computable',
        a => `${a.count} förlopp gäller samtidigt (${a.names.join(', ')}); en medborgare placeras i ett förlopp och högst ett sekundärt.`,
        a => `${a.count} pathways hold at once (${a.names.join(', ')}); a citizen is placed in one pathway and at most one secondary.`),
    'pathways-not-allowed-together': define<{ names: readonly string[] }>('not-computable',
        a => `Flera förlopp gäller samtidigt (${a.names.join(', ')}) utan att policyn tillåter det.`,
        a => `Several pathways hold at once (${a.names.join(', ')}) without the policy allowing it.`),
    'table-column-needed': define<{ table: string; columns: readonly string[] }>('not-computable',
        a => `${a.table} har flera kolumner (${a.columns.join(', ')}); ange vilken.`,
        a => `${a.table} has several columns (${a.columns.join(', ')}); say which.`),
    'table-no-column': define<{ table: string; column: string }>('unknown-element',
        a => `${a.table} har ingen kolumn ${a.column}.`,
        a => `${a.table} has no column ${a.column}.`),
    'table-open-value': define<{ column: string; row: number | 'annars'; table?: string }>('open-amount',
        a => `Policyn anger inget värde för ${a.column} ${a.row === 'annars' ? 'i annars-raden' : `på rad ${a.row}`}${a.table ? ` i ${a.table}` : ''}.`,
        a => `The policy gives no value for ${a.column} ${a.row === 'annars' ? 'in the annars row' : `in row ${a.row}`}${a.table ? ` of ${a.table}` : ''}.`),
    'table-cell-is-pathway': define<{ column: string; row: number | 'annars' }>('not-computable',
        a => `${a.column} ger ett förlopp ${a.row === 'annars' ? 'i annars-raden' : `på rad ${a.row}`}, inget tal att räkna med.`,
        a => `${a.column} gives a pathway ${a.row === 'annars' ? 'in the annars row' : `in row ${a.row}`}, not a number to compute with.`),
    'table-cell-not-a-number': define<{ column: string; row: number | 'annars'; value: string }>('not-computable',
        a => `${a.column} ger ${a.value} ${a.row === 'annars' ? 'i annars-raden' : `på rad ${a.row}`}, inget tal att räkna med.`,
        a => `${a.column} gives ${a.value} ${a.row === 'annars' ? 'in the annars row' : `in row ${a.row}`}, not a number to compute with.`),
    'table-answers-list': define<{ table: string }>('not-computable',
        a => `${a.table} svarar med en lista (utfallen från varje rad som gäller), inte ett värde att räkna med eller pröva.`,
        a => `${a.table} answers with a list (the outputs of every row that holds), not a value to compute with or test.`),
    'no-matching-row': define<{ table: string }>('no-matching-row',
        a => `Ingen rad i ${a.table} gäller för fallet.`,
        a => `No row of ${a.table} holds for the case.`),
    'rows-disagree': define<{ table: string; rows: readonly number[] }>('several-matching-rows',
        a => `Flera rader i ${a.table} gäller för fallet (rad ${rows(a.rows)}) och ger olika utfall; med valfri träff måste rader som överlappar ge samma.`,
        a => `Several rows of ${a.table} hold for the case (rows ${rows(a.rows)}) and give different outputs; with hit policy any, overlapping rows must give the same.`),
    'priority-tie': define<{ table: string; rows: readonly number[] }>('several-matching-rows',
        a => `Flera rader i ${a.table} med samma prioritet gäller för fallet (rad ${rows(a.rows)}) och ger olika utfall; med träff prioritet måste de ge samma.`,
        a => `Several rows of ${a.table} with the same priority hold for the case (rows ${rows(a.rows)}) and give different outputs; with hit policy priority they must give the same.`),
    'rows-not-unique': define<{ table: string; rows: readonly number[] }>('several-matching-rows',
        a => `Flera rader i ${a.table} gäller för fallet (rad ${rows(a.rows)}), men tabellen kräver en unik träff.`,
        a => `Several rows of ${a.table} hold for the case (rows ${rows(a.rows)}), but the table requires a unique hit.`),
    'unknown-element': define<{ kind: ElementKind; reference: string }>('unknown-element',
        a => `Policyn har ingen ${KIND_WORDS[a.kind].sv} '${a.reference}'.`,
        a => `The policy has no ${KIND_WORDS[a.kind].en} '${a.reference}'.`),
    'no-eligibility-rule': define<{ name: string }>('unknown-element',
        a => `Insatsen ${a.name} anger inte vem som kan beviljas den ('beviljas när').`,
        a => `The service ${a.name} does not say who can be granted it ('beviljas när').`),
    'outside-limit': define<{ name: string; value: string; unit: string; limit: string }>('outside-limit',
        a => `${a.name} blir ${a.value.replace('.', ',')}${a.unit ? ` ${a.unit}` : ''}, men policyn säger ${a.limit}; ett svar utanför gränsen ges inte.`,
        a => `${a.name} comes to ${a.value}${a.unit ? ` ${a.unit}` : ''}, but the policy says '${a.limit}'; no answer outside the limit is given.`),
    'unknown-rate': define<{ reference: string }>('unknown-element',
        a => `Policyn har ingen taxa '${a.reference}'.`,
        a => `The policy has no rate '${a.reference}'.`),
    'parameter-without-value': define<{ name: string; date: string }>('no-valid-version',
        a => `${a.name} har inget värde ${a.date}.`,
        a => `${a.name} has no value on ${a.date}.`),
    'rate-without-version': define<{ name: string; date?: string }>('no-valid-version',
        a => `${a.name} har inget belopp${a.date ? ` ${a.date}` : ''}.`,
        a => `${a.name} has no amount${a.date ? ` on ${a.date}` : ''}.`),
    'level-table-without-level': define<{ table: string; level: number }>('unknown-level',
        a => `${a.table} har ingen nivå ${a.level}.`,
        a => `${a.table} has no level ${a.level}.`),
    'level-table-open-amount': define<{ table: string; level: number }>('open-amount',
        a => `Policyn anger inget belopp för nivå ${a.level} i ${a.table}.`,
        a => `The policy gives no amount for level ${a.level} in ${a.table}.`),
    'fee-without-room': define<{ name: string }>('not-computable',
        a => `${a.name} anger inget avgiftsutrymme.`,
        a => `${a.name} gives no avgiftsutrymme (room for a fee).`),
    'fee-needs-level': define<{ name: string; list: FeeLevelList }>('missing-level',
        a => `Frågan anger ingen nivå; ${a.name} anger ${FEE_LEVEL_WORDS[a.list].sv[0]} per nivå.`,
        a => `The question gives no level; ${a.name} gives a ${FEE_LEVEL_WORDS[a.list].en[0]} per level.`),
    'fee-unknown-level': define<{ name: string; list: FeeLevelList; level: number }>('unknown-level',
        a => `${a.name} har inget ${FEE_LEVEL_WORDS[a.list].sv[0]} för nivå ${a.level}.`,
        a => `${a.name} has no ${FEE_LEVEL_WORDS[a.list].en[0]} for level ${a.level}.`),
    'fee-open-amount': define<{ name: string; list: FeeLevelList; level: number }>('open-amount',
        a => `Policyn anger inget belopp för ${FEE_LEVEL_WORDS[a.list].sv[1]} för nivå ${a.level} i ${a.name}.`,
        a => `The policy gives no amount for ${FEE_LEVEL_WORDS[a.list].en[1]} of level ${a.level} in ${a.name}.`),
    'value-outside-domain': define<{ name: string; value: string; domain: BothLanguages }>('value-outside-domain',
        a => `${a.name} = ${a.value} ligger utanför definitionsområdet (${a.domain.sv}).`,
        a => `${a.name} = ${a.value} is outside its domain (${a.domain.en}).`),
    'wrong-value-type': define<{ name: string; value: string; expected: BothLanguages }>('wrong-value-type',
        a => `${a.name} ska vara ${a.expected.sv}, inte ${a.value}.`,
        a => `${a.name} must be ${a.expected.en}, not ${a.value}.`),
    'missing-value': define<{ name: string }>('missing-attribute',
        a => `Värde saknas för ${a.name}.`,
        a => `No value is given for ${a.name}.`),
    'schema-unsupported': define<{ source: string; version: string; supported: string }>('unsupported-schema',
        a => `${a.source}: schemaVersion ${a.version || 'saknas'} stöds inte; körningen läser version ${a.supported}.`,
        a => `${a.source}: schemaVersion ${a.version || 'missing'} is not supported; the runtime reads version ${a.supported}.`),
    'file-too-deep': define<{ source: string; path: string; limit: number }>('invalid-file',
        a => `${a.source}: filen är nästlad djupare än ${a.limit} nivåer vid ${a.path}; ingen kompilerad policy är det. Kompilera om källan med regelratt compile.`,
        a => `${a.source}: the file nests deeper than ${a.limit} levels at ${a.path}; no compiled policy does. Compile the source again with regelratt compile.`),
    'file-breaks-format': define<{ source: string; path: string; violation: BothLanguages }>('invalid-file',
        a => `${a.source}: filen följer inte det kompilerade formatet${a.path ? ` vid ${a.path}` : ''}: ${a.violation.sv}. Kompilera om källan med regelratt compile.`,
        a => `${a.source}: the file does not follow the compiled format${a.path ? ` at ${a.path}` : ''}: ${a.violation.en}. Compile the source again with regelratt compile.`),
    'duplicate-id-same-file': define<{ source: string; path: string; id: string; earlier: string }>('invalid-file',
        a => invalid(a, `${a.id} finns redan i samma fil (${a.earlier})`),
        a => invalidEn(a, `${a.id} is already declared in the same file (${a.earlier})`)),
    'duplicate-id-stale-copy': define<{ source: string; path: string; id: string; earlier: string }>('invalid-file',
        a => invalid(a, `${a.id} finns redan i en annan fil kompilerad från samma källa (${a.earlier}): en inaktuell kopia ligger kvar bland de kompilerade filerna`),
        a => invalidEn(a, `${a.id} is already declared in another file compiled from the same source (${a.earlier}): a stale copy is left among the compiled files`)),
    'duplicate-id-other-file': define<{ source: string; path: string; id: string; other: string; earlier: string }>('invalid-file',
        a => invalid(a, `${a.id} finns redan i ${a.other} (${a.earlier}); en inaktuell fil kan ligga kvar bland de kompilerade filerna`),
        a => invalidEn(a, `${a.id} is already declared in ${a.other} (${a.earlier}); a stale file may be left among the compiled files`)),
    'unknown-reference': define<{ source: string; path: string; id: string }>('invalid-file',
        a => invalid(a, `${a.id} finns inte i policyn`),
        a => invalidEn(a, `${a.id} is not in the policy`)),
    'wrong-reference-kind': define<{ source: string; path: string; id: string }>('invalid-file',
        a => invalid(a, `${a.id} är ingen egenskap att pröva`),
        a => invalidEn(a, `${a.id} is not an attribute to test`)),
    'period-ends-before-start': define<{ source: string; path: string; from: string; to: string }>('invalid-file',
        a => invalid(a, `perioden slutar ${a.to}, före sin början ${a.from}`),
        a => invalidEn(a, `the period ends ${a.to}, before it begins ${a.from}`)),
    'overlapping-versions': define<{ source: string; path: string; name: string; date: string }>('invalid-file',
        a => invalid(a, `två versioner av ${a.name} gäller samma dag, ${a.date}`),
        a => invalidEn(a, `two versions of ${a.name} are in force on the same day, ${a.date}`)),
    'duplicate-column': define<{ source: string; path: string; column: string }>('invalid-file',
        a => invalid(a, `kolumnen ${a.column} finns två gånger`),
        a => invalidEn(a, `the column ${a.column} appears twice`)),
    'row-width-inputs': define<{ source: string; path: string; row: number; table: number }>('invalid-file',
        a => invalid(a, `raden har ${a.row} villkor men tabellen ${a.table} indatakolumner`),
        a => invalidEn(a, `the row has ${a.row} conditions but the table ${a.table} input columns`)),
    'output-value-unlisted': define<{ source: string; path: string; column: string }>('invalid-file',
        a => invalid(a, `utfallet finns inte bland kolumnen ${a.column}s värden`),
        a => invalidEn(a, `the output is not among the values of the column ${a.column}`)),
    'priority-without-values': define<{ source: string; path: string }>('invalid-file',
        a => invalid(a, `träff prioritet men ingen utdatakolumn anger sina värden i prioritetsordning`),
        a => invalidEn(a, `hit policy priority but no output column lists its values in priority order`)),
    'output-order-without-values': define<{ source: string; path: string }>('invalid-file',
        a => invalid(a, `träff utfallsordning men ingen utdatakolumn anger sina värden i prioritetsordning`),
        a => invalidEn(a, `hit policy output order but no output column lists its values in priority order`)),
    'row-width-outputs': define<{ source: string; path: string; row: number; table: number }>('invalid-file',
        a => invalid(a, `raden har ${a.row} utfall men tabellen ${a.table} utdatakolumner`),
        a => invalidEn(a, `the row has ${a.row} outputs but the table ${a.table} output columns`)),
    'row-width-selectors': define<{ source: string; path: string; row: number; table: number }>('invalid-file',
        a => invalid(a, `raden har ${a.row} värden men ersättningen väljer efter ${a.table} egenskaper`),
        a => invalidEn(a, `the row has ${a.row} values but the rate selects by ${a.table} attributes`)),
    'empty-level-range': define<{ source: string; path: string; from: number; to: number }>('invalid-file',
        a => invalid(a, `nivåerna ${a.from}–${a.to} är ett tomt intervall`),
        a => invalidEn(a, `the levels ${a.from}–${a.to} are an empty range`)),
    'empty-value-range': define<{ source: string; path: string; min: string; max: string }>('invalid-file',
        a => invalid(a, `värdena ${a.min}–${a.max} är ett tomt intervall`),
        a => invalidEn(a, `the values ${a.min}–${a.max} are an empty range`)),
    'duplicate-value': define<{ source: string; path: string; value: string }>('invalid-file',
        a => invalid(a, `värdet ${a.value} finns två gånger`),
        a => invalidEn(a, `the value ${a.value} appears twice`)),
    'duplicate-level': define<{ source: string; path: string; level: number }>('invalid-file',
        a => invalid(a, `nivå ${a.level} finns två gånger`),
        a => invalidEn(a, `level ${a.level} appears twice`)),
} as const;

export type RuntimeMessageKey = keyof typeof RUNTIME_MESSAGES;
export type RuntimeMessageArgs<K extends RuntimeMessageKey> = typeof RUNTIME_MESSAGES[K] extends MessageDefinition<infer A> ? A : never;

const TYPE_WORDS: Record<string, BothLanguages> = {
    object: { sv: 'ett objekt', en: 'an object' },
    array: { sv: 'en lista', en: 'a list' },
    string: { sv: 'en text', en: 'a text' },
    integer: { sv: 'ett heltal', en: 'a whole number' },
    number: { sv: 'ett tal', en: 'a number' },
    boolean: { sv: 'true eller false', en: 'true or false' },
    null: { sv: 'null', en: 'null' },
};

/** The schema keywords a violation is worded for; any other is named as a rule that is broken. */
export const FORMAT_VIOLATION_KEYWORDS = ['required', 'additionalProperties', 'type', 'const', 'enum', 'pattern', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'minItems', 'minLength', 'oneOf', 'anyOf'] as const;

/** What the schema's keyword says, in both languages. */
export function formatViolationText({ keyword, params }: Pick<FormatViolation, 'keyword' | 'params'>): BothLanguages {
    const types = (locale: RuntimeLocale) => String(params.type).split(',').map(t => TYPE_WORDS[t]?.[locale] ?? t).join(locale === 'sv' ? ' eller ' : ' or ');
    switch (keyword) {
        case 'required': return { sv: `fältet '${String(params.missingProperty)}' saknas`, en: `the field '${String(params.missingProperty)}' is missing` };
        case 'additionalProperties': return { sv: `fältet '${String(params.additionalProperty)}' hör inte hit`, en: `the field '${String(params.additionalProperty)}' does not belong here` };
        case 'type': return { sv: `här ska stå ${types('sv')}`, en: `this must be ${types('en')}` };
        case 'const': return { sv: `här ska stå ${JSON.stringify(params.allowedValue)}`, en: `this must be ${JSON.stringify(params.allowedValue)}` };
        case 'enum': return { sv: 'värdet är inget av de tillåtna', en: 'the value is none of those allowed' };
        case 'pattern': return { sv: 'värdet har inte den form som krävs', en: 'the value does not have the required form' };
        case 'minimum': case 'exclusiveMinimum': return { sv: 'talet är för litet', en: 'the number is too small' };
        case 'maximum': case 'exclusiveMaximum': return { sv: 'talet är för stort', en: 'the number is too large' };
        case 'minItems': return { sv: 'listan har för få poster', en: 'the list has too few entries' };
        case 'minLength': return { sv: 'texten är tom', en: 'the text is empty' };
        case 'oneOf': case 'anyOf': return { sv: 'värdet passar ingen av de former som formatet har här', en: 'the value fits none of the forms the format has here' };
        default: return { sv: `regeln '${keyword}' bryts`, en: `the rule '${keyword}' is broken` };
    }
}
