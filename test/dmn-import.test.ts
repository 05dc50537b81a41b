import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { unaryTest } from 'feelin';
import { afterAll, describe, expect, test } from 'vitest';
import type { CompiledPolicyFile, DecisionTable } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, exampleCoverage, grammarKeywords } from '@regelratt/language';
import { PolicyRuntime } from '../packages/runtime/src/index.js';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { DmnReadError, importDmn, type DmnImport } from '../packages/cli/src/dmn/import-dmn.js';
import { dmnAttributes, dmnPolicy } from '../packages/cli/src/dmn/write-dmn.js';
import { fromRuntime, runtimeAnswer, type Normal } from './dmn/dmn-harness.js';
import { EVERY_HIT_POLICY } from './dmn/every-hit-policy.js';
import { COMPARED_ATTRIBUTES } from './dmn/compared-attributes.js';
import { compiledExampleSet, exampleSets, repository } from './example-sets.js';

/**
 * `regelratt dmn import`: a DMN file's decision tables as `.regel`. A round trip (regel → DMN →
 * regel) gives the same answers for every region's example citizen; what the language cannot say
 * is named element by element with its XML id, never dropped in silence.
 */
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-dmn-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const { Regelratt } = createRegelrattServices(EmptyFileSystem);
const keywords = new Set(grammarKeywords(Regelratt.Grammar));

async function compiled(text: string, name: string): Promise<{ files: CompiledPolicyFile[]; errors: string[] }> {
    const checked = await checkPolicies(Regelratt, [{ path: `/dmn/${name}`, text }]);
    const errors = checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error').map(d => `${d.code}: ${d.message}`));
    return { files: checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, name))) as CompiledPolicyFile), errors };
}

/** The imported table's answer as the original element's: a förlopp and a pilot's `ingår` are its one output. */
function importedAnswer(runtime: PolicyRuntime, table: DecisionTable, citizen: Record<string, string>): Normal {
    const { nivå, ...rest } = citizen;
    return fromRuntime(() => {
        const decision = runtime.decide(table.id, { date: '2025-01-01', citizen: rest, ...(nivå !== undefined ? { level: Number(nivå) } : {}) });
        const shaped = (outputs: Record<string, string | null>) => (table.outputs.length === 1 ? outputs[table.outputs[0]] : outputs);
        return decision.list ? decision.list.map(shaped) : shaped(decision.outputs);
    });
}

/**
 * `file` exported to DMN and imported back, checked and compiled on its own; every region's example
 * citizen of each of its decisions answered by both, and the answers compared. `beside`: values for
 * attributes only a formula reads, which a region's example (the table's columns) does not give.
 */
async function roundTrip(files: CompiledPolicyFile[], file: CompiledPolicyFile, beside: Record<string, string> = {}): Promise<{ imported: DmnImport; tables: number; agreed: number }> {
    // The whole policy, so a table whose formula reads a parameter or a calculation goes round too.
    const exported = exportDmn(file, dmnPolicy(files));
    if (!exported || exported.decisions === 0) {
        return { imported: { text: '', notes: [], tables: 0, calculations: 0 }, tables: 0, agreed: 0 };
    }
    const imported = await importDmn(exported.xml, keywords);
    const again = await compiled(imported.text, 'importerad.regel');
    // A förloppsmodell that places nobody somewhere is, as a table without `annars`, a gap there.
    expect(again.errors.filter(e => !e.startsWith('decision-gap')), imported.text).toEqual([]);
    const before = new PolicyRuntime(files);
    const after = new PolicyRuntime(again.files);
    const tables = new Map(again.files[0].elements.filter((e): e is DecisionTable => e.kind === 'decisionTable').map(t => [t.name, t]));
    let agreed = 0;
    for (const coverage of exampleCoverage(files, 'sv').criteria) {
        const element = file.elements.find(e => e.id === coverage.element.id);
        if (!element || !exported.decisionIds.has(element.id)) {
            continue;
        }
        const table = tables.get(element.name);
        if (imported.notes.some(note => note.sv.includes(` ${element.name} `) || note.sv.includes(` ${element.name},`))) {
            expect(table).toBeUndefined();
            continue;
        }
        expect(table, element.id).toBeDefined();
        for (const region of coverage.regions) {
            const citizen = { ...beside, ...region.witness.example };
            const ours = runtimeAnswer(before, element, citizen);
            const theirs = importedAnswer(after, table!, citizen);
            // A pilot's answer is ja/nej as a table's output; a förlopp's its id as text.
            const expected = ours.kind === 'value' && typeof ours.value === 'boolean' ? { kind: 'value', value: ours.value ? 'ja' : 'nej' } : ours;
            // A förloppsmodell with `sekundärt` is DMN's COLLECT, imported as `träff samla`: the förlopp that hold, as a set;
            // where more than two hold, or two not allowed together, the runtime's placement refuses (a rule DMN does not have).
            const listed = element.kind === 'pathwayModel' && theirs.kind === 'value' && Array.isArray(theirs.value) ? { kind: 'value', value: [...new Set(theirs.value as string[])].sort() } : theirs;
            if (ours.kind === 'conflict' && listed.kind === 'value' && Array.isArray(listed.value)) {
                expect((listed.value as string[]).length).toBeGreaterThanOrEqual(2);
            } else {
                expect(listed, `${element.id} ${JSON.stringify(citizen)}`).toEqual(expected);
            }
            agreed++;
        }
    }
    return { imported, tables: tables.size, agreed };
}

describe('regelratt dmn import', () => {
    test('regel → DMN → regel gives the same answers for every region\'s example citizen', async () => {
        const original = await compiled(EVERY_HIT_POLICY, 'policy.regel');
        const { imported, tables, agreed } = await roundTrip(original.files, original.files[0]);
        // Every table comes back, the list policies too; the förloppsmodell with `sekundärt` (DMN's COLLECT) as a `träff samla` list.
        expect(imported.notes).toEqual([]);
        expect(imported.text).toContain('träff regelordning');
        expect(imported.text).toContain('träff utfallsordning');
        expect(imported.text).toContain('stöd ("trygghetslarm", "matdistribution", "dagverksamhet")');
        expect(imported.text).toMatch(/träff samla\n/);
        console.log(`DMN round trip of every hit policy: ${tables} tables, ${agreed} region citizens agreed`);
        expect(tables).toBe(14);
        expect(agreed).toBeGreaterThan(30);
    });

    test.each(exampleSets)('examples/%s: regel → DMN → regel gives the same answers for every region\'s example citizen', async name => {
        const files = await compiledExampleSet(name);
        for (const file of files) {
            const { imported } = await roundTrip(files, file);
            expect(imported.notes.filter(note => !note.sv.includes('COLLECT')), file.source).toEqual([]);
        }
    });

    const foreign = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="d" name="Inköp" namespace="urn:test">
  <inputData id="in_pris" name="Pris"><variable id="v1" name="Pris" typeRef="number"/></inputData>
  <decision id="godkannande" name="Godkännande">
    <decisionTable id="t_godk" hitPolicy="UNIQUE">
      <input id="i1"><inputExpression id="e1" typeRef="number"><text>pris</text></inputExpression></input>
      <input id="i2"><inputExpression id="e2" typeRef="string"><text>kategori</text></inputExpression></input>
      <output id="o1" name="beslut" typeRef="string"><defaultOutputEntry id="d1"><text>"Nej"</text></defaultOutputEntry></output>
      <rule id="r1"><inputEntry id="r1i1"><text>[0..1000)</text></inputEntry><inputEntry id="r1i2"><text>"mat", "resor"</text></inputEntry><outputEntry id="r1o1"><text>"Ja"</text></outputEntry></rule>
      <rule id="r2"><inputEntry id="r2i1"><text>&gt;= 1000</text></inputEntry><inputEntry id="r2i2"><text>not("mat")</text></inputEntry><outputEntry id="r2o1"><text>"Chef"</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="prioritet" name="Prioritet">
    <decisionTable id="t_prio" hitPolicy="PRIORITY">
      <input id="p1"><inputExpression id="pe1" typeRef="number"><text>pris</text></inputExpression></input>
      <output id="po1" name="nivå" typeRef="number"/>
      <rule id="pr1"><inputEntry id="pr1i1"><text>-</text></inputEntry><outputEntry id="pr1o1"><text>1</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="skatt" name="Skatt"><literalExpression id="le1"><text>pris * 0.3</text></literalExpression></decision>
  <decision id="jamforelse" name="Jämförelse">
    <decisionTable id="t_jmf">
      <input id="j1"><inputExpression id="je1" typeRef="number"><text>pris</text></inputExpression></input>
      <output id="jo1" name="över" typeRef="boolean"/>
      <rule id="jr1"><inputEntry id="jr1i1"><text>&lt; tak</text></inputEntry><outputEntry id="jr1o1"><text>false</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <decision id="uttryck" name="Uttryck">
    <decisionTable id="t_ut">
      <input id="u1"><inputExpression id="ue1" typeRef="number"><text>pris * 2</text></inputExpression></input>
      <output id="uo1" name="dubbelt" typeRef="number"/>
      <rule id="ur1"><inputEntry id="ur1i1"><text>-</text></inputEntry><outputEntry id="ur1o1"><text>pris * 2</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

    test('what the language cannot say is named with its XML id; what it can is written and checks', async () => {
        const imported = await importDmn(foreign, keywords);
        expect(imported.tables).toBe(1);
        expect(imported.notes.map(note => note.element)).toEqual(['t_prio', 'skatt', 'jr1i1', 'u1']);
        expect(imported.notes[0].sv).toContain('träffpolicyn PRIORITY');
        // `pris` is no input data of the file (its input data is `Pris`): the literal expression reads a name it does not know.
        expect(imported.notes[1].sv).toContain('Beslutet Skatt är ett FEEL-uttryck (pris * 0.3) som Regelrätt inte kan skriva som beräkning');
        expect(imported.notes[2].sv).toContain('Cellen < tak i Jämförelse, regel 1, är ett FEEL-test som Regelrätt inte kan skriva');
        expect(imported.notes[3].sv).toContain('Indatakolumnen pris * 2 i Uttryck är ett uttryck');
        expect(imported.notes[3].en).toContain('is an expression, not an attribute');
        expect(imported.text).toContain('beslutstabell Godkännande {');
        expect(imported.text).toContain('| >= 0 och < 1000 | { mat, resor } || "Ja"   |');
        expect(imported.text).toContain('annars || "Nej" |');
        const { errors } = await compiled(imported.text, 'inköp.regel');
        expect(errors.filter(e => !e.startsWith('decision-gap'))).toEqual([]);
    });

    test('a descending interval ([70..65]) is refused with a note naming the cell, never read as ascending; the command exits 1', async () => {
        const descending = foreign.replace('<text>[0..1000)</text>', '<text>[70..65]</text>');
        const imported = await importDmn(descending, keywords);
        expect(imported.text).not.toContain('beslutstabell Godkännande');
        const refused = imported.notes.find(note => note.element === 'r1i1');
        expect(refused?.sv).toContain('Cellen [70..65] i Godkännande, regel 1, är ett fallande intervall (70 är större än 65)');
        expect(refused?.en).toContain('Cell [70..65] of Godkännande, rule 1, is a descending interval (70 is greater than 65)');
        // An ascending one, and one with equal bounds, are read as before.
        const ascending = await importDmn(foreign.replace('<text>[0..1000)</text>', '<text>[65..70]</text>'), keywords);
        expect(ascending.notes.map(note => note.element)).not.toContain('r1i1');
        expect(ascending.text).toContain('| 65–70 ');
        const file = path.join(scratch, 'fallande.dmn');
        writeFileSync(file, descending);
        const run = spawnSync(process.execPath, [bin, 'dmn', 'import', file], { encoding: 'utf8' });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain('inte importerat: r1i1: Cellen [70..65] i Godkännande, regel 1, är ett fallande intervall');
    });

    test('the command prints or writes the .regel, names what it left out and exits 1; a file that is no DMN is exit 2', () => {
        const file = path.join(scratch, 'inköp.dmn');
        writeFileSync(file, foreign);
        const printed = spawnSync(process.execPath, [bin, 'dmn', 'import', file], { encoding: 'utf8' });
        expect(printed.status).toBe(1);
        expect(printed.stdout).toContain('beslutstabell Godkännande {');
        expect(printed.stderr).toContain('inte importerat: t_prio: Beslutstabellen Prioritet har träffpolicyn PRIORITY');
        const written = spawnSync(process.execPath, [bin, 'dmn', 'import', file, '-o', path.join(scratch, 'ut'), '--lang', 'en'], { encoding: 'utf8' });
        expect(written.status).toBe(1);
        expect(written.stderr).toContain('not imported: skatt: Decision Skatt is a FEEL expression (pris * 0.3) Regelrätt cannot write as a calculation');
        expect(readFileSync(path.join(scratch, 'ut', 'inköp.regel'), 'utf8')).toBe(printed.stdout);
        const clean = spawnSync(process.execPath, [bin, 'dmn', 'import', path.join(repository, 'examples/habo/hemtjänst.dmn')], { encoding: 'utf8' });
        expect(clean.status, clean.stderr).toBe(0);
        expect(clean.stdout).toContain('beslutstabell omvårdnad "Personlig omvårdnad" {');
        writeFileSync(path.join(scratch, 'inte.dmn'), '<html><body>nej</body></html>');
        const refused = spawnSync(process.execPath, [bin, 'dmn', 'import', path.join(scratch, 'inte.dmn')], { encoding: 'utf8' });
        expect(refused.status).toBe(2);
        expect(refused.stderr).toContain('Filen är ingen DMN-fil som kan läsas');
        // An attribute named after the money type's keyword is written as it is, and its line named.
        writeFileSync(path.join(scratch, 'belopp.dmn'), foreign.replace(/<text>pris<\/text>/g, '<text>belopp</text>'));
        const keyword = spawnSync(process.execPath, [bin, 'dmn', 'import', path.join(scratch, 'belopp.dmn')], { encoding: 'utf8' });
        expect(keyword.status).toBe(1);
        expect(keyword.stderr).toMatch(/belopp\.dmn: den skrivna texten går inte att läsa på rad 2: /);
        const usage = spawnSync(process.execPath, [bin, 'dmn', 'export', file], { encoding: 'utf8' });
        expect(usage.status).toBe(2);
        expect(usage.stderr).toContain("regelratt dmn import <fil.dmn>");
    });
});

/**
 * What the import reads since issue 27's second part: PRIORITY with its output values, chained
 * decisions (an input naming a required decision is `| tabell.kolumn |`) and disjunctions
 * (`< 18, >= 60` is `< 18 eller >= 60`). Exported, imported and exported again, the DMN is the same
 * bytes, and the imported policy answers every region's example citizen as the original.
 */
describe('dmn import: priority, chained decisions and disjunctions', () => {
    const CHAINED_PRIORITY = `
egenskap besök_per_vecka "Omvårdnadsbesök per vecka" : heltal 0–200 besök
egenskap ålder "Ålder" : heltal 0–120 år
egenskap larm "Har trygghetslarm" : ja/nej
beslutstabell nivåbedömning "Nivå efter besök" {
    | besök_per_vecka || nivå | akut |
    | 0               || 0    | nej  |
    | 1–6             || 1    | nej  |
    | 7–20            || 2    | nej  |
    | >= 21           || 3    | ja   |
}
beslutstabell omvårdnadsavgift "Avgift efter nivå" {
    | nivåbedömning.nivå || avgift |
    | 0                  || 0      |
    | 1                  || 705    |
    | 2                  || 1409   |
    | 3                  || 2013   |
}
beslutstabell risk "Risk" {
    träff prioritet
    | ålder            | nivåbedömning.akut | larm || risk ("hög", "medel", "låg") |
    | < 18 eller >= 80 | -                  | -    || "medel" |
    | -                | ja                 | -    || "hög"   |
    | -                | -                  | nej  || "medel" |
    | -                | -                  | -    || "låg"   |
}
beslutstabell rabatt "Rabatt efter avgift" {
    träff första
    | omvårdnadsavgift.avgift || rabatt |
    | >= 1000                 || 100    |
    | -                       || 0      |
}
`;

    test('export → import → export gives the same DMN, and the imported policy answers as the original', async () => {
        const original = await compiled(CHAINED_PRIORITY, 'policy.regel');
        expect(original.errors).toEqual([]);
        const first = exportDmn(original.files[0], dmnAttributes(original.files))!;
        const imported = await importDmn(first.xml, keywords);
        expect(imported.notes).toEqual([]);
        expect(imported.tables).toBe(4);
        expect(imported.text).toContain('| nivåbedömning.nivå || avgift |');
        expect(imported.text).toContain('| ålder            | nivåbedömning.akut | larm || risk ("hög", "medel", "låg") |');
        expect(imported.text).toContain('| < 18 eller >= 80 |');
        expect(imported.text).toContain('| omvårdnadsavgift.avgift || rabatt |');
        const again = await compiled(imported.text, 'policy.regel');
        expect(again.errors, imported.text).toEqual([]);
        const second = exportDmn(again.files[0], dmnAttributes(again.files))!;
        expect(second.xml).toBe(first.xml);
        const { tables, agreed } = await roundTrip(original.files, original.files[0]);
        console.log(`DMN round trip of chained and priority tables: ${tables} tables, ${agreed} region citizens agreed`);
        expect(tables).toBe(4);
        expect(agreed).toBeGreaterThanOrEqual(4);
        // The coverage analysis gives regions for the tables reading attributes; the chained ones are asked on a grid as well.
        const before = new PolicyRuntime(original.files);
        const after = new PolicyRuntime(again.files);
        let asked = 0;
        for (const besök of [0, 1, 6, 7, 20, 21, 200]) {
            for (const ålder of [0, 17, 18, 79, 80, 120]) {
                for (const larm of ['ja', 'nej']) {
                    const citizen = { besök_per_vecka: String(besök), ålder: String(ålder), larm };
                    for (const table of ['nivåbedömning', 'omvårdnadsavgift', 'risk', 'rabatt']) {
                        const ask = (runtime: PolicyRuntime) => fromRuntime(() => runtime.decide(table, { date: '2025-01-01', citizen }).outputs);
                        expect(ask(after), `${table} ${JSON.stringify(citizen)}`).toEqual(ask(before));
                        asked++;
                    }
                }
            }
        }
        expect(asked).toBe(336);
    });

    test('cells compared with another input come back as cells naming that attribute, and answer as the original on the whole grid', async () => {
        const original = await compiled(COMPARED_ATTRIBUTES, 'policy.regel');
        expect(original.errors).toEqual([]);
        const first = exportDmn(original.files[0], dmnAttributes(original.files))!;
        const imported = await importDmn(first.xml, keywords);
        expect(imported.notes).toEqual([]);
        expect(imported.tables).toBe(2);
        expect(imported.text).toContain('| < gräns');
        expect(imported.text).toContain('| gräns ');
        expect(imported.text).toContain('| >= gräns');
        expect(imported.text).toContain('| ≠ tak');
        const again = await compiled(imported.text, 'policy.regel');
        expect(again.errors, imported.text).toEqual([]);
        expect(exportDmn(again.files[0], dmnAttributes(again.files))!.xml).toBe(first.xml);
        // Every citizen of the domains (9 × 9 × 9), both tables: the imported policy answers as the original.
        const before = new PolicyRuntime(original.files);
        const after = new PolicyRuntime(again.files);
        let asked = 0;
        for (let antal = 0; antal <= 8; antal++) {
            for (let gräns = 0; gräns <= 8; gräns++) {
                for (let tak = 0; tak <= 8; tak++) {
                    const citizen = { antal: String(antal), gräns: String(gräns), tak: String(tak) };
                    for (const table of ['jämförelse', 'spann']) {
                        const ask = (runtime: PolicyRuntime) => fromRuntime(() => runtime.decide(table, { date: '2025-01-01', citizen }).outputs);
                        expect(ask(after), `${table} ${JSON.stringify(citizen)}`).toEqual(ask(before));
                        asked++;
                    }
                }
            }
        }
        console.log(`DMN round trip of cells compared with another input: 2 tables, ${asked} answers agreed`);
        expect(asked).toBe(1458);
    });

    test('a table reading a calculation comes back as `| beräkning … |`; one reading a decision that is left out is named by its id and left out', async () => {
        const original = await compiled(`${CHAINED_PRIORITY}
beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × 0,5
beslutstabell tidsklass "Tidsklass" {
    | beräkning vårdtid || klass |
    | < 3               || 1     |
    | >= 3              || 2     |
}
beslutstabell efter_klass "Efter tidsklass" {
    | tidsklass.klass || avgift |
    | 1               || 100    |
    | 2               || 200    |
}`, 'policy.regel');
        expect(original.errors).toEqual([]);
        const exported = exportDmn(original.files[0], dmnPolicy(original.files))!;
        const imported = await importDmn(exported.xml, keywords);
        expect(imported.notes).toEqual([]);
        expect(imported.tables).toBe(6);
        expect(imported.calculations).toBe(1);
        expect(imported.text).toContain('| beräkning vårdtid || klass |');
        expect(imported.text).toContain('beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × 0,5');
        // A calculation FEEL the language cannot say (a text) is named, and so in turn each table reading it.
        const text = exported.xml.replace('<text>(besök_per_vecka * 0.5)</text>', '<text>if besök_per_vecka &gt; 3 then "lång" else "kort"</text>');
        const refused = await importDmn(text, keywords);
        expect(refused.notes.map(n => [n.element, n.sv])).toEqual([
            ['decision_calculation_vardtid', 'decision_calculation_vardtid: Beslutet vårdtid är ett FEEL-uttryck (if besök_per_vecka > 3 then "lång" else "kort") som Regelrätt inte kan skriva som beräkning (bara tal och formler med + − × /, min, max, avrundning och om … så … annars över indata); det är inte med.'],
            ['decision_decisionTable_tidsklass_table', 'decision_decisionTable_tidsklass_table: Beslutstabellen tidsklass läser beslutet vårdtid, som inte importeras; den är inte med.'],
            ['decision_decisionTable_efter_klass_table', 'decision_decisionTable_efter_klass_table: Beslutstabellen efter_klass läser beslutet tidsklass, som inte importeras; den är inte med.'],
        ]);
        expect(refused.notes[0].en).toContain('Decision vårdtid is a FEEL expression (if besök_per_vecka > 3 then "lång" else "kort") Regelrätt cannot write as a calculation');
        expect(refused.tables).toBe(4);
        const again = await compiled(refused.text, 'importerad.regel');
        expect(again.errors, refused.text).toEqual([]);
    });
});

/**
 * Formula outputs come back as `= …` where the FEEL is in the fragment the export writes (numbers,
 * numeric input data, + − × /, min, max, FEEL's rounding functions to kronor or öre); anything else
 * is named with its id. Jönköping's chained fee (examples/jonkoping) goes round: the same DMN again.
 */
describe('dmn import: formula outputs', () => {
    test('examples/jonkoping/hjalp-i-hemmet.dmn: export → import → export gives the same DMN', async () => {
        const files = await compiledExampleSet('jonkoping');
        const file = files.find(f => f.source === 'hjalp-i-hemmet.regel')!;
        const first = exportDmn(file, dmnPolicy(files))!;
        const imported = await importDmn(first.xml, keywords);
        expect(imported.notes).toEqual([]);
        expect(imported.text).toContain('= min((303 kr + (avgiftsutrymme × 0,25)), 1824 kr, 2089 kr) avrundat till hela kronor |');
        const again = await compiled(imported.text, 'hjalp-i-hemmet.regel');
        expect(again.errors, imported.text).toEqual([]);
        // An amount (belopp) is written with the allowed values `>= 0` (0 kr or more, no upper bound),
        // which the import reads as an amount again; a whole number (`heltal`) as a whole number.
        expect(first.xml).toContain('<text>&gt;= 0</text>');
        expect(first.xml).toContain('<text>? &gt;= 0 and ? &lt;= 744 and floor(?) = ?</text>');
        // The independent FEEL interpreter reads the allowed values as the domains: whole numbers 0–744, and 0 kr or more.
        const allows = (test: string, value: number) => {
            const result = unaryTest(test, { '?': value }) as unknown;
            return (result !== null && typeof result === 'object' && 'value' in result ? (result as { value: unknown }).value : result) === true;
        };
        expect([0, 5, 744, 5.5, -1, 745].map(value => allows('? >= 0 and ? <= 744 and floor(?) = ?', value))).toEqual([true, true, true, false, false, false]);
        expect([0, 1e9, -0.5].map(value => allows('>= 0', value))).toEqual([true, true, false]);
        expect(imported.text).toContain('egenskap avgiftsutrymme : belopp');
        expect(imported.text).toContain('egenskap timmar_per_månad : heltal 0–744');
        expect(exportDmn(again.files[0], dmnPolicy(again.files))!.xml).toBe(first.xml);
    });

    test('every rounding mode comes back, and a FEEL expression outside the fragment is named by its id', async () => {
        const outputs = ['round half up(x, 2)', 'decimal(x, 0)', 'round down((x * 0.3), 0)', 'round up(x, 2)', 'floor((x / 3) + 0.5, 0)',
            'if x > 1 and not(x = 5) then x else 0', '(round up(((x * 1.1)) * 4, 0) / 4)', '(floor(((x)) * 4 + 0.5, 0) / 4)', 'if x > okänd then x else 0', 'x * okänd'];
        const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="d" name="f" namespace="urn:test">
  <inputData id="in_x" name="x"><variable id="vx" name="x" typeRef="number"/></inputData>
${outputs.map((output, i) => `  <decision id="d${i}" name="t${i}"><decisionTable id="t${i}">
    <input id="i${i}"><inputExpression id="e${i}" typeRef="number"><text>x</text></inputExpression><inputValues id="v${i}"><text>[0..100]</text></inputValues></input>
    <output id="o${i}" name="y" typeRef="number"/>
    <rule id="r${i}"><inputEntry id="r${i}i"><text>-</text></inputEntry><outputEntry id="r${i}o"><text>${output.replace(/>/g, '&gt;')}</text></outputEntry></rule>
  </decisionTable></decision>`).join('\n')}
</definitions>`;
        const imported = await importDmn(xml, keywords);
        expect(imported.text).toContain('| - || = x avrundat till öre |');
        expect(imported.text).toContain('= x avrundat till hela kronor, halva till jämnt |');
        expect(imported.text).toContain('= (x × 0,3) avrundat till hela kronor, nedåt |');
        expect(imported.text).toContain('= x avrundat till öre, uppåt |');
        expect(imported.text).toContain('= (x / 3) avrundat till hela kronor, halva uppåt |');
        // `if … then … else` is `om … så … annars`; a quarter hour (the export's four steps of one) a time's rounding, the value said to be hours.
        expect(imported.text).toContain('| - || = om x > 1 och inte (x = 5) så x annars 0 |');
        expect(imported.text).toContain('| - || = (x × 1,1) × 1 timme avrundat till kvartstimmar, uppåt |');
        expect(imported.text).toContain('| - || = x × 1 timme avrundat till kvartstimmar, halva uppåt');
        // A condition comparing with a name that is no input data, and a name that is none, are named.
        expect(imported.notes.map(n => n.element)).toEqual(['r8o', 'r9o']);
        expect(imported.notes[0].sv).toContain('Utdata if x > okänd then x else 0 i t8, regel 1, är ett FEEL-uttryck som Regelrätt inte kan skriva');
        const again = await compiled(imported.text, 'f.regel');
        expect(again.errors, imported.text).toEqual([]);
    });
});

/**
 * What the export writes for a table reading a calculation (the calculation a literal-expression
 * decision), for `om … så … annars` (`if … then … else`) and for rounding to quarter hours comes
 * back as the same constructs, and the imported policy answers as the original: every region's
 * example citizen, and a grid of citizens for each table and calculation.
 */
describe('dmn import: calculations, conditions and quarter hours', () => {
    const SHAPES = `
egenskap besök_per_vecka "Omvårdnadsbesök per vecka" : heltal 0–200 besök
egenskap ålder "Ålder" : heltal 0–120 år
egenskap sammanboende "Sammanboende" : ja/nej
egenskap boende "Boendeform" : en av { ordinärt, särskilt, korttid }
egenskap hjälptimmar "Hjälptimmar per vecka" : decimaltal 0–80 timmar
beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × 0,5
beräkning beviljad_tid "Beviljad tid" = hjälptimmar × 1,1 avrundat till kvartstimmar, uppåt
beslutstabell tidsklass "Tidsklass" {
    | beräkning vårdtid || klass |
    | < 3               || 1     |
    | >= 3              || 2     |
}
beslutstabell tidsavgift "Avgift efter beviljad tid" {
    | beräkning beviljad_tid || avgift                |
    | <= 10                  || = beviljad_tid × 100 kr/h |
    | > 10                   || = beviljad_tid × 90 kr/h  |
}
beslutstabell grundavgift "Grundavgift" {
    | boende   || avgift |
    | ordinärt || = om ålder < 65 och inte sammanboende så 300 annars om boende i { särskilt, korttid } så 200 annars 100 |
    | särskilt || = (om sammanboende så 400 annars 500) + besök_per_vecka × 10 |
    | korttid  || = hjälptimmar × 1,5 avrundat till kvartstimmar, halva uppåt |
}
`;

    test('regel → DMN → regel: the same constructs, and the same answers for region citizens and a grid', async () => {
        const original = await compiled(SHAPES, 'policy.regel');
        expect(original.errors).toEqual([]);
        const exported = exportDmn(original.files[0], dmnPolicy(original.files))!;
        expect(exported.notes).toEqual([]);
        const imported = await importDmn(exported.xml, keywords);
        expect(imported.notes).toEqual([]);
        expect(imported.tables).toBe(3);
        expect(imported.calculations).toBe(2);
        expect(imported.text).toContain('| beräkning vårdtid || klass |');
        expect(imported.text).toContain('beräkning vårdtid "Vårdtid per vecka" = besök_per_vecka × 0,5');
        expect(imported.text).toContain('beräkning beviljad_tid "Beviljad tid" = (hjälptimmar × 1,1) × 1 timme avrundat till kvartstimmar, uppåt');
        expect(imported.text).toContain('= om ålder < 65 och inte sammanboende så 300 annars (om boende = särskilt eller boende = korttid så 200 annars 100)');
        expect(imported.text).toContain('= (om sammanboende så 400 annars 500) + (besök_per_vecka × 10)');
        expect(imported.text).toContain('= (hjälptimmar × 1,5) × 1 timme avrundat till kvartstimmar, halva uppåt');
        const again = await compiled(imported.text, 'policy.regel');
        expect(again.errors, imported.text).toEqual([]);
        const { tables, agreed } = await roundTrip(original.files, original.files[0], { ålder: '70', sammanboende: 'nej', besök_per_vecka: '3', hjälptimmar: '2.5' });
        console.log(`DMN round trip of calculations, conditions and quarter hours: ${tables} tables, ${agreed} region citizens agreed`);
        expect(tables).toBe(3);
        expect(agreed).toBeGreaterThanOrEqual(3);
        const before = new PolicyRuntime(original.files);
        const after = new PolicyRuntime(again.files);
        let asked = 0;
        // The halves and the bounds where the answers part: 9,09… hours × 1,1 is just over 10 once rounded up.
        for (const besök of [0, 5, 6, 7, 200]) {
            for (const ålder of [0, 64, 65, 120]) {
                for (const sammanboende of ['ja', 'nej']) {
                    for (const boende of ['ordinärt', 'särskilt', 'korttid']) {
                        for (const hjälptimmar of ['0', '0.1', '2.25', '9.09', '9.1', '80']) {
                            const citizen = { besök_per_vecka: String(besök), ålder: String(ålder), sammanboende, boende, hjälptimmar };
                            for (const table of ['tidsklass', 'tidsavgift', 'grundavgift']) {
                                const ask = (runtime: PolicyRuntime) => fromRuntime(() => runtime.decide(table, { date: '2025-01-01', citizen }).outputs);
                                expect(ask(after), `${table} ${JSON.stringify(citizen)}`).toEqual(ask(before));
                                asked++;
                            }
                            // A calculation's amount: the number (DMN has no units, so besök come back plain; the runtime's amount is the number alone).
                            for (const calculation of ['vårdtid', 'beviljad_tid']) {
                                const ask = (runtime: PolicyRuntime) => fromRuntime(() => runtime.calculate(calculation, { date: '2025-01-01', citizen }, { explain: false }).amount);
                                expect(ask(after), `${calculation} ${JSON.stringify(citizen)}`).toEqual(ask(before));
                                asked++;
                            }
                        }
                    }
                }
            }
        }
        console.log(`DMN round trip of calculations, conditions and quarter hours: ${asked} grid answers agreed`);
        expect(asked).toBe(3600);
    });
});

/**
 * An input is a whole number (`heltal`) only where the DMN says so: a Java integer type some engines
 * write (`integer`, `long`), allowed values that admit whole numbers only (the export's
 * `? >= 0 and ? <= 120 and floor(?) = ?`, or a list of whole numbers); otherwise a number is a decimal,
 * whatever its bounds; allowed values `>= 0` with no upper bound are an amount (`belopp`).
 */
describe('dmn import: the type of a number', () => {
    // Ids are ASCII (dmn-moddle reads no other letters in an id), so each column's is its position.
    let columns = 0;
    const column = (name: string, typeRef: string, values?: string) => {
        const n = ++columns;
        return `
  <decision id="d${n}" name="t${n}"><decisionTable id="t${n}">
    <input id="i${n}"><inputExpression id="e${n}" typeRef="${typeRef}"><text>${name}</text></inputExpression>${values ? `<inputValues id="v${n}"><text>${values}</text></inputValues>` : ''}</input>
    <output id="o${n}" name="y" typeRef="number"/>
    <rule id="r${n}"><inputEntry id="r${n}i"><text>&lt; 5</text></inputEntry><outputEntry id="r${n}o"><text>1</text></outputEntry></rule>
  </decisionTable></decision>`;
    };
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="d" name="typer" namespace="urn:test">
  <inputData id="in_x"><variable id="vx" name="x" typeRef="number"/></inputData>
${column('vikt', 'number', '[0..80]')}
${column('antal', 'integer')}
${column('ålder', 'number', '? &gt;= 0 and ? &lt;= 120 and floor(?) = ?')}
${column('nivåsteg', 'number', '1, 2, 3')}
${column('inkomst', 'number', '&gt;= 0')}
${column('poäng', 'number')}
  <decision id="d_f" name="t_f"><decisionTable id="t_f">
    <input id="i_f"><inputExpression id="e_f" typeRef="number"><text>vikt</text></inputExpression></input>
    <output id="o_f" name="y" typeRef="number"/>
    <rule id="r_f"><inputEntry id="r_fi"><text>-</text></inputEntry><outputEntry id="r_fo"><text>x * 2</text></outputEntry></rule>
  </decisionTable></decision>
</definitions>`;

    test('heltal where the DMN says so, decimaltal otherwise, belopp for a number of at least 0 without bound', async () => {
        const imported = await importDmn(xml, keywords);
        expect(imported.notes).toEqual([]);
        // An input data only a formula reads (x) has no allowed values here: a decimal over the constants' span.
        const declared = imported.text.split('\n').filter(line => line.startsWith('egenskap '));
        expect(declared).toEqual([
            'egenskap vikt : decimaltal 0–80', 'egenskap antal : heltal -995–1005', 'egenskap ålder : heltal 0–120', 'egenskap nivåsteg : heltal 1–3',
            'egenskap inkomst : belopp', 'egenskap poäng : decimaltal -995–1005', 'egenskap x : decimaltal 0–1000',
        ]);
        const again = await compiled(imported.text, 'typer.regel');
        expect(again.errors.filter(e => !e.startsWith('decision-gap')), imported.text).toEqual([]);
    });
});

/**
 * DMN written by other tools (test/fixtures/dmn-import/README.md names the examples each follows):
 * what the language can say is written and checks; each element it cannot is named by its id, in
 * Swedish and English; a DMN 1.1 file (Camunda 7's older examples) is read as the later versions are.
 */
describe('dmn import: DMN written by other tools', () => {
    const fixture = (name: string) => readFileSync(path.join(repository, 'test/fixtures/dmn-import', name), 'utf8');

    test('Camunda Modeler (DMN 1.3): the table with Java types comes back; a literal expression answering a text is named', async () => {
        const imported = await importDmn(fixture('camunda-modeler.dmn'), keywords);
        expect(imported.tables).toBe(1);
        // `integer` says a whole number, `double` a decimal; the output values of a UNIQUE table are the column's list.
        expect(imported.text).toContain('egenskap portioner : heltal -995–1005\n');
        expect(imported.text).toContain('egenskap avstand : decimaltal -970–1031\n');
        expect(imported.text).toContain('| { landsbygd, skärgård } | >= 5      | <= 30,5 || "bud"                | 25     |');
        // A rule's annotation (its description) is a comment above its row, not dropped.
        expect(imported.text).toContain('    // Glesbygd med lång resväg\n    | { landsbygd, skärgård } | >= 5      | > 30,5  || "post"');
        expect(imported.notes.map(n => n.element)).toEqual(['meddelande']);
        expect(imported.notes[0].sv).toBe('meddelande: Beslutet meddelande är ett FEEL-uttryck (if portioner > 10 then "Kontakta handläggaren" else "Ingen åtgärd") som Regelrätt inte kan skriva som beräkning (bara tal och formler med + − × /, min, max, avrundning och om … så … annars över indata); det är inte med.');
        expect(imported.notes[0].en).toContain('meddelande: Decision meddelande is a FEEL expression');
        const again = await compiled(imported.text, 'matlåda.regel');
        expect(again.errors, imported.text).toEqual([]);
    });

    test('Kogito (DMN 1.2): a table reading fields of a structured input data is named; a literal expression over a yes/no input is a calculation', async () => {
        const imported = await importDmn(fixture('kogito.dmn'), keywords);
        expect(imported.tables).toBe(0);
        expect(imported.calculations).toBe(1);
        expect(imported.text).toContain('egenskap Ledsagare : ja/nej\n');
        expect(imported.text).toContain('beräkning Ledsagaravgift = om Ledsagare så 0 annars 20\n');
        expect(imported.notes.map(n => n.element)).toEqual(['_1A2B3C4D-0000-4000-8000-000000000014']);
        expect(imported.notes[0].sv).toContain('Indatakolumnen Resa.Typ i Egenavgift läser fältet Typ i indata Resa, som har en sammansatt typ (tResa)');
        expect(imported.notes[0].en).toContain('Input column Resa.Typ of Egenavgift reads field Typ of input data Resa, which has a structured type (tResa)');
        const again = await compiled(imported.text, 'färdtjänst.regel');
        expect(again.errors, imported.text).toEqual([]);
    });

    test('a decision whose logic is a context is named: only tables and literal expressions of a number are read', async () => {
        const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="urn:t"><decision id="kontext" name="Kontext"><context id="c1"/></decision></definitions>';
        const imported = await importDmn(xml, keywords);
        expect(imported.notes.map(n => n.sv)).toEqual(['kontext: Beslutet Kontext är varken en beslutstabell eller ett litteralt uttryck (Context) och är inte med: Regelrätt läser beslutstabeller och litterala uttryck som ger ett tal ur DMN.']);
        expect(imported.notes[0].en).toBe('kontext: Decision Kontext is neither a decision table nor a literal expression (Context) and is left out: Regelrätt reads decision tables and literal expressions giving a number from DMN.');
    });

    test('Camunda 7 (DMN 1.1): the older namespace and its qualified types (feel:string) are read, and the label\'s kr/mån is kept on the amounts', async () => {
        const imported = await importDmn(fixture('camunda-dmn11.dmn'), keywords);
        expect(imported.notes).toEqual([]);
        expect(imported.tables).toBe(1);
        expect(imported.text).toContain('egenskap boende : en av { ordinart, sarskilt }\n');
        expect(imported.text).toContain('| < 65  | -          || 0 kr/mån    |');
        expect(imported.text).toContain('| >= 65 | ≠ ordinart || 1409 kr/mån |');
        const again = await compiled(imported.text, 'omsorgsavgift.regel');
        expect(again.errors, imported.text).toEqual([]);
    });

    test('a file without a DMN 1.1–1.5 namespace is refused with a Swedish reason', async () => {
        const other = '<?xml version="1.0" encoding="UTF-8"?>\n<definitions xmlns="http://example.org/not-dmn" id="d" name="d" namespace="urn:t"/>';
        await expect(importDmn(other, keywords)).rejects.toThrow(DmnReadError);
        await expect(importDmn(other, keywords)).rejects.toHaveProperty('sv', expect.stringContaining('saknar namnrymden för DMN 1.1–1.5'));
    });

    test('an output column\'s unit as its label or type states it: kr with the period kept, kr without one named in a note', async () => {
        const table = (label: string, typeRef = 'number') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="urn:t">
  <itemDefinition id="it" name="tBeloppPerAr"><typeRef>number</typeRef></itemDefinition>
  <decision id="d1" name="avgiftstabell"><decisionTable id="t1">
    <input id="i1"><inputExpression id="e1" typeRef="number"><text>poang</text></inputExpression><inputValues id="v1"><text>[0..10]</text></inputValues></input>
    <output id="o1" name="avgift" label="${label}" typeRef="${typeRef}"/>
    <rule id="r1"><inputEntry id="r1i"><text>&lt; 5</text></inputEntry><outputEntry id="r1o"><text>100</text></outputEntry></rule>
    <rule id="r2"><inputEntry id="r2i"><text>&gt;= 5</text></inputEntry><outputEntry id="r2o"><text>250.5</text></outputEntry></rule>
  </decisionTable></decision>
</definitions>`;
        const cells = (imported: DmnImport) => imported.text.split('\n').filter(line => line.includes('||')).slice(1).map(line => line.split('||')[1].replace(/\|/g, '').trim());
        expect(cells(await importDmn(table('Avgift (kr/mån)'), keywords))).toEqual(['100 kr/mån', '250,5 kr/mån']);
        expect(cells(await importDmn(table('Avgift, SEK per månad'), keywords))).toEqual(['100 kr/mån', '250,5 kr/mån']);
        expect(cells(await importDmn(table('Avgift', 'tBeloppPerAr'), keywords))).toEqual(['100', '250,5']);
        const yearly = await importDmn(table('Årsavgift i kronor per år'), keywords);
        expect(cells(yearly)).toEqual(['100 kr/år', '250,5 kr/år']);
        expect(yearly.notes).toEqual([]);
        const again = await compiled(yearly.text, 'avgift.regel');
        expect(again.errors, yearly.text).toEqual([]);
        // Kronor without a period: written in kr, and said, rather than a period guessed.
        const bare = await importDmn(table('Avgift (kronor)'), keywords);
        expect(cells(bare)).toEqual(['100 kr', '250,5 kr']);
        expect(bare.notes.map(n => [n.element, n.sv])).toEqual([['o1', 'o1: Utdatakolumnen avgift i avgiftstabell anger kronor men inte per vilken period; beloppen är skrivna i kr (skriv till exempel kr/mån om de gäller per månad).']]);
        // A column saying nothing of kronor keeps plain numbers, as the file gives them.
        expect(cells(await importDmn(table('Poäng'), keywords))).toEqual(['100', '250,5']);
    });

    test('an input column that states kronor is an amount (belopp), per the period it states; without one a note says so', async () => {
        const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="urn:t">
  <decision id="d1" name="reduktion"><decisionTable id="t1">
    <input id="i1" label="Inkomst (SEK per månad)"><inputExpression id="e1" typeRef="double"><text>inkomst</text></inputExpression><inputValues id="v1"><text>[0..100000]</text></inputValues></input>
    <input id="i2" label="Förmögenhet i kronor"><inputExpression id="e2" typeRef="number"><text>formogenhet</text></inputExpression></input>
    <output id="o1" name="andel" typeRef="number"/>
    <rule id="r1"><inputEntry id="r1a"><text>&lt; 5000</text></inputEntry><inputEntry id="r1b"><text>-</text></inputEntry><outputEntry id="r1o"><text>0</text></outputEntry></rule>
    <rule id="r2"><inputEntry id="r2a"><text>&gt;= 5000</text></inputEntry><inputEntry id="r2b"><text>-</text></inputEntry><outputEntry id="r2o"><text>1</text></outputEntry></rule>
  </decisionTable></decision>
</definitions>`;
        const imported = await importDmn(xml, keywords);
        expect(imported.text).toContain('egenskap inkomst : belopp per månad\n');
        expect(imported.text).toContain('egenskap formogenhet : belopp\n');
        expect(imported.notes.map(n => n.element)).toEqual(['i2']);
        expect(imported.notes[0].sv).toContain('anger kronor men inte per vilken period');
        const again = await compiled(imported.text, 'reduktion.regel');
        expect(again.errors, imported.text).toEqual([]);
    });
});
