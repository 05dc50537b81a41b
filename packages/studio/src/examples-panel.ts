import type { AttributeControl, ExampleRow, ExampleTable } from '@regelratt/language/lsp';

type Question = ExampleRow['question']['type'];
type Writable = Extract<Question, 'placement' | 'inclusion' | 'calculation' | 'decision'>;

export interface ExampleDraft {
    name: string;
    title: string;
    type: Writable;
    target: string;
    column: string;
    level: string;
    date: string;
    citizen: Record<string, string>;
    expected: string;
}

/**
 * The inline examples as a table with a form: each row's question, citizen, date, expected and
 * actual answer (from the runtime, through the server) with pass or fail; the form's controls are
 * built from the attributes' declared domains (a list for an enumeration, a number field with its
 * range, ja/nej), and saving writes an `exempel` block into the file (the caller formats it). The
 * regions no example reaches are offered as one-click new rows.
 */
export class ExamplesPanel {
    private table: ExampleTable | undefined;
    private editing: ExampleRow | undefined;

    constructor(
        private readonly root: HTMLElement,
        private readonly t: (sv: string, en: string) => string,
        private readonly write: (text: string, replacing: ExampleRow | undefined) => void,
    ) { }

    /** Shows the table again; what the writer has typed into the form so far stays, and so does the focus. */
    show(table: ExampleTable): void {
        this.table = table;
        const form = this.root.querySelector<HTMLFormElement>('form');
        const focused = document.activeElement instanceof HTMLElement && this.root.contains(document.activeElement) ? document.activeElement.id : '';
        this.render(form && form.dataset.written !== 'true' ? this.read(form) : undefined);
        if (focused) {
            document.getElementById(focused)?.focus();
        }
    }

    private render(draft?: ExampleDraft): void {
        const table = this.table;
        if (!table) {
            return;
        }
        const t = this.t;
        const rows = table.rows.map(row => `
            <tr>
              <th scope="row">${escape(row.title ?? row.name)}</th>
              <td>${escape(questionText(row))}</td>
              <td>${escape(Object.entries(row.question.citizen).map(([k, v]) => `${k} = ${v}`).join(', '))}</td>
              <td>${escape(row.date ?? '')}</td>
              <td>${row.expectedList ? answerList(row.expectedList, t('Förväntad lista', 'Expected list'), t) : escape(row.expected)}</td>
              <td>${row.actualList ? answerList(row.actualList, t('Svarets lista', 'The answer\'s list'), t) : escape(row.actual ?? '')}${row.reason ? `<details class="reason"><summary>${t('Motivering', 'Reason')}</summary><p>${escape(row.reason).replace(/\n/g, '<br>')}</p></details>` : ''}</td>
              <td class="${row.actual === undefined ? '' : row.passed ? 'pass' : 'fail'}">${row.actual === undefined ? '' : row.passed ? t('går igenom', 'passes') : t('fel', 'fails')}</td>
              <td><button type="button" data-edit="${escape(row.name)}">${t('Ändra', 'Edit')}</button></td>
            </tr>`).join('');
        const uncovered = table.uncovered.map((region, index) => `
            <li>${escape(`${region.target}: ${region.text}`)} <button type="button" data-uncovered="${index}">${t('Nytt exempel för detta', 'New example for this')}</button></li>`).join('');
        this.root.innerHTML = `
          ${table.problem ? `<p class="problem" role="alert">${escape(table.problem)}</p>` : ''}
          <table class="examples">
            <caption>${t('Exemplen i policyn', 'The policy\'s examples')}</caption>
            <thead><tr><th scope="col">${t('Exempel', 'Example')}</th><th scope="col">${t('Fråga', 'Question')}</th><th scope="col">${t('Medborgare', 'Citizen')}</th><th scope="col">${t('Datum', 'Date')}</th><th scope="col">${t('Förväntat', 'Expected')}</th><th scope="col">${t('Svar', 'Answer')}</th><th scope="col">${t('Resultat', 'Result')}</th><th scope="col"><span class="visually-hidden">${t('Åtgärd', 'Action')}</span></th></tr></thead>
            <tbody>${rows}</tbody>
          </table>
          ${uncovered ? `<h2>${t('Delar av villkoren som inget exempel når', 'Parts of the criteria no example reaches')}</h2><ul class="uncovered">${uncovered}</ul>` : ''}
          ${this.form(draft ?? this.blank())}`;
        this.root.querySelectorAll<HTMLButtonElement>('button[data-edit]').forEach(button => {
            button.onclick = () => {
                const row = table.rows.find(r => r.name === button.dataset.edit);
                if (row && isWritable(row.question.type)) {
                    this.editing = row;
                    this.render(draftOf(row));
                    this.root.querySelector<HTMLInputElement>('#ex-name')?.focus();
                }
            };
        });
        this.root.querySelectorAll<HTMLButtonElement>('button[data-uncovered]').forEach(button => {
            button.onclick = () => {
                const region = table.uncovered[Number(button.dataset.uncovered)];
                this.editing = undefined;
                // A list table's region comes with its column and the list the runtime answers, to be confirmed.
                this.render({ ...this.blank(), type: region.type, target: region.target, citizen: { ...region.citizen }, date: region.date ?? '', column: region.column ?? '', expected: region.expected ?? '' });
                this.root.querySelector<HTMLInputElement>('#ex-name')?.focus();
            };
        });
        const form = this.root.querySelector<HTMLFormElement>('form')!;
        form.querySelector<HTMLSelectElement>('#ex-type')!.onchange = () => this.render({ ...this.read(form), target: '' });
        form.querySelector<HTMLSelectElement>('#ex-target')!.onchange = () => this.render(this.read(form));
        form.onsubmit = event => {
            event.preventDefault();
            const read = this.read(form);
            this.write(exampleText(read), this.editing);
            this.editing = undefined;
            // Written: the next table shows a fresh form, named after the new rows.
            form.dataset.written = 'true';
        };
    }

    private blank(): ExampleDraft {
        const existing = new Set(this.table?.rows.map(r => r.name));
        let n = (this.table?.rows.length ?? 0) + 1;
        while (existing.has(`exempel_${n}`)) {
            n++;
        }
        return { name: `exempel_${n}`, title: '', type: 'placement', target: '', column: '', level: '', date: '', citizen: {}, expected: '' };
    }

    private form(draft: ExampleDraft): string {
        const t = this.t;
        const table = this.table!;
        const targets = draft.type === 'placement' ? table.targets.placement.map(p => p.name)
            : draft.type === 'inclusion' ? table.targets.inclusion
                : draft.type === 'calculation' ? table.targets.calculation : table.targets.decision.map(d => d.name);
        const target = draft.target || targets[0] || '';
        const decisionTarget = draft.type === 'decision' ? table.targets.decision.find(d => d.name === target) : undefined;
        const columns = decisionTarget?.columns ?? [];
        const listTable = decisionTarget?.list === true;
        // A pilot that runs for a period answers only for a day: the date is required, and starts as the period's first.
        const period = draft.type === 'inclusion' ? table.pilotPeriods?.[target] : undefined;
        const date = draft.date || period?.from || '';
        const dateRequired = draft.type === 'calculation' || draft.type === 'decision' || period !== undefined;
        const dateHint = period ? t(` ${target} pågår ${period.from}–${period.to ?? ''}.`, ` ${target} runs ${period.from}–${period.to ?? ''}.`) : '';
        const option = (value: string, label: string, selected: string) => `<option value="${escape(value)}"${value === selected ? ' selected' : ''}>${escape(label)}</option>`;
        const expected = draft.type === 'placement'
            ? `<select id="ex-expected">${[...(table.targets.placement.find(p => p.name === target)?.pathways ?? []).map(p => option(`förlopp ${p}`, p, draft.expected)), option('inget förlopp', t('inget förlopp', 'no förlopp'), draft.expected)].join('')}</select>`
            : draft.type === 'inclusion'
                ? `<select id="ex-expected">${option('ingår', t('ingår', 'included'), draft.expected)}${option('ingår inte', t('ingår inte', 'not included'), draft.expected)}</select>`
                : `<input id="ex-expected" value="${escape(draft.expected)}" placeholder="${draft.type === 'calculation' ? '1 200 kr' : listTable ? '[ "…", "…" ]' : '2'}" required${listTable ? ' aria-describedby="ex-expected-list"' : ''}>${listTable ? `<span id="ex-expected-list" class="range">${t(`${target} svarar med en lista: skriv den i svarets ordning, [ ] om ingen rad gäller.`, `${target} answers with a list: write it in the answer's order, [ ] where no row applies.`)}</span>` : ''}`;
        return `
          <form class="example-form" aria-labelledby="ex-heading">
            <h2 id="ex-heading">${this.editing ? t(`Ändra ${this.editing.name}`, `Edit ${this.editing.name}`) : t('Nytt exempel', 'New example')}</h2>
            <div class="fields">
              <label for="ex-name">${t('Namn', 'Name')}</label><input id="ex-name" value="${escape(draft.name)}" required pattern="[\\p{L}_][\\p{L}\\p{N}_]*">
              <label for="ex-title">${t('Rubrik', 'Title')}</label><input id="ex-title" value="${escape(draft.title)}">
              <label for="ex-type">${t('Fråga', 'Question')}</label>
              <select id="ex-type">${option('placement', t('placering i förlopp', 'placement'), draft.type)}${option('inclusion', t('inkludering i pilot', 'inclusion in a pilot'), draft.type)}${option('calculation', t('beräkning', 'calculation'), draft.type)}${option('decision', t('beslut enligt tabell', 'decision table'), draft.type)}</select>
              <label for="ex-target">${t('Vad', 'Of')}</label><select id="ex-target">${targets.map(name => option(name, name, target)).join('')}</select>
              ${draft.type === 'decision' ? `<label for="ex-column">${t('Kolumn', 'Column')}</label><select id="ex-column">${columns.map(c => option(c, c, draft.column)).join('')}</select>` : ''}
              ${draft.type === 'decision' || draft.type === 'calculation' ? `<label for="ex-level">${t('Nivå', 'Level')}</label><input id="ex-level" type="number" min="0" step="1" value="${escape(draft.level)}">` : ''}
              <label for="ex-date">${t('Datum', 'Date')}</label>${dateInput('ex-date', date, dateRequired, t('ÅÅÅÅ-MM-DD', 'YYYY-MM-DD'), dateHint)}
            </div>
            <fieldset><legend>${t('Medborgaren (tomt: anges inte)', 'The citizen (empty: not given)')}</legend><div class="fields">
              ${table.attributes.map(attribute => control(attribute, draft.citizen[attribute.name] ?? '', t)).join('')}
            </div></fieldset>
            <div class="fields"><label for="ex-expected">${t('Förväntat', 'Expected')}</label>${expected}</div>
            <button type="submit">${this.editing ? t('Spara ändringen i filen', 'Save the change in the file') : t('Lägg till i filen', 'Add to the file')}</button>
          </form>`;
    }

    private read(form: HTMLFormElement): ExampleDraft {
        const value = (id: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? '';
        const citizen: Record<string, string> = {};
        for (const attribute of this.table?.attributes ?? []) {
            const given = value(`ex-attr-${cssId(attribute.name)}`).trim();
            if (given !== '') {
                citizen[attribute.name] = attribute.domain.type === 'decimal' || attribute.domain.type === 'money' ? given.replace('.', ',') : given;
            }
        }
        return {
            name: value('ex-name'), title: value('ex-title'), type: value('ex-type') as Writable, target: value('ex-target'), column: value('ex-column'),
            level: value('ex-level'), date: value('ex-date'), citizen, expected: value('ex-expected'),
        };
    }
}

/** A list answer as a list a screen reader announces as one, with its label; the empty list in words. */
function answerList(items: readonly string[], label: string, t: (sv: string, en: string) => string): string {
    return items.length === 0
        ? `<span class="answer-list empty">${escape(t('tom lista', 'empty list'))}</span>`
        : `<ul class="answer-list" aria-label="${escape(label)}">${items.map(item => `<li>${escape(item)}</li>`).join('')}</ul>`;
}

function control(attribute: AttributeControl, value: string, t: (sv: string, en: string) => string): string {
    const id = `ex-attr-${cssId(attribute.name)}`;
    const label = `<label for="${id}">${escape(attribute.title ?? attribute.name)}</label>`;
    const option = (v: string, text: string) => `<option value="${escape(v)}"${v === value ? ' selected' : ''}>${escape(text)}</option>`;
    const domain = attribute.domain;
    switch (domain.type) {
        case 'enumeration':
            return `${label}<select id="${id}">${option('', '—')}${domain.values.map(v => option(v.name, v.title ? `${v.name} (${v.title})` : v.name)).join('')}</select>`;
        case 'boolean':
            return `${label}<select id="${id}">${option('', '—')}${option('ja', t('ja', 'yes'))}${option('nej', t('nej', 'no'))}</select>`;
        case 'integer':
            return `${label}<input id="${id}" type="number" step="1" min="${domain.min}" max="${domain.max}" value="${escape(value)}" aria-describedby="${id}-range"><span id="${id}-range" class="range">${domain.min}–${domain.max}${domain.unit ? ` ${escape(domain.unit)}` : ''}</span>`;
        case 'decimal':
            return `${label}<input id="${id}" inputmode="decimal" value="${escape(value)}" aria-describedby="${id}-range"><span id="${id}-range" class="range">${domain.min}–${domain.max}${domain.unit ? ` ${escape(domain.unit)}` : ''}</span>`;
        case 'money':
            return `${label}<input id="${id}" inputmode="decimal" value="${escape(value.replace(/ kr$/, ''))}" aria-describedby="${id}-range"><span id="${id}-range" class="range">kr</span>`;
        case 'date':
            return `${label}${dateInput(id, value, false, t('ÅÅÅÅ-MM-DD', 'YYYY-MM-DD'))}`;
    }
}

/**
 * A date as the policy writes it (2025-03-01), typed as text: the browser's own date field shows its
 * locale's order (mm/dd/yyyy in an English Chromium), not the Swedish one the policy uses.
 */
function dateInput(id: string, value: string, required: boolean, format: string, hint = ''): string {
    return `<input id="${id}" type="text" inputmode="numeric" autocomplete="off" pattern="\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])" placeholder="${escape(format)}" value="${escape(value)}"${required ? ' required' : ''} aria-describedby="${id}-format"><span id="${id}-format" class="range">${escape(`${format}${hint}`)}</span>`;
}

/** The `exempel` block as the policy writes it (the caller runs the formatter over the file after). */
export function exampleText(draft: ExampleDraft): string {
    const citizen = Object.entries(draft.citizen).map(([name, value]) => `${name} = ${value}`).join(', ');
    const level = draft.level !== '' ? ` nivå ${draft.level}` : '';
    const question = draft.type === 'placement' ? `placering i ${draft.target} för { ${citizen} }`
        : draft.type === 'inclusion' ? `inkludering i ${draft.target} för { ${citizen} }`
            : draft.type === 'calculation' ? `beräkning ${draft.target}${level}${citizen ? ` för { ${citizen} }` : ''}`
                : `beslut enligt ${draft.target}${draft.column ? `.${draft.column}` : ''}${level}${citizen ? ` för { ${citizen} }` : ''}`;
    return [
        `exempel ${draft.name}${draft.title ? ` "${draft.title.replace(/"/g, "'")}"` : ''} {`,
        ...(draft.date ? [`    datum ${draft.date}`] : []),
        `    ${question}`,
        `    förväntat ${draft.expected}`,
        '}',
    ].join('\n');
}

function draftOf(row: ExampleRow): ExampleDraft {
    return {
        name: row.name, title: row.title ?? '', type: row.question.type as Writable, target: row.question.target, column: row.question.column ?? '',
        level: row.question.level === undefined ? '' : String(row.question.level), date: row.date ?? '', citizen: { ...row.question.citizen }, expected: row.expected,
    };
}

function isWritable(type: Question): type is Writable {
    return type === 'placement' || type === 'inclusion' || type === 'calculation' || type === 'decision';
}

/** The question as the policy writes it (`placering i rehabiliterande_förlopp`). */
const QUESTION_WORDS = {
    placement: 'placering i', inclusion: 'inkludering i', compensation: 'ersättning enligt', fee: 'avgift enligt',
    netEffect: 'nettoeffekt enligt', calculation: 'beräkning', decision: 'beslut enligt', eligibility: 'beviljas',
} satisfies Record<Question, string>;

function questionText(row: ExampleRow): string {
    const q = row.question;
    return `${QUESTION_WORDS[q.type]} ${q.target}${q.column ? `.${q.column}` : ''}${q.level !== undefined ? ` nivå ${q.level}` : ''}`;
}

function cssId(name: string): string {
    return Array.from(name).map(c => (/[A-Za-z0-9_-]/.test(c) ? c : `_${c.codePointAt(0)!.toString(16)}`)).join('');
}

function escape(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
