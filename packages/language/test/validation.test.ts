import { describe, expect, test } from 'vitest';
import { compilePolicy, diagnosticCatalogue } from '@regelratt/language';
import type { PolicyDiagnostic, ast } from '@regelratt/language';
import { checkTexts, codes, diagnosticsOf } from './check-text.js';

/** Leaves out the notes about unused vocabulary, which every small case has. */
function withoutNotes(diagnostics: PolicyDiagnostic[]): PolicyDiagnostic[] {
    return diagnostics.filter(d => d.code !== 'unused-declaration');
}

/** The vocabulary every case can use. */
const prelude = `
lag SoL "Socialtjänstlagen (2001:453)"
insats hemvård "Hemvård" enligt SoL 4 kap 1 §
egenskap ålder "Ålder" : heltal 0–120 år
egenskap aktivitetsförmåga : en av { hög, utvecklingsbar, nedsatt }
egenskap kognitiv_svikt : ja/nej
egenskap inkomst : belopp per månad
egenskap beslutsdatum : datum
`;

interface Case {
    code: string;
    bad: string;
    good: string;
    /** Text the message must contain, so the test pins the message and not only the code. */
    message: string;
    /** For analysis findings: the example citizen the finding must name. */
    witness?: string;
    /** Leave out the shared vocabulary (for the check of unused names). */
    bare?: boolean;
}

const phase = `
område A
enhet inne i A
enhet ute
insats undantagen
testfas t { period från 2020-01-01 till 2020-12-31 förlängd till 2021-06-30 område A insatser hemvård undantag undantagen enheter { inne ute utanför området } }
`;
const fee = (caps: string, validity = 'giltig från 2021-01-01 till 2021-12-31', levels = '') => `
parameter pbb : belopp { från 2021-01-01 till 2021-12-31 : 47 600 kr }
avgift a { ${validity} avgiftsutrymme inkomst ${levels.startsWith('andel') ? '' : 'andel 100 % '}maxtaxa 0,5392 × pbb / 12 ${caps ? `takbelopp { ${caps} } ` : ''}${levels} }
`;
const threePathways = 'förlopp a { när aktivitetsförmåga = hög } förlopp b { när aktivitetsförmåga = utvecklingsbar } förlopp c { när aktivitetsförmåga = nedsatt }';
const manyAttributes = Array.from({ length: 15 }, (_, i) => `egenskap k${i} : ja/nej`).join('\n');
const manyPathways = Array.from({ length: 15 }, (_, i) => `förlopp p${i} { när k${i} }`).join(' ');

/** One failing and one passing policy per diagnostic code of the language. */
const cases: Case[] = [
    { code: 'lexical-error', bad: 'område tätort $', good: 'område tätort', message: "Oväntat tecken '$'" },
    { code: 'syntax-error', bad: 'nivåtabell t { nivå 4 2 037 kr }', good: 'nivåtabell t { nivå 4 : 2 037 kr }', message: "Oväntat '2 037': här väntas ':'" },
    { code: 'nesting-too-deep', bad: `pilot p { inkludera när ${'('.repeat(300)}kognitiv_svikt${')'.repeat(300)} }`, good: `pilot p { inkludera när ${'('.repeat(30)}kognitiv_svikt${')'.repeat(30)} }`, message: 'För djup nästling här: mer än 64 nivåer' },
    { code: 'chain-too-long', bad: `beräkning x = ${Array(502).fill('1 kr').join(' + ')}`, good: `beräkning x = ${Array(501).fill('1 kr').join(' + ')}`, message: "För långt villkor eller för lång formel här: mer än 500 'och'" },
    { code: 'unterminated-text', bad: 'insats boende "Boendestöd enligt SoL', good: 'insats boende "Boendestöd enligt SoL"', message: 'Texten saknar sitt avslutande citattecken' },
    { code: 'text-too-long', bad: `insats boende "${'x'.repeat(20_001)}"`, good: `insats boende "${'x'.repeat(20_000)}"`, message: 'Texten är 20 001 tecken lång; högst 20 000 går.' },
    { code: 'number-too-long', bad: `nivåtabell t { nivå 1 : ${'9'.repeat(41)} kr }`, good: 'nivåtabell t { nivå 1 : 9 kr }', message: 'Talet 999999999999… har 41 siffror; högst 40 går.' },
    { code: 'too-many-findings', bad: 'område a\n'.repeat(1002), good: 'område a\n', message: 'Ytterligare 2 fel och ' },
    { code: 'possibly-contradicting-obligations', bad: 'riktlinje r "R" {\n krav a ska "Utformas med den enskilde." avser hemvård\n krav b får inte "Utformas efter diagnos." avser hemvård\n}', good: 'riktlinje r "R" {\n krav a ska "Utformas med den enskilde." åtgärd utforma_tillsammans avser hemvård\n krav b får inte "Utformas efter diagnos." åtgärd utforma_efter_diagnos avser hemvård\n}', message: "Kravet kan motsäga b (r): 'ska' och 'får inte' om hemvård" },
    { code: 'repeated-clause', bad: 'nivåtabell t { insats hemvård insats hemvård }', good: 'nivåtabell t { insats hemvård }', message: "'insats' anges mer än en gång" },
    { code: 'unresolved-reference', bad: 'nivåtabell t { insats hemvårt }', good: 'nivåtabell t { insats hemvård }', message: "Okänt namn 'hemvårt': det finns ingen insats med det namnet i arbetsytan. Menade du 'hemvård'?" },
    { code: 'unknown-enumeration-value', bad: 'pilot p { inkludera när aktivitetsförmåga = låg }', good: 'pilot p { inkludera när aktivitetsförmåga = hög }', message: "'låg' är inget värde för aktivitetsförmåga; möjliga värden: hög, utvecklingsbar, nedsatt" },
    { code: 'duplicate-name', bad: 'område tätort\nområde tätort', good: 'område tätort\nområde landsbygd', message: "Namnet 'tätort' används redan" },
    { code: 'reserved-name', bad: 'egenskap __proto__ : ja/nej', good: 'egenskap proto : ja/nej', message: "Namnet '__proto__' är reserverat" },
    { code: 'duplicate-enumeration-value', bad: 'egenskap x : en av { a, a }', good: 'egenskap x : en av { a, b }', message: "Värdet 'a' finns redan" },
    { code: 'missing-unit', bad: 'nivåtabell t { nivå 4 : 2 037 }', good: 'nivåtabell t { nivå 4 : 2 037 kr }', message: 'Beloppet 2 037 saknar enhet; skriv 2 037 kr' },
    { code: 'wrong-unit', bad: 'nivåtabell t { nivå 4 : 20 % }', good: 'nivåtabell t { nivå 4 : 20 kr }', message: 'Här väntas kronor, men värdet anges i procent' },
    { code: 'percentage-out-of-range', bad: 'avgift a { avgiftsutrymme inkomst andel 120 % }', good: 'avgift a { avgiftsutrymme inkomst andel 70 % }', message: '120 % är utanför 0–100 %' },
    { code: 'not-a-whole-number', bad: 'nivåtabell t { nivå 4,5 : 100 kr }', good: 'nivåtabell t { nivå 4 : 100 kr }', message: 'En nivå måste vara ett heltal, inte 4,5' },
    { code: 'unit-mismatch', bad: 'egenskap timmar_hjälp : decimaltal 0–300 timmar\nberäkning x = inkomst + timmar_hjälp', good: 'egenskap timmar_hjälp : decimaltal 0–300 timmar\nberäkning x = inkomst + timmar_hjälp × 337,50 kr/h', message: 'Kan inte addera kr/mån och timmar: enheterna passar inte ihop.' },
    { code: 'not-a-number', bad: 'beräkning x = kognitiv_svikt × 100 kr', good: 'beräkning x = om kognitiv_svikt så 100 kr annars 0 kr', message: 'kognitiv_svikt är ja/nej och kan inte räknas med.' },
    { code: 'calculation-cycle', bad: 'beräkning a = b + 1 kr\nberäkning b = a', good: 'beräkning a = b + 1 kr\nberäkning b = 2 kr', message: 'Beräkningen a beror av sig själv (a → b → a) och får därför inget värde.' },
    { code: 'decision-cycle', bad: 'beslutstabell a {\n | b.nivå || nivå |\n | - || 1 |\n}\nbeslutstabell b {\n | beräkning c || nivå |\n | - || 2 |\n}\nberäkning c = a.nivå + 1', good: 'beslutstabell a {\n | b.nivå || nivå |\n | - || 1 |\n}\nbeslutstabell b {\n | beräkning c || nivå |\n | - || 2 |\n}\nberäkning c = ålder + 1', message: 'Beslutstabellen a läser sig själv via en kedja av tabeller och beräkningar (a → b → c → a)' },
    { code: 'chained-text-character', bad: 'beslutstabell b {\n | ålder || form |\n | >= 65 || "Dag \\"A\\"" |\n | < 65 || "Hem\\\\tjänst" |\n}\nbeslutstabell a {\n | b.form || nivå |\n | "Dag \\"A\\"" || 1 |\n | "Hem\\\\tjänst" || 2 |\n}', good: 'beslutstabell b {\n | ålder || form |\n | >= 65 || "Dag A" |\n | < 65 || "Hemtjänst" |\n}\nbeslutstabell a {\n | b.form || nivå |\n | "Dag A" || 1 |\n | "Hemtjänst" || 2 |\n}', message: 'Texten "Dag \\"A\\"" kan inte jämföras i kolumnen b.form: en text som en kolumn läser från en annan tabell får inte innehålla citattecken' },
    { code: 'chained-column-not-comparable', bad: 'beslutstabell b {\n | ålder || belopp | nivå |\n | >= 65 || ej angivet | 1 |\n | < 65 || 100 kr | 0 |\n}\nbeslutstabell a {\n | b.belopp || avgift |\n | - || 0 kr |\n}', good: 'beslutstabell b {\n | ålder || belopp | nivå |\n | >= 65 || ej angivet | 1 |\n | < 65 || 100 kr | 0 |\n}\nbeslutstabell a {\n | b.nivå || avgift |\n | - || 0 kr |\n}', message: 'Kolumnen b.belopp ger värden som inte är angivna eller värden av olika slag' },
    { code: 'decision-list-not-a-value', bad: 'beslutstabell b {\n träff regelordning\n | ålder || nivå |\n | >= 65 || 1 |\n | >= 80 || 2 |\n}\nbeslutstabell a {\n | b.nivå || avgift |\n | - || 0 kr |\n}', good: 'beslutstabell b {\n träff första\n | ålder || nivå |\n | >= 80 || 2 |\n | - || 1 |\n}\nbeslutstabell a {\n | b.nivå || avgift |\n | - || 0 kr |\n}', message: 'Beslutstabellen b svarar med en lista (träff regelordning: utfallen från varje rad som gäller), och en lista är inget värde som en cell kan pröva.' },
    { code: 'list-expectation-single-answer', bad: 'beslutstabell b {\n träff första\n | ålder || nivå |\n | >= 80 || 2 |\n | - || 1 |\n}\nexempel e { beslut enligt b för { ålder = 85 }  förväntat [ 2 ] }', good: 'beslutstabell b {\n träff regelordning\n | ålder || nivå |\n | >= 80 || 2 |\n | - || 1 |\n}\nexempel e { beslut enligt b för { ålder = 85 }  förväntat [ 2, 1 ] }\nexempel f { beslut enligt b för { ålder = 40 }  förväntat [ 1 ] }', message: "Beslutstabellen b svarar med ett värde ('träff första'), inte med en lista" },
    { code: 'expected-value-does-not-fit', bad: 'beslutstabell b {\n träff första\n | ålder || omprövas |\n | >= 80 || 2025-03-01 |\n annars || 2026-01-01 |\n}\nexempel e { datum 2025-01-01  beslut enligt b för { ålder = 85 }  förväntat 2 }', good: 'beslutstabell b {\n träff första\n | ålder || omprövas |\n | >= 80 || 2025-03-01 |\n annars || 2026-01-01 |\n}\nexempel e { datum 2025-01-01  beslut enligt b för { ålder = 85 }  förväntat 2025-03-01 }\nexempel f { datum 2025-01-01  beslut enligt b för { ålder = 40 }  förväntat 2026-01-01 }', message: 'Exemplet kan inte få 2: kolumnen omprövas i beslutstabellen b ger datum, inte belopp eller tal.' },
    { code: 'list-item-does-not-fit', bad: 'beslutstabell b {\n träff regelordning\n | ålder || stöd |\n | >= 80 || "larm" |\n | - || "matlåda" |\n}\nexempel e { beslut enligt b för { ålder = 85 }  förväntat [ "larm", 450 kr ] }', good: 'beslutstabell b {\n träff regelordning\n | ålder || stöd |\n | >= 80 || "larm" |\n | - || "matlåda" |\n}\nexempel e { beslut enligt b för { ålder = 85 }  förväntat [ "larm", "matlåda" ] }\nexempel f { beslut enligt b för { ålder = 40 }  förväntat [ "matlåda" ] }', message: 'Listan kan inte innehålla 450 kr: kolumnen stöd i beslutstabellen b ger texter' },
    { code: 'output-order-without-values', bad: 'beslutstabell l {\n träff utfallsordning\n | ålder || stöd |\n | >= 80 || "larm" |\n | >= 65 || "matlåda" |\n}', good: 'beslutstabell l {\n träff utfallsordning\n | ålder || stöd ("larm", "matlåda") |\n | >= 80 || "larm" |\n | >= 65 || "matlåda" |\n}', message: "Beslutstabellen l har 'träff utfallsordning' men ingen utdatakolumn anger sina värden i prioritetsordning" },
    { code: 'decision-row-never-matches', bad: 'beslutstabell l {\n träff regelordning\n | ålder || nivå |\n | >= 80 || 2 |\n | > 50 och < 30 || 1 |\n}', good: 'beslutstabell l {\n träff regelordning\n | ålder || nivå |\n | >= 80 || 2 |\n | > 30 och < 50 || 1 |\n}', message: 'Rad 2 i beslutstabellen l gäller aldrig: ingen medborgare uppfyller alla radens villkor' },
    { code: 'decision-row-unreached', bad: 'beslutstabell u {\n | ålder || vuxen |\n | >= 18 || ja |\n | < 18 || nej |\n}\nbeslutstabell a {\n | u.vuxen | ålder || avgift |\n | ja | - || 100 kr |\n | nej | >= 18 || 0 kr |\n | nej | < 18 || 0 kr |\n}', good: 'beslutstabell u {\n | ålder || vuxen |\n | >= 18 || ja |\n | < 18 || nej |\n}\nbeslutstabell a {\n | u.vuxen || avgift |\n | ja || 100 kr |\n | nej || 0 kr |\n}', message: 'Rad 2 i beslutstabellen a gäller ingen medborgare genom tabellerna den läser: u.vuxen ger ja och nej' },
    { code: 'fee-without-room', bad: 'avgift a { andel 70 % }', good: 'avgift a { avgiftsutrymme inkomst andel 70 % }', message: 'Avgiften a anger inget avgiftsutrymme' },
    { code: 'expectation-does-not-fit', bad: 'beräkning x = 5 kr\nexempel e { datum 2021-01-01 beräkning x förväntat per månad 5 kr }', good: 'beräkning x = 5 kr\nexempel e { datum 2021-01-01 beräkning x förväntat 5 kr }', message: 'Det här förväntade svaret passar inte en beräkning; den kan förväntas ge: förväntat … kr, förväntat fel "…".' },
    { code: 'expectation-unit-mismatch', bad: 'egenskap hjälp_t : decimaltal 0–100 timmar\nberäkning x = hjälp_t × 2\nexempel e { datum 2021-01-01 beräkning x för { hjälp_t = 4 } förväntat 8 kr }', good: 'egenskap hjälp_t : decimaltal 0–100 timmar\nberäkning x = hjälp_t × 2\nexempel e { datum 2021-01-01 beräkning x för { hjälp_t = 4 } förväntat 8 timmar }', message: 'Exemplet väntar sig kr, men svaret ges i timmar.' },
    { code: 'mixed-units', bad: 'parameter dusch_p : decimaltal { från 2024-01-01 till 2024-12-31 : 40 minuter  från 2025-01-01 : 1 timme }', good: 'parameter dusch_p : decimaltal { från 2024-01-01 till 2024-12-31 : 40 minuter  från 2025-01-01 : 60 minuter }', message: 'Här anges timmar, men tidigare värden i samma parameter eller kolumn anges i minuter' },
    { code: 'unknown-error-code', bad: 'beräkning x = 5 kr\nexempel e { datum 2021-01-01 beräkning x förväntat fel "no-valid-versoin" }', good: 'beräkning x = 5 kr\nexempel e { beräkning x förväntat fel "missing-date" }', message: 'Felkoden "no-valid-versoin" finns inte. Menade du "no-valid-version"?' },
    { code: 'decision-gap', bad: 'egenskap timmar_l : decimaltal 0–744 timmar\nbeslutstabell l {\n | timmar_l || avgift |\n | < 5 || 503 kr |\n | 5–10 || 1 409 kr |\n | >= 11 || 2 013 kr |\n}', good: 'egenskap timmar_l : decimaltal 0–744 timmar\nbeslutstabell l {\n | timmar_l || avgift |\n | < 5 || 503 kr |\n | 5–10 || 1 409 kr |\n | > 10 || 2 013 kr |\n}', message: 'Ingen rad i beslutstabellen l gäller för: timmar_l > 10 och < 11 timmar.', witness: 'timmar_l > 10 och < 11 timmar' },
    { code: 'decision-sum-gap', bad: 'beslutstabell l {\n träff samla summa\n | kognitiv_svikt || avgift |\n | ja || 503 kr |\n}', good: 'beslutstabell l {\n träff samla summa\n | kognitiv_svikt || avgift |\n | ja || 503 kr |\n annars || 0 kr |\n}', message: "Ingen rad i beslutstabellen l gäller för: kognitiv_svikt = nej. Med 'träff samla summa' svarar tabellen då avgift = 0 (summan av inga rader), där DMN inte ger något svar", witness: 'kognitiv_svikt = nej' },
    { code: 'decision-formula-unit', bad: 'beslutstabell t {\n träff första\n | inkomst || avgift |\n | < 10 000 || 100 kr/h |\n | - || = inkomst × 2 % |\n}', good: 'beslutstabell t {\n träff första\n | inkomst || avgift |\n | < 10 000 || 100 kr/mån |\n | - || = inkomst × 2 % |\n}', message: 'Formeln i kolumnen avgift i t ger kr/mån, men kolumnen ger kr/h' },
    { code: 'decision-default-unused', bad: 'beslutstabell l {\n | kognitiv_svikt || nivå |\n | ja || 2 |\n | nej || 1 |\n annars || 0 |\n}', good: 'beslutstabell l {\n | kognitiv_svikt || nivå |\n | ja || 2 |\n annars || 0 |\n}', message: 'Annars-raden i beslutstabellen l används aldrig: varje fall matchar en rad.' },
    { code: 'decision-bound-undecided', bad: 'egenskap pris_b : heltal 0–10000 kr\negenskap maxpris_b : heltal 0–10000 kr\nbeslutstabell l {\n | pris_b || beslut |\n | <= maxpris_b || "Köp" |\n | > maxpris_b || "Vänta" |\n}', good: 'egenskap pris_b : heltal 0–10000 kr\nparameter maxpris_p : belopp { från 2025-01-01 : 5 000 kr }\nbeslutstabell l {\n | pris_b || beslut |\n | <= maxpris_p || "Köp" |\n | > maxpris_p || "Vänta" |\n}', message: "Täckningen av beslutstabellen l kan inte avgöras: rad 1 jämför i cellen '<= maxpris_b' med egenskapen maxpris_b" },
    { code: 'decision-default-arity', bad: 'beslutstabell l {\n | kognitiv_svikt || nivå |\n | ja || 2 |\n annars || 0 | 1 |\n}', good: 'beslutstabell l {\n | kognitiv_svikt || nivå |\n | ja || 2 |\n annars || 0 |\n}', message: 'Annars-raden i l har 2 utfall, men tabellens huvud har 1.' },
    { code: 'decision-overlap', bad: 'beslutstabell l {\n | aktivitetsförmåga || nivå |\n | hög || 1 |\n | { hög, utvecklingsbar } || 2 |\n | nedsatt || 3 |\n}', good: 'beslutstabell l {\n träff första\n | aktivitetsförmåga || nivå |\n | hög || 1 |\n | { hög, utvecklingsbar } || 2 |\n | nedsatt || 3 |\n}', message: 'Raderna 1 och 2 i beslutstabellen l gäller samtidigt för: aktivitetsförmåga = hög', witness: 'aktivitetsförmåga = hög' },
    { code: 'decision-row-shadowed', bad: 'beslutstabell l {\n träff första\n | aktivitetsförmåga | ålder || nivå |\n | - | >= 65 || 1 |\n | hög | >= 80 || 2 |\n | - | - || 3 |\n}', good: 'beslutstabell l {\n träff första\n | aktivitetsförmåga | ålder || nivå |\n | - | >= 65 || 1 |\n | hög | >= 60 || 2 |\n | - | - || 3 |\n}', message: 'Rad 2 i beslutstabellen l avgör aldrig: varje medborgare den gäller för tas redan av en tidigare rad', witness: 'aktivitetsförmåga = hög' },
    { code: 'decision-row-outranked', bad: 'beslutstabell l {\n träff prioritet\n | ålder || risk ("hög", "medel", "låg") |\n | >= 80 || "hög" |\n | >= 85 || "medel" |\n | < 80 || "låg" |\n}', good: 'beslutstabell l {\n träff prioritet\n | ålder || risk ("hög", "medel", "låg") |\n | >= 85 || "hög" |\n | >= 80 || "medel" |\n | < 80 || "låg" |\n}', message: 'Rad 2 i beslutstabellen l avgör aldrig: varje medborgare den gäller för tas av en rad med högre prioritet', witness: 'ålder' },
    { code: 'decision-priority-tie', bad: 'beslutstabell l {\n träff prioritet\n | ålder || risk ("hög", "låg") | timmar |\n | >= 80 || "hög" | 4 |\n | >= 65 || "hög" | 2 |\n | < 65 || "låg" | 0 |\n}', good: 'beslutstabell l {\n träff prioritet\n | ålder || risk ("hög", "medel", "låg") | timmar |\n | >= 80 || "hög" | 4 |\n | >= 65 || "medel" | 2 |\n | < 65 || "låg" | 0 |\n}', message: 'Raderna 1 och 2 i beslutstabellen l gäller samtidigt för: ålder', witness: 'ålder' },
    { code: 'priority-without-values', bad: 'beslutstabell l {\n träff prioritet\n | ålder || risk |\n | >= 80 || "hög" |\n | < 80 || "låg" |\n}', good: 'beslutstabell l {\n träff prioritet\n | ålder || risk ("hög", "låg") |\n | >= 80 || "hög" |\n | < 80 || "låg" |\n}', message: "Beslutstabellen l har 'träff prioritet' men ingen utdatakolumn anger sina värden i prioritetsordning" },
    { code: 'output-value-unlisted', bad: 'beslutstabell l {\n träff prioritet\n | ålder || risk ("hög", "låg") |\n | >= 80 || "hög" |\n | < 80 || "medel" |\n}', good: 'beslutstabell l {\n träff prioritet\n | ålder || risk ("hög", "medel", "låg") |\n | >= 80 || "hög" |\n | < 80 || "medel" |\n}', message: '"medel" finns inte bland värdena för kolumnen risk i beslutstabellen l ("hög", "låg")' },
    { code: 'decision-row-redundant', bad: 'beslutstabell l {\n träff valfri\n | aktivitetsförmåga | kognitiv_svikt || nivå |\n | { hög, utvecklingsbar } | - || 1 |\n | hög | ja || 1 |\n | nedsatt | - || 2 |\n}', good: 'beslutstabell l {\n träff valfri\n | aktivitetsförmåga | kognitiv_svikt || nivå |\n | { hög, utvecklingsbar } | nej || 1 |\n | hög | - || 1 |\n | utvecklingsbar | ja || 1 |\n | nedsatt | - || 2 |\n}', message: 'Rad 2 i beslutstabellen l behövs inte: varje medborgare den gäller för omfattas också av rader med samma utfall, till exempel rad 1', witness: 'aktivitetsförmåga = hög' },
    { code: 'decision-rows-mergeable', bad: 'beslutstabell l {\n | ålder || nivå |\n | 0–17 || 0 |\n | 18–64 || 1 |\n | >= 65 || 1 |\n}', good: 'beslutstabell l {\n | ålder || nivå |\n | 0–17 || 0 |\n | 18–64 || 1 |\n | >= 65 || 2 |\n}', message: "Rad 2 och rad 3 i beslutstabellen l ger samma utfall och skiljer sig bara i ålder; de kan skrivas som en rad med '>= 18' i kolumnen ålder utan att något svar ändras." },
    { code: 'amount-falls-as-need-rises', bad: 'beslutstabell l {\n nivåer 1–3\n | nivå || tak |\n | 1 || 1 000 kr |\n | 2 || 900 kr |\n | 3 || 1 500 kr |\n}', good: 'beslutstabell l {\n nivåer 1–3\n | nivå || tak |\n | 1 || 900 kr |\n | 2 || 1 000 kr |\n | 3 || 1 500 kr |\n}', message: 'l.tak sjunker när nivå ökar: nivå = 1 ger 1 000 kr (rad 1), men nivå = 2 ger 900 kr (rad 2).', witness: 'nivå = 1 mot nivå = 2' },
    { code: 'calculation-falls-as-need-rises', bad: 'egenskap besök_m : heltal 0–60 besök\nberäkning x behov besök_m = om besök_m >= 10 så besök_m × 100 kr annars besök_m × 150 kr', good: 'egenskap besök_m : heltal 0–60 besök\nberäkning x behov besök_m = om besök_m >= 10 så besök_m × 150 kr annars besök_m × 100 kr', message: 'x sjunker när besök_m ökar: besök_m = 9 ger 1 350 kr, men besök_m = 10 ger 1 000 kr.', witness: 'besök_m = 9 mot besök_m = 10' },
    { code: 'rounding-mode-twice', bad: 'beräkning x = inkomst avrundat nedåt till hela kronor, uppåt', good: 'beräkning x = inkomst avrundat nedåt till hela kronor', message: "Avrundningen anger riktning två gånger: 'nedåt' före 'till' och 'uppåt' efter." },
    { code: 'rounding-does-not-fit', bad: 'beräkning x = 3 tillfällen avrundat till öre', good: 'beräkning x = 100 minuter avrundat till kvartstimmar', message: 'Kan inte avrunda tillfällen till öre' },
    { code: 'calculation-can-be-negative', bad: 'egenskap boende_x : belopp per månad\nberäkning x = inkomst − boende_x − 5 000 kr', good: 'egenskap boende_x : belopp per månad\nberäkning x = max(0 kr, inkomst − boende_x − 5 000 kr)', message: 'x kan bli negativ: inkomst = 0, boende_x = 0 ger −5 000 kr.', witness: 'inkomst = 0, boende_x = 0' },
    { code: 'calculation-outside-limit', bad: 'egenskap timmar_x : decimaltal 0–20 timmar\nberäkning x högst 8 timmar = timmar_x', good: 'egenskap timmar_x : decimaltal 0–20 timmar\nberäkning x högst 8 timmar = min(timmar_x, 8 timmar)', message: "x håller inte gränsen 'högst 8 timmar': timmar_x = 20 ger 20 h.", witness: 'timmar_x = 20' },
    { code: 'calculation-limit-undecided', bad: 'egenskap a_x : decimaltal 0–10\nberäkning x kan vara negativ minst 0 = a_x × a_x − 2 × a_x + 1', good: 'egenskap a_x : decimaltal 0–10\nberäkning x kan vara negativ minst 0 = a_x × a_x', message: "Om x håller gränsen 'minst 0' har inte kunnat avgöras" },
    { code: 'limit-applies-to-nothing', bad: 'egenskap timmar_x : decimaltal 0–20 timmar\ninsats avlösning { högst 12 månader }\nberäkning x insats avlösning = timmar_x', good: 'egenskap timmar_x : decimaltal 0–20 timmar\ninsats avlösning { högst 20 timmar }\nberäkning x insats avlösning = timmar_x', message: "Gränsen 'högst 12 månader' för avlösning gäller ingen beräkning" },
    { code: 'limit-unit-mismatch', bad: 'egenskap timmar_x : decimaltal 0–20 timmar\nberäkning x högst 100 kr = timmar_x', good: 'egenskap timmar_x : decimaltal 0–20 timmar\nberäkning x högst 1 200 minuter = timmar_x', message: "Gränsen 'högst 100 kr' är i kr, men x ger timmar" },
    { code: 'calculation-negative-undecided', bad: 'egenskap a_x : decimaltal 0–10\nberäkning x = (a_x × a_x − 2 × a_x + 1) × 1 kr', good: 'egenskap a_x : decimaltal 0–10\nberäkning x = a_x × a_x × 1 kr', message: 'Om x kan bli negativ har inte kunnat avgöras' },
    { code: 'calculation-cap-never-binds', bad: 'egenskap t_x : heltal 0–300 timmar\nberäkning x = min(t_x × 300 kr/h, 100 000 kr)', good: 'egenskap t_x : heltal 0–300 timmar\nberäkning x = min(t_x × 300 kr/h, 2 575 kr)', message: 'Taket 100 000 kr i x avgör aldrig: t_x × 300 kr/h är lika stort eller mindre för alla medborgare, alla datum.' },
    { code: 'division-by-zero', bad: 'egenskap antal_x : heltal 0–10\nberäkning x = inkomst / antal_x', good: 'egenskap antal_x : heltal 0–10\nberäkning x = om antal_x > 0 så inkomst / antal_x annars inkomst', message: 'Nämnaren i inkomst / antal_x kan bli 0: inkomst = 0, antal_x = 0 ger division med noll, och x kan då inte räknas ut.', witness: 'inkomst = 0, antal_x = 0' },
    { code: 'division-undecided', bad: 'egenskap a_x : decimaltal 0–10\nberäkning x = 100 kr / (a_x × a_x − 2 × a_x + 2)', good: 'egenskap a_x : decimaltal 0–10\nberäkning x = 100 kr / (a_x + 2)', message: 'Om nämnaren i 100 kr / (a_x × a_x − 2 × a_x + 2) kan bli 0 har inte kunnat avgöras' },
    { code: 'calculation-cap-row-never-binds', bad: 'parameter mt_x : belopp { från 2024-01-01 till 2024-12-31 : 2 359 kr/mån }\nbeslutstabell tak_x { nivåer 1–3\n | nivå || tak |\n | 1 || 1 200 kr |\n | 2 || 1 800 kr |\n | 3 || 2 500 kr | }\nberäkning x = min(inkomst, tak_x, mt_x)', good: 'parameter mt_x : belopp { från 2024-01-01 till 2024-12-31 : 2 359 kr/mån  från 2025-01-01 till 2025-12-31 : 2 600 kr/mån }\nbeslutstabell tak_x { nivåer 1–3\n | nivå || tak |\n | 1 || 1 200 kr |\n | 2 || 1 800 kr |\n | 3 || 2 500 kr | }\nberäkning x = min(inkomst, tak_x, mt_x)', message: 'Taket tak_x i x avgör aldrig för nivå 3: där är det 2 500 kr, och mt_x är som högst 2 359 kr.' },
    { code: 'calculation-cap-undecided', bad: 'egenskap a_x : decimaltal 0–10\nberäkning x = max(0 kr, min(a_x × a_x × 1 kr, (2 × a_x − 1) × 1 kr))', good: 'egenskap a_x : decimaltal 0–10\nberäkning x = max(0 kr, min(a_x × 1 kr, 5 kr))', message: 'Om taket a_x × a_x × 1 kr i x någon gång avgör har inte kunnat avgöras' },
    { code: 'calculation-need-undecided', bad: 'egenskap andel_x : decimaltal 0–10\nberäkning x behov andel_x = om andel_x > 5 så andel_x × 10 kr annars andel_x × 2 kr', good: 'egenskap andel_x : decimaltal 0–10\nberäkning x behov andel_x = andel_x × 10 kr', message: 'Om x sjunker när andel_x ökar har inte kunnat avgöras: andel_x kan inte prövas värde för värde' },
    { code: 'uncovered-region', bad: 'pilot p { inkludera när ålder > 65 år }\nexempel e { inkludering i p för { ålder = 70 } förväntat ingår }', good: 'pilot p { inkludera när ålder > 65 år }\nexempel e { inkludering i p för { ålder = 70 } förväntat ingår }\nexempel f { inkludering i p för { ålder = 30 } förväntat ingår inte }', message: 'Inget exempel når p för: ålder 0–65 år.', witness: 'ålder 0–65 år' },
    { code: 'mixed-column', bad: 'förloppsmodell m { förlopp f1 { när aktivitetsförmåga = hög } förlopp f2 { när aktivitetsförmåga i { utvecklingsbar, nedsatt } } }\nbeslutstabell t {\n | aktivitetsförmåga || förlopp |\n | hög || f1 |\n | utvecklingsbar || 2 |\n | nedsatt || f2 |\n}', good: 'förloppsmodell m { förlopp f1 { när aktivitetsförmåga = hög } förlopp f2 { när aktivitetsförmåga i { utvecklingsbar, nedsatt } } }\nbeslutstabell t {\n | aktivitetsförmåga || förlopp |\n | hög || f1 |\n | { utvecklingsbar, nedsatt } || f2 |\n}', message: 'Kolumnen förlopp i t blandar förlopp och värden' },
    { code: 'not-aggregable', bad: `förloppsmodell m { förlopp f { när aktivitetsförmåga = hög } förlopp g { när aktivitetsförmåga ≠ hög } }\nbeslutstabell t {\n träff samla summa\n | aktivitetsförmåga || förlopp |\n | hög || f |\n | - || g |\n}`, good: `förloppsmodell m { förlopp f { när aktivitetsförmåga = hög } förlopp g { när aktivitetsförmåga ≠ hög } }\nbeslutstabell t {\n träff samla antal\n | aktivitetsförmåga || förlopp |\n | hög || f |\n | - || g |\n}`, message: "Kolumnen förlopp i t ger förlopp, som inte kan läggas ihop eller jämföras" },
    { code: 'date-column-mixed', bad: 'beslutstabell t {\n | ålder || omprövas |\n | < 65 || 2025-07-01 |\n | >= 65 || 12 |\n}', good: 'beslutstabell t {\n | ålder || omprövas |\n | < 65 || 2025-07-01 |\n | >= 65 || 2026-01-01 |\n}', message: 'Kolumnen omprövas i t ger datum (rad 1) men ett belopp eller tal på rad 2' },
    { code: 'dates-not-summable', bad: 'beslutstabell t {\n träff samla summa\n | ålder || omprövas |\n | < 65 || 2025-07-01 |\n | - || 2026-01-01 |\n}', good: 'beslutstabell t {\n träff samla min\n | ålder || omprövas |\n | < 65 || 2025-07-01 |\n | - || 2026-01-01 |\n}', message: "Kolumnen omprövas i t ger datum, som inte kan läggas ihop: 'träff samla summa' summerar tal" },
    { code: 'decision-row-arity', bad: 'beslutstabell l {\n | kognitiv_svikt || nivå |\n | ja || 1 | 2 |\n | nej || 0 |\n}', good: 'beslutstabell l {\n | kognitiv_svikt || nivå |\n | ja || 1 |\n | nej || 0 |\n}', message: 'Rad 1 har 1 villkor och 2 utfall, men tabellens huvud har 1 och 1.' },
    { code: 'duplicate-column', bad: 'beslutstabell l {\n | kognitiv_svikt || nivå | nivå |\n | ja || 1 | 1 |\n | nej || 0 | 0 |\n}', good: 'beslutstabell l {\n | kognitiv_svikt || nivå | avgift |\n | ja || 1 | 1 kr |\n | nej || 0 | 0 kr |\n}', message: 'Kolumnen nivå finns redan i l.' },
    { code: 'unknown-column', bad: 'beslutstabell l {\n | kognitiv_svikt || nivå | avgift |\n | ja || 1 | 1 kr |\n | nej || 0 | 0 kr |\n}\nberäkning x = l.avgfit', good: 'beslutstabell l {\n | kognitiv_svikt || nivå | avgift |\n | ja || 1 | 1 kr |\n | nej || 0 | 0 kr |\n}\nberäkning x = l.avgift', message: 'l har ingen kolumn avgfit. Menade du avgift? Kolumner: nivå, avgift.' },
    { code: 'column-required', bad: 'beslutstabell l {\n | kognitiv_svikt || nivå | avgift |\n | ja || 1 | 1 kr |\n | nej || 0 | 0 kr |\n}\nberäkning x = l', good: 'beslutstabell l {\n | kognitiv_svikt || nivå | avgift |\n | ja || 1 | 1 kr |\n | nej || 0 | 0 kr |\n}\nberäkning x = l.nivå', message: 'l har flera utfallskolumner (nivå, avgift); skriv vilken, till exempel l.nivå.' },
    { code: 'level-not-applicable', bad: 'parameter p : belopp { från 2021-01-01 : 1 kr }\nberäkning x = p vid nivå 2', good: 'nivåtabell t { nivå 2 : 5 kr }\nberäkning x = t vid nivå 2', message: "p beror inte av nivån; 'vid nivå' gäller nivåtabeller och beslutstabeller som läser nivån." },
    { code: 'number-out-of-bounds', bad: 'insats x "X" enligt SoL 0 kap 1 §', good: 'insats x "X" enligt SoL 4 kap 1 §', message: 'Kapitlet 0 går inte: det ska vara ett heltal från 1 till 9 007 199 254 740 991.' },
    { code: 'type-mismatch', bad: 'pilot p { inkludera när ålder = ja }', good: 'pilot p { inkludera när kognitiv_svikt = ja }', message: 'ålder är ett heltal (0–120 år); det kan inte jämföras med ja' },
    { code: 'value-outside-domain', bad: 'pilot p { inkludera när ålder > 65 och ålder < 150 }', good: 'pilot p { inkludera när ålder > 65 år }', message: '150 ligger utanför ålders definitionsområde 0–120' },
    { code: 'invalid-range', bad: 'egenskap x : heltal 10–5', good: 'egenskap x : heltal 5–10', message: 'Intervallet 10–5 är tomt' },
    { code: 'invalid-date', bad: 'nivåtabell t { giltig från 2021-02-29 }', good: 'nivåtabell t { giltig från 2020-02-29 }', message: '2021-02-29 är inget giltigt datum' },
    { code: 'date-range-reversed', bad: 'nivåtabell t { giltig från 2021-12-31 till 2021-01-01 }', good: 'nivåtabell t { giltig från 2021-01-01 till 2021-12-31 }', message: 'Perioden slutar (2021-01-01) före den börjar (2021-12-31)' },
    { code: 'duplicate-level', bad: 'nivåtabell t { nivå 4 : 1 kr\n nivå 4 : 2 kr }', good: 'nivåtabell t { nivå 4 : 1 kr\n nivå 5 : 2 kr }', message: 'Nivå 4 finns redan på rad' },
    { code: 'level-outside-range', bad: 'nivåtabell t { nivåer 22–23 nivå 22 : 1 kr nivå 23 : 2 kr nivå 24 : 3 kr }', good: 'nivåtabell t { nivåer 22–23 nivå 22 : 1 kr nivå 23 : 2 kr }', message: 'Nivå 24 ligger utanför tabellens nivåer 22–23' },
    // analyses: förlopp
    { code: 'pathway-gap', bad: 'förloppsmodell m { förlopp a { när aktivitetsförmåga = hög } förlopp b { när aktivitetsförmåga = utvecklingsbar } }', good: `förloppsmodell m { ${threePathways} }`, message: 'Inget förlopp gäller för: aktivitetsförmåga = nedsatt.', witness: 'aktivitetsförmåga = nedsatt' },
    { code: 'pathway-overlap', bad: 'förloppsmodell m { förlopp a { när aktivitetsförmåga = hög } förlopp b { när aktivitetsförmåga i { hög, utvecklingsbar } } förlopp c { när aktivitetsförmåga = nedsatt } }', good: 'förloppsmodell m { förlopp a { när aktivitetsförmåga = hög sekundärt b } förlopp b { när aktivitetsförmåga i { hög, utvecklingsbar } } förlopp c { när aktivitetsförmåga = nedsatt } }', message: "Både a och b gäller för: aktivitetsförmåga = hög. Är det avsett, ange 'sekundärt b' i a.", witness: 'aktivitetsförmåga = hög' },
    { code: 'pathways-at-once', bad: 'förloppsmodell m { förlopp a { när aktivitetsförmåga i { hög, utvecklingsbar } sekundärt b, c } förlopp b { när aktivitetsförmåga i { hög, nedsatt } sekundärt c } förlopp c { när aktivitetsförmåga = hög } }', good: 'förloppsmodell m { förlopp a { när aktivitetsförmåga i { hög, utvecklingsbar } sekundärt b, c } förlopp b { när aktivitetsförmåga = nedsatt sekundärt c } förlopp c { när aktivitetsförmåga = hög } }', message: '3 förlopp gäller samtidigt för: aktivitetsförmåga = hög: a, b och c. En medborgare placeras i ett förlopp och högst ett sekundärt', witness: 'aktivitetsförmåga = hög' },
    { code: 'pathway-without-criterion', bad: 'förloppsmodell m { förlopp a { när kognitiv_svikt } förlopp b { när inte kognitiv_svikt } förlopp c { beskrivning "?" } }', good: 'förloppsmodell m { förlopp a { när kognitiv_svikt } förlopp b { när inte kognitiv_svikt } }', message: "Förloppet c saknar 'när'-villkor" },
    { code: 'analysis-undecided', bad: `${manyAttributes}\nförloppsmodell m { ${manyPathways} }`, good: `förloppsmodell m { ${threePathways} }`, message: 'minst 19 979 till visas inte) gäller, men resten har inte prövats färdigt. Gränsen nåddes vid medborgarna med k0 = nej.' },
    // analyses: inclusion
    { code: 'unsatisfiable-criterion', bad: 'pilot p { inkludera när ålder > 65 och kognitiv_svikt och ålder < 18 }', good: 'pilot p { inkludera när ålder > 65 och kognitiv_svikt }', message: "Ingen medborgare uppfyller villkoret: 'ålder > 65' och 'ålder < 18' kan inte gälla samtidigt." },
    { code: 'exclusion-removes-everyone', bad: 'pilot p { inkludera när ålder > 65 exkludera när ålder > 60 }', good: 'pilot p { inkludera när ålder > 65 exkludera när kognitiv_svikt }', message: 'Undantagen utesluter alla som inkluderas; till exempel utesluts ålder', witness: 'ålder' },
    { code: 'exclusion-never-applies', bad: 'pilot p { inkludera när ålder > 65 exkludera när ålder < 18 }', good: 'pilot p { inkludera när ålder > 65 exkludera när kognitiv_svikt }', message: 'Undantaget gäller aldrig någon som inkluderas' },
    { code: 'redundant-criterion', bad: 'pilot p { inkludera när ålder > 65 och ålder > 18 }', good: 'pilot p { inkludera när ålder > 65 och kognitiv_svikt }', message: "Villkoret 'ålder > 18' följer redan av de övriga" },
    { code: 'unreachable-branch', bad: 'pilot p { inkludera när ålder > 65 och (ålder < 18 eller kognitiv_svikt) }', good: 'pilot p { inkludera när ålder > 65 och (ålder > 80 eller kognitiv_svikt) }', message: "Alternativet 'ålder < 18' kan aldrig uppfyllas" },
    // analyses: eligibility (beviljas när)
    { code: 'eligibility-excludes-everyone', bad: 'insats boendestöd { beviljas när ålder i 18–64 utom när ålder > 10 }', good: 'insats boendestöd { beviljas när ålder i 18–64 utom när kognitiv_svikt }', message: "Ingen kan beviljas boendestöd: villkoren 'utom när' utesluter alla", witness: 'ålder' },
    { code: 'eligibility-exclusion-never-applies', bad: 'insats boendestöd { beviljas när ålder i 18–64 utom när ålder > 70 }', good: 'insats boendestöd { beviljas när ålder i 18–64 utom när kognitiv_svikt }', message: "Villkoret 'utom när' gäller aldrig någon" },
    { code: 'eligibility-exception-never-applies', bad: 'insats boendestöd { beviljas när ålder i 18–64 utom när kognitiv_svikt undantag när ålder > 70 }', good: 'insats boendestöd { beviljas när ålder i 18–64 utom när kognitiv_svikt undantag när aktivitetsförmåga = hög }', message: "Undantaget gäller aldrig någon som 'utom när' utesluter" },
    { code: 'eligibility-exception-swallows-exclusion', bad: 'insats boendestöd { beviljas när ålder i 18–64 utom när kognitiv_svikt undantag när ålder < 70 }', good: 'insats boendestöd { beviljas när ålder i 18–64 utom när kognitiv_svikt undantag när ålder > 60 }', message: "Undantagen gäller alla som 'utom när' utesluter", witness: 'kognitiv_svikt' },
    // analyses: test phase and pilots
    { code: 'pilot-service-excluded', bad: `${phase}pilot p { inom t insatser undantagen }`, good: `${phase}pilot p { inom t insatser hemvård }`, message: 'Insatsen undantagen är undantagen i t.' },
    { code: 'pilot-service-not-in-phase', bad: `${phase}insats annan\npilot p { inom t insatser annan }`, good: `${phase}pilot p { inom t insatser hemvård }`, message: 'Insatsen annan ingår inte i ts insatser.' },
    { code: 'pilot-unit-not-in-phase', bad: `${phase}enhet annan\npilot p { inom t enheter annan }`, good: `${phase}pilot p { inom t enheter inne }`, message: 'Enheten annan deltar inte i t.' },
    { code: 'pilot-period-outside-phase', bad: `${phase}pilot p { inom t period från 2021-01-01 till 2021-12-31 }`, good: `${phase}pilot p { inom t period från 2021-01-01 till 2021-06-30 }`, message: 'Piloten pågår 2021-07-01, utanför t (2020-01-01–2021-06-30).' },
    { code: 'unit-outside-area-unmarked', bad: 'område A\nenhet ute\ntestfas t { område A enheter { ute } }', good: 'område A\nenhet ute\ntestfas t { område A enheter { ute utanför området } }', message: "Enheten ute ligger inte i A men är inte markerad 'utanför området'." },
    { code: 'unit-marked-outside-but-inside', bad: 'område A\nenhet inne i A\ntestfas t { område A enheter { inne utanför området } }', good: 'område A\nenhet inne i A\ntestfas t { område A enheter { inne } }', message: "Enheten inne ligger i A men är markerad 'utanför området'." },
    // analyses: levels and money
    { code: 'missing-level', bad: 'nivåtabell t { nivåer 0–3 nivå 0 : 0 kr nivå 3 : 5 kr }', good: 'nivåtabell t { nivåer 0–3 nivå 0 : 0 kr nivå 1 : 1 kr nivå 2 : 2 kr nivå 3 : 5 kr }', message: 'Tabellen anger nivåerna 0–3 men saknar nivå 1, 2.' },
    { code: 'open-amount', bad: 'nivåtabell t { nivå 1 : ej angivet nivå 2 : 5 kr }', good: 'nivåtabell t { nivå 1 : 4 kr nivå 2 : 5 kr }', message: 'Belopp är inte angivet för nivå 1.' },
    { code: 'amount-decreases', bad: 'nivåtabell t { nivå 1 : 10 kr nivå 2 : 5 kr }', good: 'nivåtabell t { nivå 1 : 5 kr nivå 2 : 10 kr }', message: 'Beloppet sjunker när nivån stiger: nivå 1 ger 10 kr men nivå 2 5 kr.' },
    { code: 'fee-rises-as-need-falls', bad: fee('nivå 1 : 600 kr nivå 2 : 500 kr'), good: fee('nivå 1 : 500 kr nivå 2 : 600 kr'), message: 'Avgiften stiger när behovet sjunker: med ett avgiftsutrymme på 600 kr ger nivå 1 600 kr men nivå 2 500 kr (2021-01-01).', witness: '600 kr, 2021-01-01' },
    { code: 'fee-not-analysed', bad: fee('nivå 1 : 600 kr nivå 2 : 500 kr', ''), good: fee('nivå 1 : 500 kr nivå 2 : 600 kr'), message: 'Om avgiften a stiger när behovet sjunker har inte prövats: den anger ingen giltighet' },
    { code: 'cap-never-binds', bad: fee('nivå 1 : 500 kr nivå 2 : 3 000 kr'), good: fee('nivå 1 : 500 kr nivå 2 : 1 000 kr'), message: 'Takbeloppet för nivå 2 (3 000 kr) är aldrig lägre än maxtaxan (som högst 2 139 kr)' },
    { code: 'caps-charge-same', bad: fee('nivå 1 : 500 kr nivå 2 : 500 kr'), good: fee('nivå 1 : 500 kr nivå 2 : 600 kr'), message: 'Nivå 1 och nivå 2 får samma högsta avgift, 500 kr (2021-01-01)' },
    { code: 'fee-amount-above-ceiling', bad: fee('', undefined, 'belopp { nivå 1 : 500 kr nivå 2 : 3 000 kr }'), good: fee('', undefined, 'belopp { nivå 1 : 500 kr nivå 2 : 2 000 kr }'), message: 'Beloppet för nivå 2 (3 000 kr) är högre än maxtaxan (som högst 2 139 kr); nivån tar aldrig ut det, utan maxtaxan.' },
    { code: 'fee-level-missing', bad: fee('nivå 1 : 500 kr', undefined, 'andel { nivå 1 : 50 % nivå 2 : 70 % }'), good: fee('nivå 1 : 500 kr nivå 2 : 600 kr', undefined, 'andel { nivå 1 : 50 % nivå 2 : 70 % }'), message: 'Avgiften a anger andel för nivå 2 men inget takbelopp; avgiften kan inte beräknas för nivån.' },
    { code: 'fee-question-without-level', bad: `${fee('nivå 1 : 500 kr')}exempel e { datum 2021-03-01 avgift enligt a för { inkomst = 900 kr } förväntat 500 kr }`, good: `${fee('nivå 1 : 500 kr')}exempel e { datum 2021-03-01 avgift enligt a nivå 1 för { inkomst = 900 kr } förväntat 500 kr }`, message: "Frågan anger ingen nivå, men a anger takbelopp per nivå; skriv till exempel 'avgift enligt a nivå 1 för { … }'." },
    { code: 'fee-share-twice', bad: fee('nivå 1 : 500 kr', undefined, 'andel 100 % andel { nivå 1 : 50 % }'), good: fee('nivå 1 : 500 kr'), message: "'andel' anges både för alla nivåer och per nivå; ange det ena." },
    { code: 'premium-unknown-level', bad: 'nivåtabell t { nivå 1 : 5 kr nivå 2 : 10 kr }\npremie p { tabell t vid sänkning från nivå 3 till nivå 1 : 100 kr }', good: 'nivåtabell t { nivå 1 : 5 kr nivå 2 : 10 kr }\npremie p { tabell t vid sänkning från nivå 2 till nivå 1 : 100 kr }', message: 'Nivå 3 finns inte i tabellen t.' },
    { code: 'premium-not-a-reduction', bad: 'nivåtabell t { nivå 1 : 5 kr nivå 2 : 10 kr }\npremie p { tabell t vid sänkning från nivå 1 till nivå 2 : 100 kr }', good: 'nivåtabell t { nivå 1 : 5 kr nivå 2 : 10 kr }\npremie p { tabell t vid sänkning från nivå 2 till nivå 1 : 100 kr }', message: 'Från nivå 1 till nivå 2 är ingen sänkning.' },
    // rates by the case (`efter`)
    { code: 'rate-selector-not-enumeration', bad: 'timkostnad t { efter ålder  belopp { hög : 400 kr/h } }', good: 'timkostnad t { efter aktivitetsförmåga  belopp { hög : 400 kr/h  utvecklingsbar : 420 kr/h  nedsatt : 450 kr/h } }', message: 'Ersättningen väljer belopp efter ålder, som inte är en uppräkning' },
    { code: 'rate-amount-width', bad: 'timkostnad t { efter aktivitetsförmåga  belopp { hög, hög : 400 kr/h  utvecklingsbar : 420 kr/h  nedsatt : 450 kr/h } }', good: 'timkostnad t { efter aktivitetsförmåga  belopp { hög : 400 kr/h  utvecklingsbar : 420 kr/h  nedsatt : 450 kr/h } }', message: 'Raden anger 2 värden, men ersättningen väljer efter 1 (aktivitetsförmåga)' },
    { code: 'rate-amount-twice', bad: 'timkostnad t { efter aktivitetsförmåga  belopp { hög : 400 kr/h  utvecklingsbar : 420 kr/h  nedsatt : 450 kr/h  hög : 410 kr/h } }', good: 'timkostnad t { efter aktivitetsförmåga  belopp { hög : 400 kr/h  utvecklingsbar : 420 kr/h  nedsatt : 450 kr/h } }', message: 'hög har redan ett belopp (rad ' },
    { code: 'rate-amount-missing', bad: 'timkostnad t { efter aktivitetsförmåga  belopp { hög : 400 kr/h  nedsatt : 450 kr/h } }', good: 'timkostnad t { efter aktivitetsförmåga  belopp { hög : 400 kr/h  utvecklingsbar : 420 kr/h  nedsatt : 450 kr/h } }', message: 't anger inget belopp för aktivitetsförmåga = utvecklingsbar; en formel som läser ersättningen för ett sådant fall får inget belopp.', witness: 'aktivitetsförmåga = utvecklingsbar' },
    { code: 'rate-units-differ', bad: 'timkostnad t { efter aktivitetsförmåga  belopp { hög : 400 kr/h  utvecklingsbar : 420 kr/h  nedsatt : 180 kr per insats } }', good: 'timkostnad t { efter aktivitetsförmåga  belopp { hög : 400 kr/h  utvecklingsbar : 420 kr/h  nedsatt : 450 kr/h } }', message: 'Här anges kr/insats, men ersättningens första belopp anges i kr/h' },
    { code: 'rate-selector-without-amounts', bad: 'timkostnad t { efter aktivitetsförmåga  belopp 400 kr/h }', good: 'timkostnad t { efter aktivitetsförmåga  belopp { hög : 400 kr/h  utvecklingsbar : 420 kr/h  nedsatt : 450 kr/h } }', message: "t väljer belopp efter aktivitetsförmåga men anger inte beloppen per värde" },
    { code: 'rate-amounts-without-selector', bad: 'timkostnad t { belopp { hög : 400 kr/h } }', good: 'timkostnad t { belopp 400 kr/h }', message: "t anger belopp per värde men inte efter vilka egenskaper" },
    { code: 'area-value-undeclared', bad: 'område tätort\negenskap områdestyp : en av områdena { tätort, skärgård }', good: 'område tätort\nområde skärgård\negenskap områdestyp : en av områdena { tätort, skärgård }', message: 'skärgård är inget område som policyn deklarerar' },
    { code: 'rate-area-not-chosen', bad: 'område tätort\nområde landsbygd\ntimkostnad t1 { område tätort  giltig från 2024-01-01  belopp 400 kr/h }\ntimkostnad t2 { område landsbygd  giltig från 2024-01-01  belopp 500 kr/h }', good: 'område tätort\nområde landsbygd\negenskap områdestyp : en av områdena { tätort, landsbygd }\ntimkostnad t { giltig från 2024-01-01  efter områdestyp  belopp { tätort : 400 kr/h  landsbygd : 500 kr/h } }', message: 't1 och t2 skiljer sig bara i område (tätort, landsbygd) och gäller samtidigt från 2024-01-01' },
    // analyses: time
    { code: 'overlapping-versions', bad: 'nivåtabell t1 { insats hemvård giltig från 2021-01-01 }\nnivåtabell t2 { insats hemvård giltig från 2021-06-01 }', good: 'nivåtabell t1 { insats hemvård giltig från 2021-01-01 till 2021-05-31 }\nnivåtabell t2 { insats hemvård giltig från 2021-06-01 }', message: 't1 gäller samtidigt som t2 (a.regel:10) från 2021-06-01' },
    { code: 'undated-parameter', bad: 'parameter p : belopp { 1 kr  från 2022-01-01 : 2 kr }', good: 'parameter p : belopp { från 2021-01-01 : 1 kr  från 2022-01-01 : 2 kr }', message: 'p har en version utan startdatum: den gäller på varje datum fram till nästa version, från 2022-01-01. Skriv från vilket datum den gäller när källan anger det.' },
    { code: 'version-gap', bad: 'parameter p : belopp { från 2021-01-01 till 2021-12-31 : 1 kr från 2022-02-01 : 2 kr }', good: 'parameter p : belopp { från 2021-01-01 till 2021-12-31 : 1 kr från 2022-01-01 : 2 kr }', message: 'p saknar värde 2022-01-01–2022-01-31, mellan två versioner.' },
    { code: 'no-valid-version', bad: fee('nivå 1 : 500 kr', 'giltig från 2021-01-01'), good: fee('nivå 1 : 500 kr', 'giltig från 2021-01-01 till 2021-12-31'), message: 'pbb har inget värde 2022-01-01, men a gäller då.' },
    // analyses: guidelines
    { code: 'impossible-term', bad: 'fas f\nriktlinje r "R" { krav k ska "K" avser f var 0 månader }', good: 'fas f\nriktlinje r "R" { krav k ska "K" avser f var 3:e månad }', message: 'Ett intervall på 0 månader kan inte uppfyllas.' },
    { code: 'contradicting-obligations', bad: 'fas f\nriktlinje r "R" { krav a ska "A" åtgärd följa_upp avser f\n krav b får inte "B" åtgärd följa_upp avser f }', good: 'fas f\nriktlinje r "R" { krav a ska "A" åtgärd följa_upp avser f\n krav b får inte "B" åtgärd dokumentera avser f }', message: "Kravet motsäger b (r): 'ska' och 'får inte' om följa_upp för f, båda i kraft från början." },
    { code: 'conflicting-deadlines', bad: 'riktlinje r "R" { krav snabbt ska "Beslut fattas snabbt." åtgärd besluta avser hemvård inom 2 veckor från ansökan\n krav utrett ska "Beslut fattas efter utredning." åtgärd besluta avser hemvård tidigast 3 veckor efter ansökan }', good: 'riktlinje r "R" { krav snabbt ska "Beslut fattas snabbt." åtgärd besluta avser hemvård inom 4 veckor från ansökan\n krav utrett ska "Beslut fattas efter utredning." åtgärd besluta avser hemvård tidigast 3 veckor efter ansökan }', message: 'Fristerna går inte att hålla båda: kravet ska göras inom 2 veckor från ansökan, men utrett (r) säger tidigast 3 veckor efter ansökan, båda om besluta och i kraft från början.' },
    { code: 'differing-deadlines', bad: 'riktlinje r "R" { krav följa_upp ska "Beslutet följs upp." åtgärd följa_upp avser hemvård inom 6 månader från beslut\n krav tidig ska "En första uppföljning görs." åtgärd följa_upp avser hemvård inom 3 månader från beslut }', good: 'riktlinje r "R" { krav följa_upp ska "Beslutet följs upp." åtgärd följa_upp avser hemvård inom 6 månader från beslut\n krav tidig ska "En första uppföljning görs." åtgärd första_uppföljning avser hemvård inom 3 månader från beslut }', message: 'Fristen inom 6 månader från beslut gäller aldrig, för tidig (r) kräver samma åtgärd följa_upp tidigare: inom 3 månader från beslut, båda i kraft från början.' },
    { code: 'deadline-beyond-decision', bad: 'riktlinje r "R" { krav tidsbegränsa ska "Beslut tidsbegränsas." avser hemvård beslut gäller högst 12 månader\n krav följa_upp ska "Beslutet följs upp." åtgärd följa_upp avser hemvård uppföljning var 18:e månad }', good: 'riktlinje r "R" { krav tidsbegränsa ska "Beslut tidsbegränsas." avser hemvård beslut gäller högst 12 månader\n krav följa_upp ska "Beslutet följs upp." åtgärd följa_upp avser hemvård uppföljning var 6:e månad }', message: 'Uppföljningsintervallet (var 18:e månad) är längre än besluten gäller enligt tidsbegränsa (r) (högst 12 månader), om hemvård från början' },
    { code: 'exception-never-applies', bad: 'riktlinje r "R" { krav hemma ska i regel "Stödet ges i hemmet." åtgärd ge_stöd avser hemvård när ålder >= 65 år\n undantag när ålder < 18 år "Barn" }', good: 'riktlinje r "R" { krav hemma ska i regel "Stödet ges i hemmet." åtgärd ge_stöd avser hemvård när ålder >= 65 år\n undantag när kognitiv_svikt "Vid kognitiv svikt" }', message: 'Undantaget "Barn" gäller aldrig någon som kravet hemma gäller, så det undantar ingen; till exempel uppfyller ', witness: 'ålder' },
    { code: 'exception-swallows-rule', bad: 'riktlinje r "R" { krav hemma ska i regel "Stödet ges i hemmet." åtgärd ge_stöd avser hemvård när ålder >= 65 år\n undantag när ålder >= 60 år }', good: 'riktlinje r "R" { krav hemma ska i regel "Stödet ges i hemmet." åtgärd ge_stöd avser hemvård när ålder >= 65 år\n undantag när ålder >= 80 år }', message: "Undantaget 'ålder >= 60 år' gäller alla som kravet hemma gäller, så kravet gäller ingen; till exempel gäller både kravet och undantaget ", witness: 'ålder' },
    // analyses: use
    { code: 'unused-declaration', bare: true, bad: 'område a', good: 'område a\nnivåtabell t { område a }', message: 'Område a används inte någonstans i arbetsytan.' },
];

/** Codes reported by the command line (about files, and by `regelratt test`), not by the language; tested in test/cli.test.ts. */
// A check that throws is a fault of Regelrätt's, provoked below by a check that throws on purpose.
const faultCodes = ['internal-check-error', 'internal-build-error'];
// `använd` needs files on disk (a library folder, the files of a cycle): tested in test/library-imports.test.ts,
// and the checks against the national library in test/national-rules.test.ts.
const importCodes = ['import-not-found', 'library-version-mismatch', 'library-version-conflict', 'import-cycle', 'minimibelopp-below-national', 'minimibelopp-below-national-for-some', 'minimibelopp-below-national-single', 'maxtaxa-above-national', 'fee-level-above-maxtaxa', 'fee-without-maxtaxa', 'law-replaced'];
const commandLineCodes = [...faultCodes, ...importCodes, 'file-not-found', 'no-policy-files', 'not-a-policy-file', 'binary-file', 'not-utf8', 'file-too-large', 'unreadable-file', 'output-error', 'example-failed', 'example-error'];

describe('every diagnostic of the language', () => {
    test('has a failing and a passing case here', () => {
        const languageCodes = Object.keys(diagnosticCatalogue).filter(code => !commandLineCodes.includes(code)).sort();
        expect(cases.map(c => c.code).sort()).toEqual(languageCodes);
    });

    test.each(cases)('$code is reported for the failing case', async ({ code, bad, message, witness, bare }) => {
        const diagnostics = await diagnosticsOf(bare ? bad : prelude + bad);
        const found = diagnostics.filter(d => d.code === code);
        expect(found, JSON.stringify(diagnostics, null, 2)).not.toHaveLength(0);
        expect(found[0].message).toContain(message);
        if (witness) {
            expect(found[0].witness?.text).toContain(witness);
        }
        // The position points into the case, not at the prelude.
        expect(found[0].line).toBeGreaterThan(bare ? 0 : prelude.split('\n').length - 1);
    });

    test.each(cases)('$code is absent from the passing case', async ({ code, good, bare }) => {
        const diagnostics = await diagnosticsOf(bare ? good : prelude + good);
        // The shared vocabulary is not all used by every case; notes about that belong to their own case.
        const relevant = diagnostics.filter(d => code === 'unused-declaration' || d.code !== 'unused-declaration');
        expect(relevant, JSON.stringify(relevant, null, 2)).toEqual([]);
    });
});

describe('a main rule and its exception written as two obligations on one act', () => {
    const rule = 'krav hemma ska "Stödet ges i hemmet." åtgärd ge_stöd_hemma avser hemvård när ålder >= 65 år';
    test('do not contradict where their conditions keep them apart', async () => {
        const diagnostics = await diagnosticsOf(`${prelude}riktlinje r "R" { ${rule} undantag när kognitiv_svikt\n krav inte_hemma får inte "Stödet ges inte i hemmet." åtgärd ge_stöd_hemma avser hemvård när kognitiv_svikt }`);
        expect(codes(withoutNotes(diagnostics))).toEqual([]);
        const apart = await diagnosticsOf(`${prelude}riktlinje r "R" { ${rule}\n krav inte_hemma får inte "Stödet ges inte i hemmet." åtgärd ge_stöd_hemma avser hemvård när ålder < 65 år }`);
        expect(codes(withoutNotes(apart))).toEqual([]);
    });

    test('contradict where a citizen meets both', async () => {
        const diagnostics = await diagnosticsOf(`${prelude}riktlinje r "R" { ${rule}\n krav inte_hemma får inte "Stödet ges inte i hemmet." åtgärd ge_stöd_hemma avser hemvård när kognitiv_svikt }`);
        expect(codes(withoutNotes(diagnostics))).toEqual(['contradicting-obligations', 'contradicting-obligations']);
    });
});

describe('names across files', () => {
    test('a name declared in one file resolves in another', async () => {
        const [first, second] = await checkTexts(['område tätort', 'nivåtabell t { område tätort }']);
        expect(first.diagnostics).toEqual([]);
        expect(second.diagnostics).toEqual([]);
    });

    test('a name declared in two files is a duplicate in both, each pointing at the other', async () => {
        const [first, second] = await checkTexts(['område tätort', '\nområde tätort\nnivåtabell t { område tätort }']);
        expect(codes(withoutNotes(first.diagnostics))).toEqual(['duplicate-name']);
        expect(first.diagnostics[0].message).toContain('b.regel:2');
        expect(codes(withoutNotes(second.diagnostics))).toEqual(['duplicate-name']);
        expect(second.diagnostics[0].message).toContain('a.regel:1');
    });

    test('enumeration values belong to their attribute, so two attributes may share a value name', async () => {
        const diagnostics = await diagnosticsOf(`
            egenskap a : en av { hög, låg }
            egenskap b : en av { hög, medel }
            pilot p { inkludera när a = hög och b = medel }`);
        expect(diagnostics).toEqual([]);
    });

    test('a workspace without any example gets no hint of regions no example reaches', async () => {
        const diagnostics = await diagnosticsOf(`${prelude}pilot p { inkludera när ålder > 65 år }`);
        expect(codes(diagnostics)).not.toContain('uncovered-region');
        // With one example, the region it does not reach is hinted.
        const withExample = await diagnosticsOf(`${prelude}pilot p { inkludera när ålder > 65 år }\nexempel e { inkludering i p för { ålder = 70 } förväntat ingår }`);
        expect(codes(withExample)).toContain('uncovered-region');
    });

    test('a misspelt name far from every declared one gets no suggestion', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf(`${prelude}nivåtabell t { insats personlig_assistans }`));
        expect(codes(diagnostics)).toEqual(['unresolved-reference']);
        expect(diagnostics[0].message).not.toContain('Menade du');
    });
});

describe('type checks in criteria', () => {
    test.each([
        ['an enumeration ordered with <', 'aktivitetsförmåga < hög'],
        ['a yes/no attribute compared with a number', 'kognitiv_svikt = 3'],
        ['a number attribute used alone as a yes/no test', 'ålder'],
        ['a date attribute compared with a number', 'beslutsdatum > 2021'],
        ['an enumeration compared with a range', 'aktivitetsförmåga i 1–3'],
    ])('rejects %s', async (_label, criterion) => {
        const diagnostics = withoutNotes(await diagnosticsOf(`${prelude}pilot p { inkludera när ${criterion} }`));
        expect(codes(diagnostics)).toEqual(['type-mismatch']);
    });

    test.each([
        ['a date compared with a date', 'beslutsdatum >= 2021-01-01'],
        ['an amount with kr', 'inkomst > 10 000 kr'],
        ['an enumeration in a set', 'aktivitetsförmåga i { hög, nedsatt }'],
        ['a number in a range', 'ålder i 18–64'],
        ['a negated yes/no attribute', 'inte kognitiv_svikt'],
    ])('accepts %s', async (_label, criterion) => {
        const diagnostics = withoutNotes(await diagnosticsOf(`${prelude}pilot p { inkludera när ${criterion} }`));
        expect(diagnostics).toEqual([]);
    });

    test('an amount compared without kr is missing its unit', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf(`${prelude}pilot p { inkludera när inkomst > 10 000 }`));
        expect(codes(diagnostics)).toEqual(['missing-unit']);
    });

    test('an amount below zero is outside the domain of an amount attribute, as the runtime says', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf(`${prelude}pilot p { inkludera när inkomst > -100 kr }`));
        expect(codes(diagnostics)).toEqual(['value-outside-domain']);
        expect(diagnostics[0].message).toContain('0 kr eller mer');
    });

    test('a number with another unit than the attribute is the wrong unit', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf(`${prelude}pilot p { inkludera när ålder > 65 kg }`));
        expect(codes(diagnostics)).toEqual(['wrong-unit']);
    });
});

describe('messages in English', () => {
    test('validation messages follow the locale', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf(`${prelude}nivåtabell t { nivå 4 : 2 037 }`, 'en'));
        expect(diagnostics[0].message).toBe('The amount 2 037 has no unit; write 2 037 kr.');
    });

    test('deadline and exception findings follow the locale, quoting the policy as written', async () => {
        const deadlines = withoutNotes(await diagnosticsOf(`${prelude}riktlinje r "R" { krav a ska "A" åtgärd besluta avser hemvård inom 2 veckor från ansökan\n krav b ska "B" åtgärd besluta avser hemvård tidigast 3 veckor efter ansökan }`, 'en'));
        expect(deadlines.map(d => d.message)).toEqual(['The deadlines cannot both be met: the obligation must be done inom 2 veckor från ansökan, but b (r) says tidigast 3 veckor efter ansökan, both about besluta and in force from the start.']);
        const swallowed = withoutNotes(await diagnosticsOf(`${prelude}riktlinje r "R" { krav a ska i regel "A" avser hemvård när ålder >= 65 år undantag när ålder >= 60 år }`, 'en'));
        expect(swallowed.map(d => d.message.replace(/for example both apply to .*$/, ''))).toEqual(["The exception 'ålder >= 60 år' applies to everyone the obligation a applies to, so the obligation applies to no one; "]);
    });

    test('syntax messages follow the locale', async () => {
        const diagnostics = await diagnosticsOf('nivåtabell t { nivå 4 2 037 kr }', 'en');
        expect(diagnostics[0].message).toBe("Unexpected '2 037': ':' is expected here.");
    });
});

describe('versions of rates', () => {
    const rate = (name: string, validity: string, area = 'tätort') => `timkostnad ${name} { roll arbetsterapeut område ${area} ${validity} belopp 337,50 kr/h }`;
    const vocabulary = 'roll arbetsterapeut\nområde tätort\nområde landsbygd';

    test('two hourly costs for the same role and area in overlapping periods are overlapping versions', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf([vocabulary, rate('a', 'giltig från 2021-01-01 till 2021-12-31'), rate('b', 'giltig från 2021-06-01')].join('\n')));
        expect(codes(diagnostics)).toEqual(['overlapping-versions', 'overlapping-versions']);
        expect(diagnostics[0].message).toContain('a gäller samtidigt som b');
    });

    test('one after the other, or in different areas, they are not', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf([
            vocabulary, rate('a', 'giltig från 2021-01-01 till 2021-12-31'), rate('b', 'giltig från 2022-01-01'), rate('c', 'giltig från 2021-01-01', 'landsbygd'),
        ].join('\n')));
        // Not versions; but no case chooses between the area's rate and the others' (a warning, on a and b).
        expect(codes(diagnostics)).toEqual(['rate-area-not-chosen', 'rate-area-not-chosen']);
    });
});

describe('amounts that fall as need rises, in long tables', () => {
    const table = (amounts: number[], hit = '') => [
        'egenskap behovet "B" : heltal 0–1000 timmar',
        `beslutstabell t "T" {\n ${hit}\n behov behovet\n | behovet || avgift |`,
        ...amounts.map((amount, row) => ` | ${row} || ${amount} kr |`),
        ` | >= ${amounts.length} || ${Math.max(...amounts) + 1} kr |\n}`,
    ].join('\n');

    test('a table falling all the way down names each row once, against the row before it', async () => {
        const rows = 60;
        const falling = (await diagnosticsOf(table(Array.from({ length: rows }, (_, row) => 1000 - row)))).filter(d => d.code === 'amount-falls-as-need-rises');
        // Rows 2 to 60 each fall below their neighbour above; the catch-all row gives more than all.
        expect(falling).toHaveLength(rows - 1);
        expect(falling.map(d => d.args.higherRow)).toEqual(Array.from({ length: rows - 1 }, (_, i) => i + 2));
        expect(falling.map(d => d.args.lowerRow)).toEqual(Array.from({ length: rows - 1 }, (_, i) => i + 1));
    });

    test('one dip among rising rows is one finding, against its nearest row', async () => {
        const amounts = Array.from({ length: 300 }, (_, row) => (row === 150 ? 5 : 100 + row));
        const falling = (await diagnosticsOf(table(amounts, 'träff första'))).filter(d => d.code === 'amount-falls-as-need-rises');
        expect(falling.map(d => [d.args.lowerRow, d.args.higherRow])).toEqual([[150, 151]]);
    });
});

describe('decision tables under träff valfri (DMN\'s Any)', () => {
    const table = (second: string) => `${prelude}beslutstabell l {\n träff valfri\n | aktivitetsförmåga || nivå | avgift |\n | hög || 1 | 100 kr |\n | { hög, utvecklingsbar } || ${second} |\n | nedsatt || 3 | 300 kr |\n}`;

    test('rows that overlap and give the same outputs are allowed', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf(table('1 | 100 kr')));
        expect(diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    });

    test('rows that overlap with different outputs are an overlap, said as such, with the citizen', async () => {
        const overlaps = (await diagnosticsOf(table('1 | 150 kr'))).filter(d => d.code === 'decision-overlap');
        expect(overlaps.map(d => d.message)).toEqual([
            "Raderna 1 och 2 i beslutstabellen l gäller samtidigt för: aktivitetsförmåga = hög, och de ger olika utfall; med 'träff valfri' får bara rader med samma utfall gälla samtidigt.",
        ]);
        expect(overlaps[0].witness?.example).toEqual({ aktivitetsförmåga: 'hög' });
    });

    test('three rows that hold together are listed as a sentence lists them', async () => {
        const text = `${prelude}beslutstabell l {\n | aktivitetsförmåga || nivå |\n | hög || 1 |\n | { hög, utvecklingsbar } || 2 |\n | { hög, nedsatt } || 3 |\n}`;
        const messages = (await diagnosticsOf(text)).filter(d => d.code === 'decision-overlap').map(d => d.message);
        expect(messages.some(m => m.startsWith('Raderna 1, 2 och 3 i beslutstabellen l gäller samtidigt för: aktivitetsförmåga = hög'))).toBe(true);
    });
});

describe('long enumerations', () => {
    test('each of 3 000 values resolves to its own value, and one misspelt among them is reported once', async () => {
        const values = Array.from({ length: 3000 }, (_, i) => `v${i}`);
        const written = [...values.slice(0, 1500), 'v1500x', ...values.slice(1501)];
        const text = `egenskap x "X" : en av { ${values.join(', ')} }\npilot p "P" { inkludera när x i { ${written.join(', ')} } }`;
        const [checked] = await checkTexts([text]);
        expect(codes(withoutNotes(checked.diagnostics))).toEqual(['unknown-enumeration-value']);
        expect(checked.diagnostics.find(d => d.code === 'unknown-enumeration-value')?.message).toContain("'v1500x'");
        const pilot = checked.document.parseResult.value.elements[1] as ast.Pilot;
        const members = (pilot.inclusion as ast.Comparison).members as ast.EnumerationLiteral[];
        expect(members.map(member => member.value.ref?.name)).toEqual(written.map(name => (name === 'v1500x' ? undefined : name)));
    });
});

describe('a check that throws', () => {
    test('fails alone: a Swedish internal-check-error at the node on complete text, silence on half-typed text, the other checks still run', async () => {
        const { createRegelrattServices, checkPolicies } = await import('@regelratt/language');
        const { EmptyFileSystem } = await import('langium');
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        Regelratt.validation.ValidationRegistry.register<ast.RegelrattAstType>({ Area: (): void => { throw new Error('provocerat fel'); } });
        const [complete] = await checkPolicies(Regelratt, [{ path: '/t/a.regel', text: 'område tätort\nnivåtabell t { nivå 4 : 2 037 }' }]);
        expect(complete.diagnostics.map(d => d.code).sort()).toEqual(['internal-check-error', 'missing-unit', 'unused-declaration'].sort());
        expect(complete.diagnostics.find(d => d.code === 'internal-check-error')?.message)
            .toBe('Internt fel i Regelrätts kontroll av Area (inte ett fel i filen): provocerat fel. Rapportera det till Regelrätts utvecklare med filen; övriga kontroller har körts.');
        const [halfTyped] = await checkPolicies(Regelratt, [{ path: '/t/b.regel', text: 'område tätort\nnivåtabell t { nivå 4 : ' }]);
        expect(halfTyped.diagnostics.map(d => d.code)).not.toContain('internal-check-error');
        expect(halfTyped.diagnostics.map(d => d.code)).toContain('syntax-error');
    });
});

describe('amounts that may go below zero', () => {
    const text = `${prelude}egenskap boende_x : belopp per månad\nberäkning netto_x "Kvar" kan vara negativ = inkomst − boende_x`;

    test('"kan vara negativ" lets an answer go below zero, and the compiled calculation says so', async () => {
        const [checked] = await checkTexts([text]);
        expect(codes(withoutNotes(checked.diagnostics))).toEqual([]);
        const compiled = compilePolicy(checked.document.parseResult.value, 'a.regel');
        expect(compiled.elements.find(e => e.name === 'netto_x')).toMatchObject({ kind: 'calculation', mayBeNegative: true });
    });

    test('without it the same answer is reported with the citizen', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf(text.replace(' kan vara negativ', '')));
        expect(codes(diagnostics)).toEqual(['calculation-can-be-negative']);
        expect(diagnostics[0].witness?.text).toBe('inkomst = 0, boende_x = 1');
    });

    test('a part read by another calculation is not reported; the answer that reads it is', async () => {
        const diagnostics = withoutNotes(await diagnosticsOf(`${prelude}egenskap boende_x : belopp per månad\nberäkning del_x = inkomst − boende_x\nberäkning svar_x = del_x × 50 %`));
        expect(diagnostics.map(d => [d.code, d.message.split(' ')[0]])).toEqual([['calculation-can-be-negative', 'svar_x']]);
    });
});

describe('caps in a calculation', () => {
    test('a cap that decides only for a large income is found to decide; the cap above it is proved never to', async () => {
        // A share of the avgiftsutrymme per level, capped per level and by the maxtaxa: the level's cap
        // decides only where the share of a large income passes it, which no comparison in the policy names.
        const text = `${prelude}egenskap boende_x : belopp per månad
parameter pbb_x : belopp { från 2024-01-01 till 2024-12-31 : 57 300 kr }
beslutstabell nivåandel_x { nivåer 1–3
 | nivå || andel | tak |
 | 1 || 70 % | 800 kr |
 | 2 || 80 % | 1 500 kr |
 | 3 || 90 % | 2 500 kr | }
beräkning maxtaxa_x = 0,5392 × pbb_x / 12 avrundat till hela kronor, nedåt
beräkning utrymme_x = max(0 kr, inkomst − boende_x − 1,3546 × pbb_x / 12)
beräkning avgift_x = min(nivåandel_x.andel × utrymme_x, nivåandel_x.tak, maxtaxa_x) avrundat till hela kronor, nedåt`;
        const diagnostics = withoutNotes(await diagnosticsOf(text));
        expect(diagnostics.map(d => [d.code, d.message])).toEqual([
            ['calculation-cap-never-binds', 'Taket maxtaxa_x i avgift_x avgör aldrig: nivåandel_x.tak är lika stort eller mindre för alla medborgare, alla datum.'],
        ]);
    });
});

describe('only schema-valid output', () => {
    test('what the compiled format cannot carry is an error at its place: an impossible example date, zero months, a fractional level', async () => {
        const text = [
            'roll at', 'timkostnad r { roll at belopp 100 kr/h }', 'nivåtabell t { nivå 0 : 0 kr  nivå 1 : 100 kr }',
            'exempel e1 { datum 2021-12-32 ersättning enligt t nivå 1 förväntat 100 kr }',
            'exempel e2 { datum 2021-06-01 nettoeffekt enligt t från nivå 1 till nivå 0 med 1 timmar r under 0 månader förväntat per månad 0 kr }',
            'exempel e3 { datum 2021-06-01 nettoeffekt enligt t från nivå 0,5 till nivå 0 med 1 timmar r under 1 månad förväntat per månad 0 kr }',
        ].join('\n');
        const found = withoutNotes(await diagnosticsOf(text)).map(d => `${d.line}:${d.code}`);
        expect(found).toEqual(['4:invalid-date', '5:number-out-of-bounds', '6:not-a-whole-number']);
    });
});

describe('an example that asks a decision table with several output columns', () => {
    // Found writing examples/haabo: `beslut enligt avgiftsnivå för { … }` checked clean and failed
    // only in `regelratt test`, with the runtime's message naming the compiled id.
    const table = 'beslutstabell l {\n | kognitiv_svikt || nivå | avgift |\n | ja || 1 | 1 kr |\n | nej || 0 | 0 kr |\n}\n';
    /** Leaves out the hint that no example reaches kognitiv_svikt = nej: one example is enough here. */
    const found = async (text: string) => withoutNotes(await diagnosticsOf(text)).filter(d => d.code !== 'uncovered-region');
    const ask = (question: string, expectation = 'förväntat 1') => `${prelude}${table}exempel e { datum 2025-01-01  beslut enligt ${question} för { kognitiv_svikt = ja }  ${expectation} }`;

    test('names the column it wants, as a formula must (column-required, unknown-column)', async () => {
        const without = await found(ask('l'));
        expect(without.map(d => [d.code, d.message, d.line])).toEqual([
            ['column-required', 'l har flera utfallskolumner (nivå, avgift); skriv vilken, till exempel l.nivå.', prelude.split('\n').length + 5],
        ]);
        const misspelt = await found(ask('l.avgfit', 'förväntat 1 kr'));
        expect(misspelt.map(d => [d.code, d.message])).toEqual([['unknown-column', 'l har ingen kolumn avgfit. Menade du avgift? Kolumner: nivå, avgift.']]);
    });

    test('a named column, a table of one output, or an example expecting the runtime\'s error is clean', async () => {
        expect(codes(await found(ask('l.nivå')))).toEqual([]);
        expect(codes(await found(ask('l.avgift', 'förväntat 1 kr')))).toEqual([]);
        expect(codes(await found(ask('l', 'förväntat fel "not-computable"')))).toEqual([]);
        const single = `${prelude}beslutstabell s {\n | kognitiv_svikt || nivå |\n | ja || 1 |\n | nej || 0 |\n}\nexempel e { datum 2025-01-01  beslut enligt s för { kognitiv_svikt = ja }  förväntat 1 }`;
        expect(codes(await found(single))).toEqual([]);
    });
});
