import { groupThousands, itemList } from '@regelratt/analyses';
import { fileErrorReason } from './file-error-reasons.js';
import type { MessageLocale } from '@regelratt/analyses';

export type MessageArgs = Record<string, string | number>;
export type Severity = 'error' | 'warning' | 'info' | 'hint';

interface DiagnosticDefinition {
    severity: Severity;
    sv: (args: MessageArgs) => string;
    en: (args: MessageArgs) => string;
}

/** A count with a space between thousands, as Swedish writes it (also readable in English). */
const thousands = (value: string | number) => groupThousands(String(value));

/** "69 000 fel och 12 varningar": the findings a `too-many-findings` stands for, zero counts left out. */
function hiddenList(a: MessageArgs, locale: MessageLocale): string {
    const words = locale === 'sv'
        ? { errors: ['fel', 'fel'], warnings: ['varning', 'varningar'], others: ['upplysning eller tips', 'upplysningar och tips'] }
        : { errors: ['error', 'errors'], warnings: ['warning', 'warnings'], others: ['note or hint', 'notes and hints'] };
    const parts = (['errors', 'warnings', 'others'] as const)
        .filter(kind => Number(a[kind]) > 0)
        .map(kind => `${thousands(a[kind])} ${words[kind][Number(a[kind]) === 1 ? 0 : 1]}`);
    return parts.length === 0 ? '0' : itemList(parts, locale);
}

/**
 * Every diagnostic Regelrätt reports, by stable code. The code is part of the public surface:
 * tools filter on it and docs/diagnostics.md documents each one (a test keeps the two in step).
 */
export const diagnosticCatalogue = {
    // ------------------------------------------------------------ text and syntax
    'lexical-error': {
        severity: 'error',
        sv: a => `Oväntat tecken ${a.text}.`,
        en: a => `Unexpected character ${a.text}.`,
    },
    'syntax-error': {
        severity: 'error',
        sv: a => a.message as string,
        en: a => a.message as string,
    },
    'nesting-too-deep': {
        severity: 'error',
        sv: a => `För djup nästling här: mer än ${a.limit} nivåer av parenteser, 'inte' eller 'annars om' i följd. Resten av filen läses inte; dela upp villkoret eller formeln, till exempel i namngivna beräkningar.`,
        en: a => `Nesting too deep here: more than ${a.limit} levels of parentheses, 'inte' or 'annars om' in a row. The rest of the file is not read; split the criterion or formula, for instance into named calculations.`,
    },
    'chain-too-long': {
        severity: 'error',
        sv: a => `För långt villkor eller för lång formel här: mer än ${a.limit} 'och', 'eller' eller räknetecken i följd. Resten av filen läses inte; dela upp det, till exempel i namngivna beräkningar eller i rader i en beslutstabell.`,
        en: a => `Criterion or formula too long here: more than ${a.limit} 'och', 'eller' or arithmetic operators in a row. The rest of the file is not read; split it, for instance into named calculations or rows of a decision table.`,
    },
    'unterminated-text': {
        severity: 'error',
        sv: () => `Texten saknar sitt avslutande citattecken: en text inom citattecken slutar på samma rad. Skriv \\" för ett citattecken inne i texten.`,
        en: () => `The text lacks its closing quote: a quoted text ends on the same line. Write \\" for a quote inside the text.`,
    },
    'text-too-long': {
        severity: 'error',
        sv: a => `Texten är ${thousands(a.length)} tecken lång; högst ${thousands(a.limit)} går. Längre prosa skrivs som kommentarer (//) direkt ovanför deklarationen: dokumentet tar med dem.`,
        en: a => `The text is ${thousands(a.length)} characters long; at most ${thousands(a.limit)} are allowed. Longer prose goes in comments (//) right above the declaration: the document includes them.`,
    },
    'number-too-long': {
        severity: 'error',
        sv: a => `Talet ${a.start}… har ${thousands(a.digits)} siffror; högst ${a.limit} går.`,
        en: a => `The number ${a.start}… has ${thousands(a.digits)} digits; at most ${a.limit} are allowed.`,
    },
    'internal-check-error': {
        severity: 'error',
        sv: a => `Internt fel i Regelrätts kontroll av ${a.node} (inte ett fel i filen): ${a.detail}. Rapportera det till Regelrätts utvecklare med filen; övriga kontroller har körts.`,
        en: a => `Internal error in Regelrätt's check of ${a.node} (not an error in the file): ${a.detail}. Please report it to the Regelrätt developers with the file; the other checks have run.`,
    },
    'internal-build-error': {
        severity: 'error',
        sv: a => `Internt fel i Regelrätt när filen lästes in (inte ett fel i filen): ${a.detail}. Rapportera det till Regelrätts utvecklare med filen; arbetsytans övriga filer kontrolleras som vanligt.`,
        en: a => `Internal error in Regelrätt while loading the file (not an error in the file): ${a.detail}. Please report it to the Regelrätt developers with the file; the workspace's other files are checked as usual.`,
    },
    'too-many-findings': {
        severity: 'error',
        sv: a => `Ytterligare ${hiddenList(a, 'sv')} i filen visas inte (högst ${thousands(a.limit)} visas per fil). Rätta de som visas och kontrollera igen.`,
        en: a => `${hiddenList(a, 'en')} more in this file are not shown (at most ${thousands(a.limit)} are shown per file). Fix those shown and check again.`,
    },
    'repeated-clause': {
        severity: 'error',
        sv: a => `'${a.clause}' anges mer än en gång i samma block; bara den sista skulle gälla.`,
        en: a => `'${a.clause}' is given more than once in the same block; only the last would count.`,
    },
    // ------------------------------------------------------------ names
    'unresolved-reference': {
        severity: 'error',
        sv: a => `Okänt namn '${a.name}': det finns ingen ${a.kind} med det namnet i arbetsytan.${a.suggestion ? ` Menade du '${a.suggestion}'?` : ''}`,
        en: a => `Unknown name '${a.name}': there is no ${a.kind} by that name in the workspace.${a.suggestion ? ` Did you mean '${a.suggestion}'?` : ''}`,
    },
    'unknown-enumeration-value': {
        severity: 'error',
        sv: a => `'${a.name}' är inget värde för ${a.attribute}; möjliga värden: ${a.values}.`,
        en: a => `'${a.name}' is not a value of ${a.attribute}; possible values: ${a.values}.`,
    },
    'duplicate-name': {
        severity: 'error',
        sv: a => `Namnet '${a.name}' används redan (${a.other}). Namn måste vara unika i hela arbetsytan.`,
        en: a => `The name '${a.name}' is already used (${a.other}). Names must be unique in the whole workspace.`,
    },
    'import-not-found': {
        severity: 'error',
        sv: a => (a.known === '' ? `'${a.name}' finns inte: använd tar en .regel-fil eller en mapp, räknat från den här filens mapp.` : `Det finns inget bibliotek '${a.name}'; bibliotek som följer med Regelrätt: ${a.known}.`),
        en: a => (a.known === '' ? `'${a.name}' does not exist: använd takes a .regel file or a folder, relative to this file's folder.` : `There is no library '${a.name}'; libraries shipped with Regelrätt: ${a.known}.`),
    },
    'library-version-mismatch': {
        severity: 'warning',
        sv: a => `Policyn anger biblioteket ${a.name} version ${a.pinned}, som inte följer med (versioner som följer med: ${a.versions ?? a.shipped}): namnen läses ur ${a.shipped}. Jämför versionerna och ange ${a.shipped} när policyn stämmer med den.`,
        en: a => `The policy names library ${a.name} version ${a.pinned}, which is not shipped (versions shipped: ${a.versions ?? a.shipped}): names are read from ${a.shipped}. Compare the versions and name ${a.shipped} once the policy agrees with it.`,
    },
    'library-version-conflict': {
        severity: 'error',
        sv: a => `Policyn använder biblioteket ${a.name} i två versioner: ${a.version} här och ${a.other} i ${a.file}. Policyn kan bara läsa ett bibliotek i en version; ange samma version i alla filer.`,
        en: a => `The policy imports library ${a.name} in two versions: ${a.version} here and ${a.other} in ${a.file}. A policy reads a library in one version; name the same version in every file.`,
    },
    'import-cycle': {
        severity: 'error',
        sv: a => `Filerna använder varandra i en cirkel: ${a.cycle}. Flytta det gemensamma till en fil som inte använder någon av dem.`,
        en: a => `The files import each other in a cycle: ${a.cycle}. Move what they share to a file that imports neither.`,
    },
    'minimibelopp-below-national-for-some': {
        severity: 'error',
        sv: a => `Den ${a.date} reserverar avgiften ${a.fee} ${a.municipal} kr som minimibelopp för ${a.witness}, lägre än det lägsta nationella minimibeloppet, ${a.national} kr för var och en av sammanlevande (biblioteket nationellt). Kommunen får sätta det högre, aldrig lägre.`,
        en: a => `On ${a.date} fee ${a.fee} reserves ${a.municipal} kr as minimibelopp for ${a.witness}, below the lowest national minimibelopp, ${a.national} kr for each of a couple (library nationellt). A municipality may set it higher, never lower.`,
    },
    'minimibelopp-below-national-single': {
        severity: 'error',
        sv: a => `Den ${a.date} reserverar avgiften ${a.fee} ${a.highest ? `högst ${a.municipal} kr som minimibelopp (för ${a.witness}), så en ensamstående får` : `${a.municipal} kr som minimibelopp för en ensamstående (${a.witness}),`} lägre än det nationella minimibeloppet för ensamstående, ${a.national} kr (biblioteket nationellt). Beloppet för var och en av sammanlevande, ${a.couple} kr, gäller den som bor med make, maka eller sambo; kommunen får sätta beloppen högre, aldrig lägre.`,
        en: a => `On ${a.date} fee ${a.fee} reserves ${a.highest ? `at most ${a.municipal} kr as minimibelopp (for ${a.witness}), so a single person gets` : `${a.municipal} kr as minimibelopp for a single person (${a.witness}),`} less than the national minimibelopp for a single person, ${a.national} kr (library nationellt). The amount for each of a couple, ${a.couple} kr, is for those living with a spouse or partner; a municipality may set the amounts higher, never lower.`,
    },
    'minimibelopp-below-national': {
        severity: 'error',
        sv: a => `Den ${a.date} är minimibeloppet i avgiften ${a.fee} ${a.municipal} kr, lägre än det nationella minimibeloppet för ensamstående, ${a.national} kr (biblioteket nationellt). Kommunen får sätta det högre, aldrig lägre.`,
        en: a => `On ${a.date} the minimibelopp in fee ${a.fee} is ${a.municipal} kr, below the national minimibelopp for a single person, ${a.national} kr (library nationellt). A municipality may set it higher, never lower.`,
    },
    'maxtaxa-above-national': {
        severity: 'error',
        sv: a => `Den ${a.date} är maxtaxan i avgiften ${a.fee} ${a.municipal} kr, högre än den nationella maxtaxan för hemtjänst och dagverksamhet, ${a.national} kr (biblioteket nationellt). Kommunen får sätta den lägre, aldrig högre.`,
        en: a => `On ${a.date} the maxtaxa in fee ${a.fee} is ${a.municipal} kr, above the national maxtaxa for home care and day activities, ${a.national} kr (library nationellt). A municipality may set it lower, never higher.`,
    },
    'fee-level-above-maxtaxa': {
        severity: 'warning',
        sv: a => `Avgiften ${a.fee} har ingen maxtaxa, och nivå ${a.level} tar upp till ${a.amount} kr, mer än den nationella maxtaxan för hemtjänst och dagverksamhet, ${a.national} kr den ${a.date}. Ange maxtaxan (maxtaxa maxtaxa_hemtjänst) om avgiften omfattas av den.`,
        en: a => `Fee ${a.fee} has no maxtaxa, and level ${a.level} charges up to ${a.amount} kr, more than the national maxtaxa for home care and day activities, ${a.national} kr on ${a.date}. Give the maxtaxa (maxtaxa maxtaxa_hemtjänst) if the fee comes under it.`,
    },
    'fee-without-maxtaxa': {
        severity: 'warning',
        sv: a => `Avgiften ${a.fee} har ingen maxtaxa${a.level !== '' ? ` och inget takbelopp för nivå ${a.level}` : ''}: den växer med avgiftsutrymmet och kan bli högre än den nationella maxtaxan för hemtjänst och dagverksamhet, ${a.national} kr den ${a.date}. Ange maxtaxan (maxtaxa maxtaxa_hemtjänst) om avgiften omfattas av den.`,
        en: a => `Fee ${a.fee} has no maxtaxa${a.level !== '' ? ` and no cap for level ${a.level}` : ''}: it grows with the avgiftsutrymme and can exceed the national maxtaxa for home care and day activities, ${a.national} kr on ${a.date}. Give the maxtaxa (maxtaxa maxtaxa_hemtjänst) if the fee comes under it.`,
    },
    'law-replaced': {
        severity: 'hint',
        sv: a => `Avgiften ${a.fee} gäller även från ${a.repealed}, men insatsen ${a.service} vilar på ${a.citation} i ${a.law}, som upphävdes ${a.repealed}${a.replacement !== '' ? `; i ${a.newLaw} motsvaras den av ${a.replacement}` : a.newLaw !== '' ? `; ange paragrafen i ${a.newLaw}` : ''}.`,
        en: a => `Fee ${a.fee} is in force from ${a.repealed} too, but service ${a.service} rests on ${a.citation} of ${a.law}, repealed on ${a.repealed}${a.replacement !== '' ? `; in ${a.newLaw} it is ${a.replacement}` : a.newLaw !== '' ? `; name the paragraph of ${a.newLaw}` : ''}.`,
    },
    'reserved-name': {
        severity: 'error',
        sv: a => `Namnet '${a.name}' är reserverat: de system som läser den kompilerade policyn ger det en egen betydelse. Välj ett annat namn.`,
        en: a => `The name '${a.name}' is reserved: the systems that read the compiled policy give it a meaning of their own. Choose another name.`,
    },
    'duplicate-enumeration-value': {
        severity: 'error',
        sv: a => `Värdet '${a.name}' finns redan i uppräkningen.`,
        en: a => `The value '${a.name}' is already in the enumeration.`,
    },
    // ------------------------------------------------------------ numbers, units and types
    'missing-unit': {
        severity: 'error',
        sv: a => `Beloppet ${a.value} saknar enhet; skriv ${a.value} ${a.expected}.`,
        en: a => `The amount ${a.value} has no unit; write ${a.value} ${a.expected}.`,
    },
    'wrong-unit': {
        severity: 'error',
        sv: a => `Här väntas ${a.expected}, men värdet anges i ${a.actual}.`,
        en: a => `${a.expected} is expected here, but the value is given in ${a.actual}.`,
    },
    'percentage-out-of-range': {
        severity: 'error',
        sv: a => `${a.value} % är utanför 0–100 %; en andel kan inte vara ${a.value} %.`,
        en: a => `${a.value} % is outside 0–100 %; a share cannot be ${a.value} %.`,
    },
    'not-a-whole-number': {
        severity: 'error',
        sv: a => `${a.what} måste vara ett heltal, inte ${a.value}.`,
        en: a => `${a.what} must be a whole number, not ${a.value}.`,
    },
    'number-out-of-bounds': {
        severity: 'error',
        sv: a => `${a.what} ${a.value} går inte: det ska vara ett heltal från ${a.min} till ${a.max}.`,
        en: a => `${a.what} ${a.value} is not possible: it must be a whole number from ${a.min} to ${a.max}.`,
    },
    'type-mismatch': {
        severity: 'error',
        sv: a => `${a.attribute} är ${a.type}; det kan inte jämföras med ${a.value}.`,
        en: a => `${a.attribute} is ${a.type}; it cannot be compared with ${a.value}.`,
    },
    'unit-mismatch': {
        severity: 'error',
        sv: a => (a.right ? `Kan inte ${a.operation} ${a.left} och ${a.right}: enheterna passar inte ihop.` : `Kan inte ${a.operation} ${a.left} till kronor eller öre.`),
        en: a => (a.right ? `Cannot ${a.operation} ${a.left} and ${a.right}: the units do not fit together.` : `Cannot ${a.operation} ${a.left} to kronor or öre.`),
    },
    'not-a-number': {
        severity: 'error',
        sv: a => `${a.name} är ${a.type} och kan inte räknas med.`,
        en: a => `${a.name} is ${a.type} and cannot be calculated with.`,
    },
    'calculation-cycle': {
        severity: 'error',
        sv: a => `Beräkningen ${a.name} beror av sig själv (${a.chain}) och får därför inget värde.`,
        en: a => `The calculation ${a.name} depends on itself (${a.chain}) and so has no value.`,
    },
    'decision-cycle': {
        severity: 'error',
        sv: a => `Beslutstabellen ${a.name} läser sig själv via en kedja av tabeller och beräkningar (${a.chain}) och kan därför inte avgöra något.`,
        en: a => `The decision table ${a.name} reads itself through a chain of tables and calculations (${a.chain}) and so cannot decide anything.`,
    },
    'chained-column-not-comparable': {
        severity: 'error',
        sv: a => `Kolumnen ${a.table}.${a.column} ger värden som inte är angivna eller värden av olika slag; en kolumn som läser en annan tabell jämför tal, ja/nej, datum, texter eller förlopp, ett slag i taget.`,
        en: a => `The column ${a.table}.${a.column} gives values left open or values of different kinds; a column that reads another table compares numbers, yes/no, dates, texts or förlopp, one kind at a time.`,
    },
    'chained-text-character': {
        severity: 'error',
        sv: a => `Texten ${a.text} kan inte jämföras i kolumnen ${a.column}: en text som en kolumn läser från en annan tabell får inte innehålla citattecken, omvänt snedstreck eller styrtecken. Skriv den utan dem, här och i tabellen som ger den.`,
        en: a => `The text ${a.text} cannot be compared in the column ${a.column}: a text a column reads from another table may not contain quotes, backslashes or control characters. Write it without them, here and in the table that gives it.`,
    },
    'unknown-column': {
        severity: 'error',
        sv: a => (a.table ? `${a.table} har ingen kolumn ${a.column}.${a.suggestion ? ` Menade du ${a.suggestion}?` : ''} Kolumner: ${a.columns}.` : `${a.name} är ingen beslutstabell och har inga kolumner.`),
        en: a => (a.table ? `${a.table} has no column ${a.column}.${a.suggestion ? ` Did you mean ${a.suggestion}?` : ''} Columns: ${a.columns}.` : `${a.name} is no decision table and has no columns.`),
    },
    'column-required': {
        severity: 'error',
        sv: a => `${a.table} har flera utfallskolumner (${a.columns}); skriv vilken, till exempel ${a.table}.${a.first}.`,
        en: a => `${a.table} has several output columns (${a.columns}); say which, for instance ${a.table}.${a.first}.`,
    },
    'level-not-applicable': {
        severity: 'error',
        sv: a => `${a.name} beror inte av nivån; 'vid nivå' gäller nivåtabeller och beslutstabeller som läser nivån.`,
        en: a => `${a.name} does not depend on the level; 'vid nivå' applies to level tables and decision tables that read the level.`,
    },
    'fee-without-room': {
        severity: 'error',
        sv: a => `Avgiften ${a.name} anger inget avgiftsutrymme; utan det kan ingen avgift beräknas.`,
        en: a => `The fee ${a.name} gives no avgiftsutrymme; without it no fee can be computed.`,
    },
    'value-outside-domain': {
        severity: 'warning',
        sv: a => `${a.value} ligger utanför ${a.attribute}s definitionsområde ${a.domain}.`,
        en: a => `${a.value} lies outside the domain ${a.domain} of ${a.attribute}.`,
    },
    'invalid-range': {
        severity: 'error',
        sv: a => `Intervallet ${a.min}–${a.max} är tomt: början är större än slutet.`,
        en: a => `The range ${a.min}–${a.max} is empty: its start is greater than its end.`,
    },
    // ------------------------------------------------------------ dates
    'invalid-date': {
        severity: 'error',
        sv: a => `${a.date} är inget giltigt datum.`,
        en: a => `${a.date} is not a valid date.`,
    },
    'date-range-reversed': {
        severity: 'error',
        sv: a => `Perioden slutar (${a.to}) före den börjar (${a.from}).`,
        en: a => `The period ends (${a.to}) before it starts (${a.from}).`,
    },
    // ------------------------------------------------------------ level tables
    'duplicate-level': {
        severity: 'error',
        sv: a => `Nivå ${a.level} finns redan på rad ${a.line} i samma tabell.`,
        en: a => `Level ${a.level} is already listed on line ${a.line} of the same table.`,
    },
    'level-outside-range': {
        severity: 'error',
        sv: a => `Nivå ${a.level} ligger utanför tabellens nivåer ${a.min}–${a.max}.`,
        en: a => `Level ${a.level} lies outside the table's levels ${a.min}–${a.max}.`,
    },
    // ------------------------------------------------------------ analyses: förlopp
    'pathway-gap': {
        severity: 'error',
        sv: a => `Inget förlopp gäller för: ${a.witness}.`,
        en: a => `No pathway applies to: ${a.witness}.`,
    },
    'pathway-overlap': {
        severity: 'error',
        sv: a => `Både ${a.first} och ${a.second} gäller för: ${a.witness}. Är det avsett, ange 'sekundärt ${a.second}' i ${a.first}.`,
        en: a => `Both ${a.first} and ${a.second} apply to: ${a.witness}. If that is intended, write 'sekundärt ${a.second}' in ${a.first}.`,
    },
    'pathways-at-once': {
        severity: 'error',
        sv: a => `${a.count} förlopp gäller samtidigt för: ${a.witness}: ${a.others} och ${a.last}. En medborgare placeras i ett förlopp och högst ett sekundärt; ändra villkoren så att högst två av dem gäller för samma medborgare.`,
        en: a => `${a.count} pathways apply at once to: ${a.witness}: ${a.others} and ${a.last}. A citizen is placed in one pathway and at most one secondary; change the criteria so that at most two of them apply to the same citizen.`,
    },
    'pathway-without-criterion': {
        severity: 'warning',
        sv: a => `Förloppet ${a.name} saknar 'när'-villkor, så ingen placeras där; täckningen prövas utan det.`,
        en: a => `The pathway ${a.name} has no 'när' criterion, so nobody is placed there; coverage is checked without it.`,
    },
    'decision-gap': {
        severity: 'error',
        sv: a => `Ingen rad i beslutstabellen ${a.table} gäller för: ${a.witness}.`,
        en: a => `No row of the decision table ${a.table} applies to: ${a.witness}.`,
    },
    'decision-sum-gap': {
        severity: 'error',
        sv: a => `Ingen rad i beslutstabellen ${a.table} gäller för: ${a.witness}. Med 'träff samla summa' svarar tabellen då ${a.answer} (summan av inga rader), där DMN inte ger något svar; skriv 'annars || … |' sist i tabellen om 0 är avsett, eller lägg till en rad för dem.`,
        en: a => `No row of the decision table ${a.table} applies to: ${a.witness}. Under 'träff samla summa' the table then answers ${a.answer} (the sum of no rows), where DMN gives no answer; write 'annars || … |' last in the table if 0 is meant, or add a row for them.`,
    },
    'decision-default-unused': {
        severity: 'warning',
        sv: a => `Annars-raden i beslutstabellen ${a.table} används aldrig: varje fall matchar en rad.`,
        en: a => `The 'annars' row of the decision table ${a.table} is never used: every case matches a row.`,
    },
    'decision-bound-undecided': {
        severity: 'warning',
        sv: a => `Täckningen av beslutstabellen ${a.table} kan inte avgöras: rad ${a.row} jämför i cellen '${a.cell}' med egenskapen ${a.name}, ett värde som varierar med fallet, och ${a.reason === 'too-many' ? `tabellen skulle prövas för ${thousands(a.count)} värden, fler än ${a.budget}` : a.reason === 'open' ? `${a.name} har inget slutet intervall att pröva värde för värde` : `${a.name} är inget heltal och kan inte prövas värde för värde`}. Luckor och överlapp prövas inte; skriv gränsen som ett tal eller en parameter om det går.`,
        en: a => `The coverage of the decision table ${a.table} cannot be decided: row ${a.row} compares, in the cell '${a.cell}', with the attribute ${a.name}, a value that varies with the case, and ${a.reason === 'too-many' ? `the table would be checked for ${thousands(a.count)} values, more than ${a.budget}` : a.reason === 'open' ? `${a.name} has no closed range to check value by value` : `${a.name} is no whole number and cannot be checked value by value`}. Gaps and overlaps are not checked; write the bound as a number or a parameter where possible.`,
    },
    'decision-default-arity': {
        severity: 'error',
        sv: a => `Annars-raden i ${a.table} har ${a.outputs} utfall, men tabellens huvud har ${a.headerOutputs}.`,
        en: a => `The 'annars' row of ${a.table} has ${a.outputs} outputs, but the table's header has ${a.headerOutputs}.`,
    },
    'decision-overlap': {
        severity: 'error',
        sv: a => (a.hit === 'valfri'
            ? `Raderna ${a.rows} i beslutstabellen ${a.table} gäller samtidigt för: ${a.witness}, och de ger olika utfall; med 'träff valfri' får bara rader med samma utfall gälla samtidigt.`
            : `Raderna ${a.rows} i beslutstabellen ${a.table} gäller samtidigt för: ${a.witness}; tabellen kräver en unik träff (skriv 'träff första' om den första raden ska gälla).`),
        en: a => (a.hit === 'valfri'
            ? `Rows ${a.rows} of the decision table ${a.table} apply at the same time to: ${a.witness}, and they give different outputs; under 'träff valfri' only rows with the same outputs may apply together.`
            : `Rows ${a.rows} of the decision table ${a.table} apply at the same time to: ${a.witness}; the table requires a unique hit (write 'träff första' if the first row is to decide).`),
    },
    'decision-row-shadowed': {
        severity: 'warning',
        sv: a => `Rad ${a.row} i beslutstabellen ${a.table} avgör aldrig: varje medborgare den gäller för tas redan av en tidigare rad (med 'träff första'), till exempel av rad ${a.by} för: ${a.witness}. Ta bort raden eller flytta den ovanför rad ${a.by}.`,
        en: a => `Row ${a.row} of the decision table ${a.table} never decides: every citizen it applies to is taken by an earlier row (under 'träff första'), for instance by row ${a.by} for: ${a.witness}. Remove the row or move it above row ${a.by}.`,
    },
    'decision-row-redundant': {
        severity: 'warning',
        sv: a => `Rad ${a.row} i beslutstabellen ${a.table} behövs inte: varje medborgare den gäller för omfattas också av rader med samma utfall, till exempel rad ${a.by} för: ${a.witness}. Att ta bort den ändrar inget svar.`,
        en: a => `Row ${a.row} of the decision table ${a.table} is not needed: every citizen it applies to is also covered by rows with the same outputs, for instance row ${a.by} for: ${a.witness}. Removing it changes no answer.`,
    },
    'decision-rows-mergeable': {
        severity: 'hint',
        sv: a => `Rad ${a.keep} och rad ${a.remove} i beslutstabellen ${a.table} ger samma utfall och skiljer sig bara i ${a.column}; de kan skrivas som en rad med '${a.cell}' i kolumnen ${a.column} utan att något svar ändras.`,
        en: a => `Rows ${a.keep} and ${a.remove} of the decision table ${a.table} give the same outputs and differ only in ${a.column}; they can be written as one row with '${a.cell}' in the column ${a.column} without changing any answer.`,
    },
    'decision-row-outranked': {
        severity: 'warning',
        sv: a => `Rad ${a.row} i beslutstabellen ${a.table} avgör aldrig: varje medborgare den gäller för tas av en rad med högre prioritet eller av en tidigare rad med samma utfall (med 'träff prioritet'), till exempel av rad ${a.by} för: ${a.witness}. Ta bort raden eller ge den ett utfall med högre prioritet.`,
        en: a => `Row ${a.row} of the decision table ${a.table} never decides: every citizen it applies to is taken by a row of higher priority or by an earlier row with the same outputs (under 'träff prioritet'), for instance by row ${a.by} for: ${a.witness}. Remove the row or give it an output of higher priority.`,
    },
    'decision-priority-tie': {
        severity: 'error',
        sv: a => `Raderna ${a.rows} i beslutstabellen ${a.table} gäller samtidigt för: ${a.witness}, har samma prioritet och ger olika utfall; med 'träff prioritet' avgör prioriteten bara mellan olika värden i kolumnernas värdelistor.`,
        en: a => `Rows ${a.rows} of the decision table ${a.table} apply at the same time to: ${a.witness}, have the same priority and give different outputs; under 'träff prioritet' the priority decides only between different values of the columns' value lists.`,
    },
    'priority-without-values': {
        severity: 'error',
        sv: a => `Beslutstabellen ${a.table} har 'träff prioritet' men ingen utdatakolumn anger sina värden i prioritetsordning; skriv dem efter kolumnens namn, högst prioritet först: '| risk ("hög", "medel", "låg") |'.`,
        en: a => `The decision table ${a.table} has 'träff prioritet' but no output column lists its values in priority order; write them after the column's name, highest priority first: '| risk ("hög", "medel", "låg") |'.`,
    },
    'output-order-without-values': {
        severity: 'error',
        sv: a => `Beslutstabellen ${a.table} har 'träff utfallsordning' men ingen utdatakolumn anger sina värden i prioritetsordning, så raderna har inget att ordnas efter; skriv dem efter kolumnens namn, högst prioritet först: '| insats ("larm", "matlåda") |', eller skriv 'träff regelordning' för radordning.`,
        en: a => `The decision table ${a.table} has 'träff utfallsordning' but no output column lists its values in priority order, so the rows have nothing to be ordered by; write them after the name of the column, highest priority first: '| insats ("larm", "matlåda") |', or write 'träff regelordning' for row order.`,
    },
    'decision-list-not-a-value': {
        severity: 'error',
        sv: a => a.reader === 'example'
            ? `Beslutstabellen ${a.table} svarar med en lista (${a.policy}: utfallen från varje rad som gäller), inte med ett värde; skriv listan exemplet förväntar sig, i svarets ordning: 'förväntat [ … ]' ('förväntat [ ]' där ingen rad gäller).`
            : `Beslutstabellen ${a.table} svarar med en lista (${a.policy}: utfallen från varje rad som gäller), och en lista är inget värde som ${a.reader === 'cell' ? 'en cell kan pröva' : 'en formel kan räkna med'}. Läs en tabell med en träffpolicy som ger ett svar ('träff unik', 'träff första', 'träff valfri', 'träff prioritet' eller 'träff samla summa|min|max|antal').`,
        en: a => a.reader === 'example'
            ? `The decision table ${a.table} answers with a list (${a.policy}: the outputs of every row that applies), not with one value; write the list the example expects, in the answer's order: 'förväntat [ … ]' ('förväntat [ ]' where no row applies).`
            : `The decision table ${a.table} answers with a list (${a.policy}: the outputs of every row that applies), and a list is not a value ${a.reader === 'cell' ? 'a cell can test' : 'a formula can calculate with'}. Read a table whose hit policy gives one answer ('träff unik', 'träff första', 'träff valfri', 'träff prioritet' or 'träff samla summa|min|max|antal').`,
    },
    'list-expectation-single-answer': {
        severity: 'error',
        sv: a => `Beslutstabellen ${a.table} svarar med ett värde ('${a.policy}'), inte med en lista; förvänta värdet: 'förväntat "…"', 'förväntat ja', 'förväntat 2' eller 'förväntat förlopp …'.`,
        en: a => `The decision table ${a.table} answers with one value ('${a.policy}'), not with a list; expect the value: 'förväntat "…"', 'förväntat ja', 'förväntat 2' or 'förväntat förlopp …'.`,
    },
    'list-item-does-not-fit': {
        severity: 'error',
        sv: a => a.values !== undefined
            ? `Listan kan inte innehålla ${a.item}: ingen rad i kolumnen ${a.column} i beslutstabellen ${a.table} ger det värdet (kolumnen ger ${a.values}).`
            : `Listan kan inte innehålla ${a.item}: kolumnen ${a.column} i beslutstabellen ${a.table} ger ${a.gives}, inte ${a.kind}.`,
        en: a => a.values !== undefined
            ? `The list cannot hold ${a.item}: no row of the column ${a.column} of the decision table ${a.table} gives that value (the column gives ${a.values}).`
            : `The list cannot hold ${a.item}: the column ${a.column} of the decision table ${a.table} gives ${a.gives}, not ${a.kind}.`,
    },
    'expected-value-does-not-fit': {
        severity: 'error',
        sv: a => `Exemplet kan inte få ${a.value}: kolumnen ${a.column} i beslutstabellen ${a.table} ger ${a.gives}, inte ${a.kind}.`,
        en: a => `The example cannot get ${a.value}: the column ${a.column} of the decision table ${a.table} gives ${a.gives}, not ${a.kind}.`,
    },
    'decision-row-unreached': {
        severity: 'warning',
        sv: a => `Rad ${a.row} i beslutstabellen ${a.table} gäller ingen medborgare genom tabellerna den läser: ${a.reached}, men aldrig så att alla radens villkor uppfylls. Ta bort raden eller rätta villkoren.`,
        en: a => `Row ${a.row} of the decision table ${a.table} applies to no citizen through the tables it reads: ${a.reached}, but never so that all of the row's conditions are met. Remove the row or correct its conditions.`,
    },
    'decision-row-never-matches': {
        severity: 'warning',
        sv: a => `Rad ${a.row} i beslutstabellen ${a.table} gäller aldrig: ingen medborgare uppfyller alla radens villkor inom egenskapernas värdemängder, så raden ger ingen något svar. Ta bort raden eller rätta villkoren.`,
        en: a => `Row ${a.row} of the decision table ${a.table} never applies: no citizen meets all of the row's conditions within the attributes' domains, so the row answers nobody. Remove the row or correct its conditions.`,
    },
    'output-value-unlisted': {
        severity: 'error',
        sv: a => `${a.value} finns inte bland värdena för kolumnen ${a.column} i beslutstabellen ${a.table} (${a.values}); en kolumn som anger sina värden ger bara dem.`,
        en: a => `${a.value} is not among the values of the column ${a.column} of the decision table ${a.table} (${a.values}); a column that lists its values gives only those.`,
    },
    'amount-falls-as-need-rises': {
        severity: 'warning',
        sv: a => `${a.table}.${a.column} sjunker när ${a.need} ökar: ${a.lower} ger ${a.lowerAmount} (rad ${a.lowerRow}), men ${a.higher} ger ${a.higherAmount} (rad ${a.higherRow}).`,
        en: a => `${a.table}.${a.column} falls as ${a.need} rises: ${a.lower} gives ${a.lowerAmount} (row ${a.lowerRow}), but ${a.higher} gives ${a.higherAmount} (row ${a.higherRow}).`,
    },
    'calculation-falls-as-need-rises': {
        severity: 'warning',
        sv: a => `${a.name} sjunker när ${a.need} ökar${a.date ? ` (${a.date})` : ''}: ${a.lower} ger ${a.lowerAmount}, men ${a.higher} ger ${a.higherAmount}.`,
        en: a => `${a.name} falls as ${a.need} rises${a.date ? ` (${a.date})` : ''}: ${a.lower} gives ${a.lowerAmount}, but ${a.higher} gives ${a.higherAmount}.`,
    },
    'calculation-need-undecided': {
        severity: 'warning',
        sv: a => `Om ${a.name} sjunker när ${a.need} ökar har inte kunnat avgöras: ${a.reason}.`,
        en: a => `Whether ${a.name} falls as ${a.need} rises could not be decided: ${a.reason}.`,
    },
    'rounding-mode-twice': {
        severity: 'error',
        sv: a => `Avrundningen anger riktning två gånger: '${a.leading}' före 'till' och '${a.mode}' efter. Ange den en gång.`,
        en: a => `The rounding states its direction twice: '${a.leading}' before 'till' and '${a.mode}' after. State it once.`,
    },
    'rounding-does-not-fit': {
        severity: 'error',
        sv: a => `Kan inte avrunda ${a.unit} till ${a.rounding}: kronor och öre avrundar belopp, hela minuter, kvartstimmar och hela timmar en tid.`,
        en: a => `Cannot round ${a.unit} to ${a.rounding}: kronor and öre round amounts, whole minutes, quarter hours and whole hours a time.`,
    },
    'calculation-can-be-negative': {
        severity: 'warning',
        sv: a => `${a.name} kan bli negativ${a.date ? ` (${a.date})` : ''}: ${a.question} ger ${a.amount}. Skriv max(0 kr, …) om beloppet aldrig ska understiga noll, eller 'kan vara negativ' om det är avsikten.`,
        en: a => `${a.name} can go below zero${a.date ? ` (${a.date})` : ''}: ${a.question} gives ${a.amount}. Write max(0 kr, …) if the amount must never be below zero, or 'kan vara negativ' if that is intended.`,
    },
    'calculation-negative-undecided': {
        severity: 'warning',
        sv: a => `Om ${a.name} kan bli negativ har inte kunnat avgöras: gränserna utesluter det inte, och ${a.tried === '0' ? 'beräkningens fall att pröva var redan slut' : `inget av ${a.tried} prövade fall gav ett negativt belopp`}.`,
        en: a => `Whether ${a.name} can go below zero could not be decided: the bounds do not rule it out, and ${a.tried === '0' ? 'the calculation\'s cases to try were used up' : `none of the ${a.tried} cases tried gave a negative amount`}.`,
    },
    'calculation-outside-limit': {
        severity: 'error',
        sv: a => `${a.name} håller inte gränsen '${a.limit}'${a.date ? ` (${a.date})` : ''}: ${a.question} ger ${a.amount}.`,
        en: a => `${a.name} does not keep its limit '${a.limit}'${a.date ? ` (${a.date})` : ''}: ${a.question} gives ${a.amount}.`,
    },
    'calculation-limit-undecided': {
        severity: 'warning',
        sv: a => `Om ${a.name} håller gränsen '${a.limit}' har inte kunnat avgöras: gränserna visar det inte, och ${a.tried === '0' ? 'beräkningens fall att pröva var redan slut' : `inget av ${a.tried} prövade fall bröt gränsen`}.`,
        en: a => `Whether ${a.name} keeps its limit '${a.limit}' could not be decided: the bounds do not show it, and ${a.tried === '0' ? 'the calculation\'s cases to try were used up' : `none of the ${a.tried} cases tried broke it`}.`,
    },
    'limit-applies-to-nothing': {
        severity: 'warning',
        sv: a => `Gränsen '${a.limit}' för ${a.service} gäller ingen beräkning: ingen beräkning med 'insats ${a.service}' ger ett belopp i en enhet som gränsen kan jämföras med, så den prövas inte.`,
        en: a => `The limit '${a.limit}' of ${a.service} applies to no calculation: no calculation with 'insats ${a.service}' gives an amount in a unit the limit compares with, so it is not checked.`,
    },
    'limit-unit-mismatch': {
        severity: 'error',
        sv: a => `Gränsen '${a.limit}' är i ${a.limitUnit}, men ${a.name} ger ${a.answer}; de kan inte jämföras.`,
        en: a => `The limit '${a.limit}' is in ${a.limitUnit}, but ${a.name} gives ${a.answer}; they cannot be compared.`,
    },
    'calculation-cap-never-binds': {
        severity: 'warning',
        sv: a => `Taket ${a.cap} i ${a.name} avgör aldrig: ${a.below} är lika stort eller mindre för alla medborgare, alla datum.`,
        en: a => `The cap ${a.cap} in ${a.name} never decides: ${a.below} is as low or lower for every citizen, on every date.`,
    },
    'calculation-cap-row-never-binds': {
        severity: 'warning',
        sv: a => `Taket ${a.cap} i ${a.name} avgör aldrig för ${a.row}: där är det ${a.amount}, och ${a.below} är som högst ${a.belowAmount}.`,
        en: a => `The cap ${a.cap} in ${a.name} never decides for ${a.row}: it is ${a.amount} there, and ${a.below} is at most ${a.belowAmount}.`,
    },
    'calculation-cap-undecided': {
        severity: 'warning',
        sv: a => `Om taket ${a.cap} i ${a.name} någon gång avgör har inte kunnat avgöras: gränserna utesluter det inte, och ${a.tried === '0' ? 'beräkningens fall att pröva var redan slut' : `inget av ${a.tried} prövade fall gav det som minsta värde`}.`,
        en: a => `Whether the cap ${a.cap} in ${a.name} ever decides could not be decided: the bounds do not rule it out, and ${a.tried === '0' ? 'the calculation\'s cases to try were used up' : `none of the ${a.tried} cases tried made it the least`}.`,
    },
    'division-by-zero': {
        severity: 'error',
        sv: a => (a.question
            ? `Nämnaren i ${a.division} kan bli 0: ${a.question} ger division med noll, och ${a.name} kan då inte räknas ut${a.date ? ` (${a.date})` : ''}.`
            : `Nämnaren i ${a.division} är 0 för alla${a.date ? ` ${a.date}` : ''}: ${a.name} kan inte räknas ut.`),
        en: a => (a.question
            ? `The divisor in ${a.division} can be 0: ${a.question} divides by zero, and ${a.name} cannot then be computed${a.date ? ` (${a.date})` : ''}.`
            : `The divisor in ${a.division} is 0 for everyone${a.date ? ` on ${a.date}` : ''}: ${a.name} cannot be computed.`),
    },
    'division-undecided': {
        severity: 'warning',
        sv: a => `Om nämnaren i ${a.division} kan bli 0 har inte kunnat avgöras: gränserna utesluter det inte, och ${a.tried === '0' ? 'beräkningens fall att pröva var redan slut' : `inget av ${a.tried} prövade fall gav 0`}. Skydda divisionen med ett villkor (om … så … annars …).`,
        en: a => `Whether the divisor in ${a.division} can be 0 could not be decided: the bounds do not rule it out, and ${a.tried === '0' ? 'the calculation\'s cases to try were used up' : `none of the ${a.tried} cases tried gave 0`}. Guard the division with a condition (om … så … annars …).`,
    },
    'mixed-column': {
        severity: 'error',
        sv: a => `Kolumnen ${a.column} i ${a.table} blandar förlopp och värden; en kolumn ger antingen förlopp eller belopp, andelar och tal (eller texter, eller ja/nej).`,
        en: a => `The column ${a.column} of ${a.table} mixes förlopp and values; a column gives either förlopp or amounts, shares and numbers (or texts, or yes/no).`,
    },
    'date-column-mixed': {
        severity: 'error',
        sv: a => `Kolumnen ${a.column} i ${a.table} ger datum (${a.dateRow}) men ${a.kind} ${a.row}: en kolumn med datum ger ett datum i varje rad (eller ej angivet).`,
        en: a => `The column ${a.column} of ${a.table} gives dates (${a.dateRow}) but ${a.kind} ${a.row}: a column of dates gives a date in every row (or leaves it open).`,
    },
    'dates-not-summable': {
        severity: 'error',
        sv: a => `Kolumnen ${a.column} i ${a.table} ger datum, som inte kan läggas ihop: 'träff samla summa' summerar tal. Ta det tidigaste datumet med 'träff samla min' eller det senaste med 'träff samla max'.`,
        en: a => `The column ${a.column} of ${a.table} gives dates, which cannot be added up: 'träff samla summa' adds numbers. Take the earliest date with 'träff samla min' or the latest with 'träff samla max'.`,
    },
    'decision-formula-unit': {
        severity: 'error',
        sv: a => `Formeln i kolumnen ${a.column} i ${a.table} ger ${a.actual}, men kolumnen ger ${a.expected}: en kolumn ger samma slags värde i varje rad.`,
        en: a => `The formula in the column ${a.column} of ${a.table} gives ${a.actual}, but the column gives ${a.expected}: a column gives the same kind of value in every row.`,
    },
    'not-aggregable': {
        severity: 'error',
        sv: a => `Kolumnen ${a.column} i ${a.table} ger ${a.kind ?? 'förlopp'}, som inte kan läggas ihop eller jämföras: med 'träff samla' ska utfallen vara belopp, andelar eller tal (eller räkna rader med 'träff samla antal').`,
        en: a => `The column ${a.column} of ${a.table} gives ${a.kind ?? 'förlopp'}, which cannot be added up or compared: under 'träff samla' the outputs must be amounts, shares or numbers (or count rows with 'träff samla antal').`,
    },
    'decision-row-arity': {
        severity: 'error',
        sv: a => `Rad ${a.row} har ${a.inputs} villkor och ${a.outputs} utfall, men tabellens huvud har ${a.headerInputs} och ${a.headerOutputs}.`,
        en: a => `Row ${a.row} has ${a.inputs} conditions and ${a.outputs} results, but the table's header has ${a.headerInputs} and ${a.headerOutputs}.`,
    },
    'duplicate-column': {
        severity: 'error',
        sv: a => `Kolumnen ${a.column} finns redan i ${a.table}.`,
        en: a => `The column ${a.column} is already in ${a.table}.`,
    },
    'analysis-undecided': {
        severity: 'warning',
        sv: a => `Kunde inte avgöra ${a.what} inom gränsen på ${a.budget} fall; förenkla villkoren eller dela upp dem. ${Number(a.found) > 0 ? `Fynden som hittades innan dess (${a.found}${Number(a.unshown) > 0 ? ` visas, minst ${thousands(a.unshown)} till visas inte` : ''}) gäller, men resten har inte prövats färdigt.` : 'Inget har prövats färdigt här.'}${a.part ? ` Gränsen nåddes vid medborgarna med ${a.part}.` : ''}`,
        en: a => `Could not decide ${a.what} within the limit of ${a.budget} cases; simplify or split the criteria. ${Number(a.found) > 0 ? `The findings made before then (${a.found} shown${Number(a.unshown) > 0 ? `, at least ${thousands(a.unshown)} more not shown` : ''}) hold, but the rest has not been fully checked.` : 'Nothing here has been fully checked.'}${a.part ? ` The limit was reached at the citizens with ${a.part}.` : ''}`,
    },
    // ------------------------------------------------------------ analyses: inclusion
    'unsatisfiable-criterion': {
        severity: 'error',
        sv: a => `Ingen medborgare uppfyller villkoret${a.parts ? `: ${a.parts} kan inte gälla samtidigt` : ''}.`,
        en: a => `No citizen satisfies the criterion${a.parts ? `: ${a.parts} cannot hold at the same time` : ''}.`,
    },
    'exclusion-removes-everyone': {
        severity: 'error',
        sv: a => `Undantagen utesluter alla som inkluderas; till exempel utesluts ${a.witness}.`,
        en: a => `The exclusions remove everyone the inclusion admits; for example ${a.witness} is excluded.`,
    },
    'exclusion-never-applies': {
        severity: 'warning',
        sv: () => `Undantaget gäller aldrig någon som inkluderas, så det utesluter ingen.`,
        en: () => `The exclusion never applies to anyone the inclusion admits, so it excludes nobody.`,
    },
    'redundant-criterion': {
        severity: 'warning',
        sv: a => `Villkoret '${a.part}' följer redan av de övriga och ändrar ingenting.`,
        en: a => `The condition '${a.part}' already follows from the others and changes nothing.`,
    },
    'unreachable-branch': {
        severity: 'warning',
        sv: a => `Alternativet '${a.part}' kan aldrig uppfyllas tillsammans med resten av villkoret.`,
        en: a => `The alternative '${a.part}' can never hold together with the rest of the criterion.`,
    },
    // ------------------------------------------------------------ analyses: eligibility (beviljas när)
    'eligibility-excludes-everyone': {
        severity: 'error',
        sv: a => `Ingen kan beviljas ${a.service}: villkoren 'utom när' utesluter alla som 'beviljas när' gäller för; till exempel kan inte ${a.witness} beviljas insatsen.`,
        en: a => `No one can be granted ${a.service}: the 'utom när' clauses exclude everyone 'beviljas när' admits; for example ${a.witness} cannot be granted it.`,
    },
    'eligibility-exclusion-never-applies': {
        severity: 'warning',
        sv: () => `Villkoret 'utom när' gäller aldrig någon som 'beviljas när' gäller för, så det utesluter ingen.`,
        en: () => `The 'utom när' clause never applies to anyone 'beviljas när' admits, so it excludes nobody.`,
    },
    'eligibility-exception-never-applies': {
        severity: 'warning',
        sv: () => `Undantaget gäller aldrig någon som 'utom när' utesluter, så det ändrar inget.`,
        en: () => `The exception never applies to anyone the 'utom när' clause excludes, so it changes nothing.`,
    },
    'eligibility-exception-swallows-exclusion': {
        severity: 'warning',
        sv: a => `Undantagen gäller alla som 'utom när' utesluter, så villkoret utesluter ingen; till exempel kan ${a.witness} ändå beviljas insatsen.`,
        en: a => `The exceptions apply to everyone the 'utom när' clause excludes, so it excludes nobody; for example ${a.witness} can still be granted the service.`,
    },
    // ------------------------------------------------------------ analyses: test phase and pilots
    'pilot-service-excluded': {
        severity: 'error',
        sv: a => `Insatsen ${a.service} är undantagen i ${a.phase}.`,
        en: a => `The service ${a.service} is excluded from ${a.phase}.`,
    },
    'pilot-service-not-in-phase': {
        severity: 'warning',
        sv: a => `Insatsen ${a.service} ingår inte i ${a.phase}s insatser.`,
        en: a => `The service ${a.service} is not among the services of ${a.phase}.`,
    },
    'pilot-unit-not-in-phase': {
        severity: 'warning',
        sv: a => `Enheten ${a.unit} deltar inte i ${a.phase}.`,
        en: a => `The unit ${a.unit} does not take part in ${a.phase}.`,
    },
    'pilot-period-outside-phase': {
        severity: 'error',
        sv: a => `Piloten pågår ${a.date}, utanför ${a.phase} (${a.from}–${a.to}).`,
        en: a => `The pilot runs on ${a.date}, outside ${a.phase} (${a.from}–${a.to}).`,
    },
    'unit-outside-area-unmarked': {
        severity: 'warning',
        sv: a => `Enheten ${a.unit} ligger inte i ${a.area} men är inte markerad 'utanför området'.`,
        en: a => `The unit ${a.unit} is not in ${a.area} but is not marked 'utanför området'.`,
    },
    'unit-marked-outside-but-inside': {
        severity: 'warning',
        sv: a => `Enheten ${a.unit} ligger i ${a.area} men är markerad 'utanför området'.`,
        en: a => `The unit ${a.unit} is in ${a.area} but is marked 'utanför området'.`,
    },
    // ------------------------------------------------------------ analyses: levels and money
    'missing-level': {
        severity: 'error',
        sv: a => `Tabellen anger nivåerna ${a.min}–${a.max} men saknar ${a.levels}.`,
        en: a => `The table declares levels ${a.min}–${a.max} but lacks ${a.levels}.`,
    },
    'open-amount': {
        severity: 'warning',
        sv: a => `Belopp är inte angivet för ${a.levels}.`,
        en: a => `No amount is given for ${a.levels}.`,
    },
    'amount-decreases': {
        severity: 'warning',
        sv: a => `Beloppet sjunker när nivån stiger: nivå ${a.low} ger ${a.lowAmount} kr men nivå ${a.high} ${a.highAmount} kr.`,
        en: a => `The amount falls as the level rises: level ${a.low} gives ${a.lowAmount} kr but level ${a.high} ${a.highAmount} kr.`,
    },
    'fee-rises-as-need-falls': {
        severity: 'error',
        sv: a => `Avgiften stiger när behovet sjunker: med ett avgiftsutrymme på ${a.room} kr ger nivå ${a.low} ${a.lowFee} kr men nivå ${a.high} ${a.highFee} kr (${a.date}).`,
        en: a => `The fee rises as need falls: with an avgiftsutrymme of ${a.room} kr, level ${a.low} charges ${a.lowFee} kr but level ${a.high} ${a.highFee} kr (${a.date}).`,
    },
    'fee-not-analysed': {
        severity: 'warning',
        sv: a => `Om avgiften ${a.name} stiger när behovet sjunker har inte prövats: ${a.reason}.`,
        en: a => `Whether the fee ${a.name} rises as need falls has not been checked: ${a.reason}.`,
    },
    'cap-never-binds': {
        severity: 'warning',
        sv: a => `Takbeloppet för nivå ${a.level} (${a.cap} kr) är aldrig lägre än maxtaxan (som högst ${a.ceiling} kr) och påverkar aldrig avgiften.`,
        en: a => `The cap of level ${a.level} (${a.cap} kr) is never below the ceiling (at most ${a.ceiling} kr) and never affects the fee.`,
    },
    'fee-amount-above-ceiling': {
        severity: 'warning',
        sv: a => `Beloppet för nivå ${a.level} (${a.amount} kr) är högre än maxtaxan (som högst ${a.ceiling} kr); nivån tar aldrig ut det, utan maxtaxan.`,
        en: a => `The amount of level ${a.level} (${a.amount} kr) is above the ceiling (at most ${a.ceiling} kr); the level never charges it, only the ceiling.`,
    },
    'fee-level-missing': {
        severity: 'error',
        sv: a => `Avgiften ${a.name} anger ${a.given} för nivå ${a.level} men ${a.missing}; avgiften kan inte beräknas för nivån.`,
        en: a => `The fee ${a.name} gives ${a.given} for level ${a.level} but ${a.missing}; no fee can be computed for the level.`,
    },
    'rate-selector-not-enumeration': {
        severity: 'error',
        sv: a => `Ersättningen väljer belopp efter ${a.name}, som inte är en uppräkning ('en av { … }'); bara en uppräknad egenskap kan välja en rad.`,
        en: a => `The rate selects its amount by ${a.name}, which is not an enumeration ('en av { … }'); only an enumerated attribute can select a row.`,
    },
    'rate-amount-width': {
        severity: 'error',
        sv: a => `Raden anger ${a.given} värden, men ersättningen väljer efter ${a.expected} (${a.selectors}); ange ett värde för var och en, i den ordningen.`,
        en: a => `The row gives ${a.given} values, but the rate selects by ${a.expected} (${a.selectors}); give a value of each, in that order.`,
    },
    'rate-amount-twice': {
        severity: 'error',
        sv: a => `${a.values} har redan ett belopp (rad ${a.line}); ett fall får bara ett.`,
        en: a => `${a.values} already has an amount (line ${a.line}); a case gets only one.`,
    },
    'rate-amount-missing': {
        severity: 'error',
        sv: a => `${a.name} anger inget belopp för ${a.cases}; en formel som läser ersättningen för ett sådant fall får inget belopp.`,
        en: a => `${a.name} gives no amount for ${a.cases}; a formula reading the rate for such a case gets no amount.`,
    },
    'rate-selector-without-amounts': {
        severity: 'error',
        sv: a => `${a.name} väljer belopp efter ${a.selectors} men anger inte beloppen per värde; skriv 'belopp { värde : belopp … }' i stället för ett belopp för alla.`,
        en: a => `${a.name} selects its amount by ${a.selectors} but gives no amounts per value; write 'belopp { value : amount … }' instead of one amount for all.`,
    },
    'rate-amounts-without-selector': {
        severity: 'error',
        sv: a => `${a.name} anger belopp per värde men inte efter vilka egenskaper; skriv till exempel 'efter regi, tid' före beloppen.`,
        en: a => `${a.name} gives amounts per value but not by which attributes; write for instance 'efter regi, tid' before the amounts.`,
    },
    'rate-units-differ': {
        severity: 'error',
        sv: a => `Här anges ${a.other}, men ersättningens första belopp anges i ${a.first}; en formel läser ett av dem för varje fall, så alla ska ha samma enhet (ett belopp per insats är en egen ersättning).`,
        en: a => `This is in ${a.other}, but the rate's first amount is in ${a.first}; a formula reads one of them for each case, so all must have one unit (an amount per insats is a rate of its own).`,
    },
    'area-value-undeclared': {
        severity: 'error',
        sv: a => `${a.value} är inget område som policyn deklarerar; värdena i 'en av områdena { … }' är policyns områden ('område ${a.value} "…"').`,
        en: a => `${a.value} is not an area declared in the policy; the values of 'en av områdena { … }' are areas the policy declares ('område ${a.value} "…"').`,
    },
    'rate-area-not-chosen': {
        severity: 'warning',
        sv: a => `${a.name} och ${a.other} skiljer sig bara i område (${a.areas}) och gäller samtidigt från ${a.date}; en formel läser den den namnger för varje fall, oavsett fallets område. Skriv en ersättning 'efter' en egenskap 'en av områdena { ${a.areas} }', så väljer fallets område beloppet.`,
        en: a => `${a.name} and ${a.other} differ only in their area (${a.areas}) and are in force together from ${a.date}; a formula reads the one it names for every case, whatever area the case is in. Write one rate 'efter' an attribute 'en av områdena { ${a.areas} }', so that the area of the case chooses the amount.`,
    },
    'fee-question-without-level': {
        severity: 'error',
        sv: a => `Frågan anger ingen nivå, men ${a.fee} anger ${a.what} per nivå; skriv till exempel 'avgift enligt ${a.fee} nivå 1 för { … }'.`,
        en: a => `The question gives no level, but ${a.fee} gives a ${a.what} per level; write for instance 'avgift enligt ${a.fee} nivå 1 för { … }'.`,
    },
    'fee-share-twice': {
        severity: 'error',
        sv: () => `'andel' anges både för alla nivåer och per nivå; ange det ena.`,
        en: () => `'andel' is given both for every level and per level; give one of them.`,
    },
    'caps-charge-same': {
        severity: 'warning',
        sv: a => `Nivå ${a.low} och nivå ${a.high} får samma högsta avgift, ${a.amount} kr (${a.date}); avgiften skiljer inte mellan dem.`,
        en: a => `Levels ${a.low} and ${a.high} have the same highest fee, ${a.amount} kr (${a.date}); the fee does not tell them apart.`,
    },
    'premium-unknown-level': {
        severity: 'error',
        sv: a => `Nivå ${a.level} finns inte i tabellen ${a.table}.`,
        en: a => `Level ${a.level} is not in the table ${a.table}.`,
    },
    'premium-not-a-reduction': {
        severity: 'error',
        sv: a => `Från nivå ${a.from} till nivå ${a.to} är ingen sänkning.`,
        en: a => `From level ${a.from} to level ${a.to} is not a reduction.`,
    },
    // ------------------------------------------------------------ analyses: time
    'overlapping-versions': {
        severity: 'error',
        sv: a => `${a.what} gäller samtidigt som ${a.other} från ${a.date}; två versioner av samma sak får inte överlappa.`,
        en: a => `${a.what} is in force together with ${a.other} from ${a.date}; two versions of the same thing must not overlap.`,
    },
    'version-gap': {
        severity: 'warning',
        sv: a => `${a.name} saknar värde ${a.from}–${a.to}, mellan två versioner.`,
        en: a => `${a.name} has no value ${a.from}–${a.to}, between two versions.`,
    },
    'undated-parameter': {
        severity: 'warning',
        sv: a => `${a.name} har en version utan startdatum: den gäller på varje datum ${a.next === '' ? 'tills vidare' : `fram till nästa version, från ${a.next}`}. Skriv från vilket datum den gäller när källan anger det.`,
        en: a => `${a.name} has a version without a start date: it is in force on every date ${a.next === '' ? 'until further notice' : `up to the next version, from ${a.next}`}. Write the date it applies from when the source gives one.`,
    },
    'no-valid-version': {
        severity: 'error',
        sv: a => `${a.name} har inget värde ${a.date}, men ${a.user} gäller då.`,
        en: a => `${a.name} has no value on ${a.date}, but ${a.user} is in force then.`,
    },
    // ------------------------------------------------------------ analyses: guidelines
    'impossible-term': {
        severity: 'error',
        sv: a => `${a.what} på 0 ${a.unit} kan inte uppfyllas.`,
        en: a => `${a.what} of 0 ${a.unit} cannot be met.`,
    },
    'possibly-contradicting-obligations': {
        severity: 'warning',
        sv: a => `Kravet kan motsäga ${a.other}: '${a.force}' och '${a.otherForce}' om ${a.thing}, båda i kraft från ${a.date}. Ange samma åtgärd på båda om de gäller samma sak, eller olika om de inte gör det.`,
        en: a => `The obligation may contradict ${a.other}: '${a.force}' and '${a.otherForce}' about ${a.thing}, both in force from ${a.date}. Give both the same åtgärd if they are about the same act, or different ones if not.`,
    },
    'contradicting-obligations': {
        severity: 'error',
        sv: a => `Kravet motsäger ${a.other}: '${a.force}' och '${a.otherForce}' om ${a.action} för ${a.thing}, båda i kraft från ${a.date}.`,
        en: a => `The obligation contradicts ${a.other}: '${a.force}' and '${a.otherForce}' about ${a.action} for ${a.thing}, both in force from ${a.date}.`,
    },
    'conflicting-deadlines': {
        severity: 'error',
        sv: a => `Fristerna går inte att hålla båda: kravet ska göras ${a.deadline}, men ${a.other} säger ${a.otherDeadline}, båda om ${a.action} och i kraft från ${a.date}.`,
        en: a => `The deadlines cannot both be met: the obligation must be done ${a.deadline}, but ${a.other} says ${a.otherDeadline}, both about ${a.action} and in force from ${a.date}.`,
    },
    'differing-deadlines': {
        severity: 'warning',
        sv: a => `Fristen ${a.deadline} gäller aldrig, för ${a.other} kräver samma åtgärd ${a.action} tidigare: ${a.otherDeadline}, båda i kraft från ${a.date}.`,
        en: a => `The deadline ${a.deadline} never binds, since ${a.other} requires the same act ${a.action} earlier: ${a.otherDeadline}, both in force from ${a.date}.`,
    },
    'deadline-beyond-decision': {
        severity: 'warning',
        sv: a => `${a.term} (${a.span}) är längre än besluten gäller enligt ${a.other} (högst ${a.limit}), om ${a.thing} från ${a.date}: beslutet har upphört innan den löper ut.`,
        en: a => `${a.term} (${a.span}) is longer than decisions last by ${a.other} (at most ${a.limit}), about ${a.thing} from ${a.date}: the decision has ended before it runs out.`,
    },
    'exception-never-applies': {
        severity: 'warning',
        sv: a => `Undantaget ${a.exception} gäller aldrig någon som kravet ${a.rule} gäller, så det undantar ingen${a.witness ? `; till exempel uppfyller ${a.witness} undantagets villkor men inte kravets` : `: ingen medborgare uppfyller dess villkor`}.`,
        en: a => `The exception ${a.exception} never applies to anyone the obligation ${a.rule} applies to, so it leaves no one aside${a.witness ? `; for example ${a.witness} meets the exception's condition but not the obligation's` : `: no citizen meets its condition`}.`,
    },
    'exception-swallows-rule': {
        severity: 'error',
        sv: a => `Undantaget ${a.exceptions} gäller alla som kravet ${a.rule} gäller, så kravet gäller ingen; till exempel gäller både kravet och undantaget ${a.witness}.`,
        en: a => `The exception ${a.exceptions} applies to everyone the obligation ${a.rule} applies to, so the obligation applies to no one; for example both apply to ${a.witness}.`,
    },
    // ------------------------------------------------------------ analyses: use
    'uncovered-region': {
        severity: 'hint',
        sv: a => `Inget exempel når ${a.name} för: ${a.witness}.`,
        en: a => `No example reaches ${a.name} for: ${a.witness}.`,
    },
    'unused-declaration': {
        severity: 'info',
        sv: a => `${a.kind} ${a.name} används inte någonstans i arbetsytan.`,
        en: a => `${a.kind} ${a.name} is not used anywhere in the workspace.`,
    },
    // ------------------------------------------------------------ inline examples (reported by `regelratt test`)
    'expectation-does-not-fit': {
        severity: 'error',
        sv: a => `Det här förväntade svaret passar inte ${a.question}; den kan förväntas ge: ${a.allowed}.`,
        en: a => `This expectation does not fit ${a.question}; it can be expected to give: ${a.allowed}.`,
    },
    'mixed-units': {
        severity: 'error',
        sv: a => `Här anges ${a.other}, men tidigare värden i samma parameter eller kolumn anges i ${a.first}; ange alla i samma enhet.`,
        en: a => `This is in ${a.other}, but earlier values of the same parameter or column are in ${a.first}; give them all in one unit.`,
    },
    'expectation-unit-mismatch': {
        severity: 'error',
        sv: a => `Exemplet väntar sig ${a.expected}, men svaret ges i ${a.answer}.`,
        en: a => `The example expects ${a.expected}, but the answer is in ${a.answer}.`,
    },
    'unknown-error-code': {
        severity: 'error',
        sv: a => `Felkoden "${a.code}" finns inte.${a.suggestion ? ` Menade du "${a.suggestion}"?` : ''} Körmiljöns koder: ${a.codes}.`,
        en: a => `There is no error code "${a.code}".${a.suggestion ? ` Did you mean "${a.suggestion}"?` : ''} The runtime's codes: ${a.codes}.`,
    },
    'example-failed': {
        severity: 'error',
        sv: a => `Exemplet ${a.name} ger inte det väntade: ${a.differences}.`,
        en: a => `The example ${a.name} does not give what it expects: ${a.differences}.`,
    },
    'example-error': {
        severity: 'error',
        sv: a => `Exemplet ${a.name} kan inte beräknas: ${a.message} [${a.code}]`,
        en: a => `The example ${a.name} cannot be computed: ${a.message} [${a.code}]`,
    },
    // ------------------------------------------------------------ files (reported by the command line)
    'file-not-found': {
        severity: 'error',
        sv: a => `Hittar inte ${a.path}.`,
        en: a => `Cannot find ${a.path}.`,
    },
    'no-policy-files': {
        severity: 'error',
        sv: a => `Mappen ${a.path} innehåller inga .regel-filer.`,
        en: a => `The folder ${a.path} contains no .regel files.`,
    },
    'not-a-policy-file': {
        severity: 'error',
        sv: a => `${a.path} är ingen .regel-fil.`,
        en: a => `${a.path} is not a .regel file.`,
    },
    'binary-file': {
        severity: 'error',
        sv: () => `Filen är binär, inte text; en .regel-fil ska vara text i UTF-8.`,
        en: () => `The file is binary, not text; a .regel file must be UTF-8 text.`,
    },
    'not-utf8': {
        severity: 'error',
        sv: () => `Filen är inte giltig UTF-8; spara den som UTF-8 (till exempel med ”Spara som… UTF-8” i redigeraren).`,
        en: () => `The file is not valid UTF-8; save it as UTF-8.`,
    },
    'file-too-large': {
        severity: 'error',
        // Without a size: a pipe or a device, read up to the limit and no further.
        sv: a => (a.size === undefined ? `Indata är större än gränsen ${a.limit} och lästes inte vidare.` : `Filen är ${a.size} stor; gränsen är ${a.limit}. Dela upp den i flera filer.`),
        en: a => (a.size === undefined ? `The input is larger than the limit of ${a.limit} and was not read further.` : `The file is ${a.size}; the limit is ${a.limit}. Split it into several files.`),
    },
    'unreadable-file': {
        severity: 'error',
        sv: a => `Kan inte läsa ${a.path}: ${fileErrorReason(String(a.reason), 'sv')}.`,
        en: a => `Cannot read ${a.path}: ${fileErrorReason(String(a.reason), 'en')}.`,
    },
    'output-error': {
        severity: 'error',
        sv: a => `Kan inte skriva ${a.path}: ${fileErrorReason(String(a.reason), 'sv')}.`,
        en: a => `Cannot write ${a.path}: ${fileErrorReason(String(a.reason), 'en')}.`,
    },
} as const satisfies Record<string, DiagnosticDefinition>;

export type DiagnosticCode = keyof typeof diagnosticCatalogue;

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
    return typeof code === 'string' && Object.hasOwn(diagnosticCatalogue, code);
}

export function renderMessage(code: DiagnosticCode, args: MessageArgs, locale: MessageLocale): string {
    return diagnosticCatalogue[code][locale](args);
}

export function defaultSeverity(code: DiagnosticCode): Severity {
    return diagnosticCatalogue[code].severity;
}
