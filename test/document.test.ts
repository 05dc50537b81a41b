import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { buildDocument, renderHtml, typeset } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices, elementProse, pathwayRegions } from '@regelratt/language';

/**
 * `regelratt dokument` and the document model it shares with the studio: every example set renders
 * to a self-contained HTML document with its tables, förlopp, examples and findings, and to a PDF.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-document-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const sets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true }).filter(e => e.isDirectory() && e.name !== 'broken').map(e => e.name).sort();

async function documentOf(set: string) {
    const folder = path.join(repository, 'examples', set);
    const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
    // From disk: a set may import the national library (`använd nationellt`).
    const { Regelratt } = createRegelrattServices(NodeFileSystem);
    const checked = await checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
    const prose = new Map(checked.flatMap(c => [...elementProse(c.document.parseResult.value, c.document.textDocument.getText())]));
    const compiled = checked.map(c => compilePolicy(c.document.parseResult.value, path.basename(c.path)));
    const findings = checked.flatMap(c => c.diagnostics.map(d => ({ ...d, file: path.basename(c.path) })));
    const model = buildDocument({ files: compiled, prose, findings, regions: pathwayRegions(compiled, 'sv'), locale: 'sv' });
    return { model, html: renderHtml(model), compiled };
}

describe('the document', () => {
    test.each(sets)('examples/%s renders whole: every table, förlopp and example, nothing undefined, nothing fetched', async set => {
        const { model, html, compiled } = await documentOf(set);
        expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
        expect(html).not.toMatch(/undefined|NaN|\[object /);
        // Self-contained: no script, no stylesheet or image from elsewhere.
        expect(html).not.toMatch(/<script|<link |src="|href="http/);
        const elements = compiled.flatMap(file => file.elements);
        for (const element of elements.filter(e => ['levelTable', 'pathwayModel', 'decisionTable', 'fee', 'pilot'].includes(e.kind))) {
            expect(html, element.id).toContain(`id="${element.id.replace(/[^\p{L}\p{N}_-]+/gu, '-')}"`);
        }
        for (const example of elements.filter(e => e.kind === 'example')) {
            // An example without a title by its name as words (the document shows no identifiers), typeset.
            expect(html, example.id).toContain(typeset(example.title ?? example.name.replace(/_/g, ' ')).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
        }
        // Every worked example is answered by the runtime, and holds.
        expect(html).not.toContain('stämmer inte');
        expect(model.sections.every(section => section.blocks.length > 0 || section.children.length > 0)).toBe(true);
    });

    test('Örebro: the riktlinje on the title page, obligations by force, criteria in words, a chart, the findings', async () => {
        const { model, html } = await documentOf('orebro');
        expect(model.title).toBe('Rehabiliterande arbetssätt – gemensamma komponenter');
        expect(model.facts).toContainEqual(['Diarienummer', 'Sov 858/2019']);
        expect(model.facts).toContainEqual(['Beslutad av', 'Socialnämnden, 2021-11-22']);
        expect(html).toContain('<nav class="toc">');
        expect(html).toMatch(/<p class="note">Ska<\/p>\s*<ul><li>Medborgarens mål kartläggs/);
        // A criterion as a clause, values by their titles; the pilot's conditions as clauses from the yes/no attributes' titles.
        expect(html).toContain('aktivitetsförmåga är redan hög; förväntas bli självständig');
        expect(html).toMatch(/<li>ålder är över 65\u00a0år<\/li>\s*<li>kan inte ta sig till vårdcentralen<\/li>\s*<li>kognitiv svikt: nej<\/li>\s*<li>är motiverad till träning<\/li>/);
        expect(html).toContain('<td class="number">2\u00a0037\u00a0kr</td>');
        expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
        // A writer's comment above the table becomes its prose.
        expect(html).toContain('En premie betalas till utföraren när medborgarens stöd kan minskas.');
        expect(html).toContain('Belopp är inte angivet för nivå 1–3, 6, 9 och 15–22. [open-amount]');
        expect(html).toContain('337,50\u00a0kr/timme');
        // Where the förlopp model places citizens, drawn: one band per region, the answer in it.
        expect(html).toContain('<figcaption>Vilket förlopp medborgarna hamnar i</figcaption>');
        expect(html).toMatch(/<text[^>]*>Aktivitetsförmåga = Kan utveckla förmågan och minska behovet av stöd<\/text><rect[^>]*\/><text[^>]*>Förlopp 2<\/text>/);
    });

    test('duties in time: a timeline per event, ordered by time from it, in the guideline\'s own words', async () => {
        const text = [
            'insats boendestöd "Boendestöd"',
            'riktlinje handläggning "Handläggning av boendestöd" {',
            '    krav följa_upp ska "Beslutet följs upp tillsammans med den enskilde." åtgärd följa_upp avser boendestöd uppföljning var 6:e månad',
            '    krav tidsbegränsa ska "Beslut om boendestöd tidsbegränsas." avser boendestöd beslut gäller högst 12 månader',
            '    krav första_uppföljning ska "En första uppföljning görs." åtgärd följa_upp_första avser boendestöd inom 3 månader från beslut',
            '    krav besluta ska "Ansökan utreds och beslutas." åtgärd besluta avser boendestöd inom 6 veckor från ansökan',
            '    krav kontakt bör "Den enskilde kontaktas." åtgärd kontakta avser boendestöd inom 1 vecka från ansökan',
            '    krav planera ska "En genomförandeplan upprättas." åtgärd planera avser boendestöd senast 1 månad efter verkställighet',
            '}',
        ].join('\n');
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/d/a.regel', text }]);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const model = buildDocument({ files: [compilePolicy(checked.document.parseResult.value, 'a.regel')], locale: 'sv' });
        const blocks = model.sections.find(s => s.id === 'riktlinjer')!.children[0].blocks;
        const timeline = blocks.find(b => b.type === 'table' && b.caption === 'Tidslinje: krav räknat från händelser i ärendet');
        expect(timeline).toMatchObject({
            header: ['Räknat från', 'När', 'Krav'],
            rows: [
                ['Ansökan', 'inom 1 vecka', 'Bör: Den enskilde kontaktas.'],
                ['Ansökan', 'inom 6 veckor', 'Ska: Ansökan utreds och beslutas.'],
                ['Beslut', 'inom 3 månader', 'Ska: En första uppföljning görs.'],
                ['Beslut', 'var 6:e månad', 'Uppföljning. Ska: Beslutet följs upp tillsammans med den enskilde.'],
                ['Beslut', 'högst 12 månader', 'Beslutet upphör. Ska: Beslut om boendestöd tidsbegränsas.'],
                ['Verkställighet', 'inom 1 månad', 'Ska: En genomförandeplan upprättas.'],
            ],
        });
        // Titles and the guideline's sentences, never the identifiers.
        expect(JSON.stringify(timeline)).not.toMatch(/följa_upp|första_uppföljning|tidsbegränsa\b|besluta\b/);
    });

    test('chapters of the policy\'s own: in the order and with the titles written, obligations in the chapter they name, the rest by kind', async () => {
        const text = [
            'nämnd vård_och_omsorgsnämnden "Vård- och omsorgsnämnden"',
            'riktlinje bistånd "Riktlinjer för biståndsbedömning" {',
            '    kapitel handläggning',
            '    krav besluta ska "Ansökan utreds och beslutas." åtgärd besluta avser hemtjänst inom 6 veckor från ansökan',
            '    kapitel hemtjänsten',
            '    krav hemma bör "Insatserna ges i den enskildes hem." avser hemtjänst',
            '}',
            'kapitel handläggning "Ansökan och utredning" beskrivning "Hur en ansökan tas emot och utreds."',
            'kapitel hemtjänsten "Hemtjänst i ordinärt boende"',
            'egenskap ålder "Ålder" : heltal 0–120 år',
            'insats hemtjänst "Hemtjänst" { beviljas när ålder >= 18 år }',
            'beräkning städtid "Tid för städning" = 70 minuter varannan vecka',
            'exempel städning "Städning" { beräkning städtid förväntat 70 minuter varannan vecka }',
        ].join('\n');
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/d/a.regel', text }]);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const compiled = compilePolicy(checked.document.parseResult.value, 'a.regel');
        expect(compiled.chapters?.map(c => [c.name, c.elements])).toEqual([
            ['handläggning', []],
            ['hemtjänsten', ['attribute/ålder', 'service/hemtjänst', 'calculation/städtid', 'example/städning']],
        ]);
        const model = buildDocument({ files: [compilePolicy(checked.document.parseResult.value, 'a.regel')], locale: 'sv' });
        // The policy's chapters first, as titled and in the order written; then by kind what no chapter
        // holds (the riktlinje, written before the first chapter), then the appendices.
        expect(model.sections.map(s => s.title)).toEqual([
            'Ansökan och utredning', 'Hemtjänst i ordinärt boende', 'Riktlinjer', 'Bilaga: kontrollens resultat', 'Bilaga: namn i reglerna',
        ]);
        const [application, homeCare, guidelines] = model.sections;
        expect(application.blocks).toEqual([
            { type: 'paragraph', text: 'Hur en ansökan tas emot och utreds.', style: 'prose' },
            { type: 'paragraph', text: 'Ska', style: 'note' },
            { type: 'list', items: ['Ansökan utreds och beslutas. Gäller: Hemtjänst. Inom 6 veckor från ansökan.'] },
        ]);
        expect(homeCare.blocks).toEqual([
            { type: 'paragraph', text: 'Bör', style: 'note' },
            { type: 'list', items: ['Insatserna ges i den enskildes hem. Gäller: Hemtjänst.'] },
        ]);
        // The insats's eligibility as its own section; the calculation and the example under their kinds' titles.
        expect(homeCare.children.map(c => c.title)).toEqual(['Hemtjänst', 'Beräkningar och parametrar', 'Räkneexempel']);
        expect(homeCare.children[0].blocks).toContainEqual({ type: 'paragraph', text: 'Kan beviljas när ålder är minst 18\u00a0år.' });
        // The riktlinje keeps its timeline, and lists no obligation a chapter already shows.
        const guideline = guidelines.children[0];
        expect(guideline.title).toBe('Riktlinjer för biståndsbedömning');
        expect(guideline.blocks.some(b => b.type === 'table' && b.caption?.startsWith('Tidslinje'))).toBe(true);
        expect(guideline.blocks.filter(b => b.type === 'list')).toEqual([]);
    });

    test('Kristianstad\'s schablontider: the document follows the guideline\'s own chapters, the undated times say so', async () => {
        const { model } = await documentOf('kristianstad');
        expect(model.sections.slice(0, 3).map(s => s.title)).toEqual(['Personlig omvårdnad', 'Service', 'Beviljad tid']);
        const service = model.sections[1];
        const parameters = service.children.find(c => c.title === 'Beräkningar och parametrar')!.blocks.find(b => b.type === 'table' && b.header[0] === 'Parameter');
        expect(parameters && parameters.type === 'table' && parameters.rows.map(row => row.slice(0, 2))).toContainEqual(['Städning, endast service', 'utan angivet startdatum']);
        // Each time in its own unit, as the guideline writes it: not a bare "40".
        const care = model.sections[0].children.find(c => c.title === 'Beräkningar och parametrar')!.blocks.find(b => b.type === 'table' && b.header[0] === 'Parameter');
        expect(care && care.type === 'table' && care.rows).toContainEqual(['Dusch', 'utan angivet startdatum', '40 min/tillfälle']);
    });

    test('a main rule: marked as one, its condition and its exceptions in words, not identifiers', async () => {
        const text = [
            'insats hemvård "Hemvård"',
            'egenskap ålder "Ålder" : heltal 0–120 år',
            'egenskap kognitiv_svikt "Kognitiv svikt" : ja/nej',
            'riktlinje r "Stöd i hemmet" {',
            '    krav hemma ska i regel "Stödet ges i hemmet." åtgärd ge_stöd avser hemvård när ålder >= 65 år',
            '        undantag när kognitiv_svikt "Stödet kan ges på dagverksamhet."',
            '}',
        ].join('\n');
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/d/a.regel', text }]);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const model = buildDocument({ files: [compilePolicy(checked.document.parseResult.value, 'a.regel')], locale: 'sv' });
        const list = model.sections.find(s => s.id === 'riktlinjer')!.children[0].blocks.find(b => b.type === 'list');
        expect(list).toEqual({ type: 'list', items: [
            'Huvudregel: Stödet ges i hemmet. Gäller när ålder är minst 65\u00a0år. Undantag: Stödet kan ges på dagverksamhet (när kognitiv svikt: ja). Gäller: Hemvård.',
        ] });
    });

    test('a fee: its rule in words, its caps as a table and a chart, and its first example worked step by step', async () => {
        const text = [
            'egenskap inkomst : belopp per månad',
            'parameter pbb "Prisbasbelopp" : belopp { från 2025-01-01 till 2025-12-31 : 58 800 kr }',
            '/** Avgiften för hemtjänst enligt 8 kap. SoL. */',
            'avgift a "Avgift för hemtjänst" { giltig från 2025-01-01 till 2025-12-31  avgiftsutrymme inkomst − 1,3546 × pbb / 12',
            '    andel 100 %  maxtaxa 0,5392 × pbb / 12  takbelopp { nivå 1 : 800 kr  nivå 2 : 1 200 kr  nivå 3 : 2 000 kr } }',
            'exempel nivå_två "15 000 kr i inkomst, nivå 2" { datum 2025-03-01 avgift enligt a nivå 2 för { inkomst = 15 000 kr } förväntat 1 200 kr }',
        ].join('\n');
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/d/a.regel', text }]);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const html = renderHtml(buildDocument({
            files: [compilePolicy(checked.document.parseResult.value, 'a.regel')],
            prose: elementProse(checked.document.parseResult.value, text), locale: 'sv',
        }));
        expect(html).toContain('Avgiften för hemtjänst enligt 8 kap. SoL.');
        expect(html).toContain('Avgiften är 100\u00a0% av avgiftsutrymmet, högst nivåns takbelopp och aldrig mer än maxtaxan');
        // The avgiftsutrymme and the maxtaxa as formulas with titles, not names.
        expect(html).toContain('<dd>inkomst\u00a0− 1,3546\u00a0× prisbasbelopp\u00a0/ 12</dd>');
        expect(html).toContain('<figcaption>Högsta avgift per nivå</figcaption>');
        expect(html).toContain('Räkneexempel: 15\u00a0000\u00a0kr i inkomst, nivå 2');
        // Worked through in sentences with titles, as the reason an answer gets (reasons.ts), never the
        // runtime's trace keys: 15 000 − 1,3546 × 58 800 / 12 = 8 362,46 kr; the cap for level 2 decides.
        const worked = html.slice(html.indexOf('Räkneexempel: 15'));
        expect(worked).toContain('<li>Avgiftsutrymmet är 8\u00a0362,46\u00a0kr/mån.</li>');
        expect(worked).toMatch(/<li>Beloppet begränsas av takbeloppet för nivå 2, 1\u00a0200\u00a0kr\/mån \(utan begränsningen 8\u00a0362,46\u00a0kr\/mån\)\.<\/li>/);
        expect(worked).toContain('<li>Avgift för hemtjänst, nivå 2: 1\u00a0200\u00a0kr/mån.</li>');
        expect(worked).not.toMatch(/<td>(avgiftsutrymme|maxtaxa|avgift, avrundad|takbelopp nivå 2)<\/td>/);
    });

    test('the cover: the policy\'s own title and decision facts, never a folder name, no list of files (they are in the appendix)', async () => {
        const { model, html } = await documentOf('habo');
        // Habo has no riktlinje: the title says what the rules are for, by the service's title.
        expect(model.title).toBe('Regler för hjälp i hemmet');
        expect(model.facts.map(([term]) => term)).not.toContain('Filer');
        const cover = html.slice(html.indexOf('<header class="title-page">'), html.indexOf('</header>'));
        expect(cover).not.toContain('habo');
        expect(cover).not.toContain('.regel');
        // An example that expects an error says what it means, not the runtime's code.
        expect(html).toContain('inget svar: reglerna gäller inte det datumet');
        expect(html).not.toContain('no-valid-version');
        const appendix = html.slice(html.indexOf('<section id="namn"'));
        // Habo's own file first, then the national library's it imports.
        expect(appendix).toMatch(/Reglerna är skrivna i filerna hemtjänst\.regel, [^<]*prisbasbelopp\.regel/);
        const out = path.join(scratch, 'habo-omslag');
        expect(spawnSync(process.execPath, [bin, 'dokument', 'examples/habo', '-o', out], { cwd: repository, encoding: 'utf8' }).status).toBe(0);
        expect(readFileSync(path.join(out, 'dokument.html'), 'utf8')).toContain('<title>Regler för hjälp i hemmet</title>');
    });

    test('a chart leaves a gap where a level\'s amount is not given, and the PDF keeps it with its table', async () => {
        const { html } = await documentOf('orebro');
        const chart = html.split('<figure>').find(figure => figure.includes('<figcaption>Belopp per nivå</figcaption>')) ?? '';
        // Örebro gives levels 0, 4–5, 7–8, 10–14 and 23; 1–3, 6, 9 and 15–22 are ej angivet: five pieces of line, not one through the gaps.
        const line = chart.match(/<path d="([^"]*)" fill="none"/)?.[1] ?? '';
        expect(line.match(/M/g)?.length).toBe(5);
        // In the PDF the level table ends on the page its chart is drawn on.
        const out = path.join(scratch, 'orebro-diagram');
        expect(spawnSync(process.execPath, [bin, 'dokument', 'examples/orebro', '-o', out], { cwd: repository, encoding: 'utf8' }).status).toBe(0);
        const pdftotext = spawnSync('pdftotext', ['-layout', path.join(out, 'dokument.pdf'), '-'], { encoding: 'utf8' });
        if (pdftotext.error) {
            console.warn('\n*** pdftotext (poppler-utils) is missing: the chart\'s page in the PDF was NOT checked (apt-get install poppler-utils). ***\n');
        } else {
            const page = pdftotext.stdout.split('\f').find(text => text.includes('Belopp per nivå')) ?? '';
            expect(page).toMatch(/23\s+37[\s\u00a0]830[\s\u00a0]kr/);
            expect(page).toMatch(/Nivå\s+Belopp/);
        }
    });

    test('a table and the one that follows it share a chart, one line each', async () => {
        const { html } = await documentOf('orebro-revision');
        const chart = html.split('<figure>').find(figure => figure.includes('<figcaption>Belopp per nivå</figcaption>')) ?? '';
        expect(chart.match(/<path d="M/g)?.length).toBe(2);
        expect(chart).toContain('från 2023-01-01');
    });

    test('regelratt dokument writes the HTML and the PDF, all or nothing, and refuses a policy with errors', () => {
        const out = path.join(scratch, 'orebro');
        const run = spawnSync(process.execPath, [bin, 'dokument', 'examples/orebro', '-o', out], { cwd: repository, encoding: 'utf8' });
        expect(run.status, run.stderr).toBe(0);
        expect(run.stderr).toContain('Dokumentet skrivet till');
        expect(readFileSync(path.join(out, 'dokument.html'), 'utf8')).toContain('Rehabiliterande arbetssätt – gemensamma komponenter');
        const pdf = readFileSync(path.join(out, 'dokument.pdf'));
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
        expect(readdirSync(out).sort()).toEqual(['dokument.html', 'dokument.pdf']);
        const pdftotext = spawnSync('pdftotext', ['-layout', path.join(out, 'dokument.pdf'), '-'], { encoding: 'utf8' });
        if (pdftotext.error) {
            console.warn('\n*** pdftotext (poppler-utils) is missing: the PDF\'s text was NOT checked, only its structure (apt-get install poppler-utils). ***\n');
        } else {
            expect(pdftotext.stdout).toContain('Rehabiliterande arbetssätt – gemensamma');
            expect(pdftotext.stdout).toContain('Aktivitetsförmåga: redan hög');
            expect(pdftotext.stdout).toMatch(/4\s+2[\s\u00a0]037[\s\u00a0]kr/);
            // No near-empty pages: chapters follow on, a heading goes with its content. The cover, the
            // contents and the last page may be short.
            const pages = pdftotext.stdout.split('\f').filter(page => page.trim() !== '');
            for (const [index, page] of pages.slice(2, -1).entries()) {
                expect(page.split('\n').filter(line => line.trim() !== '').length, `page ${index + 3}:\n${page}`).toBeGreaterThan(15);
            }
        }
        const broken = path.join(scratch, 'broken');
        const refused = spawnSync(process.execPath, [bin, 'dokument', 'examples/broken', '-o', broken], { cwd: repository, encoding: 'utf8' });
        expect(refused.status).toBe(1);
        expect(existsSync(broken)).toBe(false);
        const missing = spawnSync(process.execPath, [bin, 'dokument', 'examples/orebro'], { cwd: repository, encoding: 'utf8' });
        expect(missing.status).toBe(2);
        expect(missing.stderr).toContain('dokument behöver en utmapp: -o <mapp>.');
    });

    test('a rounding in the reader\'s language: the English document says "whole kronor, halves away from zero", the Swedish "hela kronor, halva bort från noll"', async () => {
        const text = [
            'egenskap inkomst "Inkomst" : belopp per månad',
            'beräkning egenavgift "Egenavgift" = inkomst × 30 % avrundat till hela kronor',
        ].join('\n');
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const [checked] = await checkPolicies(Regelratt, [{ path: '/d/a.regel', text }]);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const files = [compilePolicy(checked.document.parseResult.value, 'a.regel')];
        const english = JSON.stringify(buildDocument({ files, locale: 'en' }));
        expect(english).toContain('rounded to whole kronor, halves away from zero');
        expect(english).not.toContain('hela kronor');
        expect(JSON.stringify(buildDocument({ files, locale: 'sv' }))).toContain('avrundat till hela kronor, halva bort från noll');
    });
});
