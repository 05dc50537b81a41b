import type { CitizenValues } from './citizen.js';
import { Emitter } from './criterion-codegen.js';
import type { CaseAnswer, CaseInput } from './evaluate-case.js';
import { listed } from './inclusion.js';
import type { PreparedPolicy } from './policy-runtime.js';

/**
 * The register's fast path: one generated function per policy that answers a whole case as the
 * hand-written code a consuming system might write, with the policy's constants inlined (pathway
 * ids, pilot periods, table validities) and each attribute read once. It covers the common case:
 * every förlopp model places the citizen in exactly one förlopp and every level asked for has an
 * amount. For anything else it returns undefined (or a read throws a typed error) and the caller
 * answers question by question, which gives the same answers and errors; a test compares the two.
 */
export function generateCaseAnswerer(prepared: PreparedPolicy, emitter: Emitter):
    ((values: CitizenValues, input: CaseInput) => CaseAnswer | undefined) | undefined {
    const lines: string[] = [];
    const models = prepared.models.map((model, index) => {
        lines.push(`let m${index} = 0;`);
        model.model.pathways.forEach((pathway, bit) => {
            if (pathway.criterion) {
                lines.push(`if (${emitter.expression(pathway.criterion)}) m${index} |= ${1 << bit};`);
            }
        });
        lines.push(`if (m${index} === 0 || (m${index} & (m${index} - 1)) !== 0) return undefined;`);
        return `{ model: ${JSON.stringify(model.model.id)}, pathway: pathwayIds[${index}][31 - Math.clz32(m${index})], secondary: null }`;
    });
    if (prepared.models.some(m => m.model.pathways.length > 30)) {
        return undefined;
    }
    lines.push('const date = request.date, unit = request.unit, service = request.service;');
    if (prepared.pilots.some(pilot => pilot.pilot.period)) {
        // Without a date a pilot with a period has no answer (missing-date): the slow path says so.
        lines.push('if (date === undefined) return undefined;');
    }
    const pilots = prepared.pilots.map((pilot, index) => {
        const definition = pilot.pilot;
        const rule = [...(definition.inclusion ? [emitter.expression(definition.inclusion)] : []), ...definition.exclusions.map(c => `!${emitter.expression(c)}`)];
        // Without a date a pilot with a period has no answer (missing-date): the slow path says so.
        const period = definition.period
            ? `(date >= ${JSON.stringify(definition.period.from)}${definition.period.to ? ` && date <= ${JSON.stringify(definition.period.to)}` : ''})`
            : 'true';
        const units = definition.units.length > 0 ? `(unit === undefined || listed(pilots[${index}].pilot.units, unit))` : 'true';
        const services = definition.services.length > 0 ? `(service === undefined || listed(pilots[${index}].pilot.services, service))` : 'true';
        lines.push(`const i${index} = ${[...rule, period, units, services].join(' && ')};`);
        return `{ pilot: ${JSON.stringify(definition.id)}, included: i${index}, requirements: [] }`;
    });
    lines.push('const compensation = [];');
    lines.push('const level = request.level;');
    lines.push('if (level !== undefined) {');
    prepared.tables.forEach((table, index) => {
        const validity = table.table.validity;
        const inForce = validity ? `(date === undefined || (date >= ${JSON.stringify(validity.from)}${validity.to ? ` && date <= ${JSON.stringify(validity.to)}` : ''}))` : 'true';
        lines.push(`if (${inForce}) { const amount = amounts[${index}].get(level); if (amount === undefined) return undefined; compensation.push({ table: ${JSON.stringify(table.table.id)}, amount }); }`);
    });
    lines.push('}');
    const answer = `placements: [${models.join(', ')}], inclusions: [${pilots.join(', ')}], compensation`;
    lines.push(`return request.id === undefined ? { ${answer} } : { id: request.id, ${answer} };`);
    return emitter.buildWith<[CaseInput], CaseAnswer | undefined>(['request'], {
        pathwayIds: prepared.models.map(m => m.pathwayIds),
        pilots: prepared.pilots,
        amounts: prepared.tables.map(t => t.knownAmounts()),
        listed,
    }, lines.join('\n'));
}
