import { ExactNumber, LEVEL_INPUT, type Attribute } from '@regelratt/format';
import type { AnalysedAttribute } from './attribute-domain.js';

/**
 * An attribute of a compiled policy as the analyses see it: the same domains the checker derives
 * from the source (attribute-domain.ts), read from the compiled JSON, for analyses that compare
 * compiled versions (the semantic diff).
 */
export function analysedFromCompiled(attribute: Attribute): AnalysedAttribute {
    const domain = attribute.domain;
    switch (domain.type) {
        case 'enumeration':
            return { id: attribute.id, name: attribute.name, domain: { kind: 'enumeration', values: domain.values.map(v => v.name) } };
        case 'boolean':
            return { id: attribute.id, name: attribute.name, domain: { kind: 'boolean' } };
        case 'integer':
        case 'decimal':
            return {
                id: attribute.id, name: attribute.name,
                domain: { kind: domain.type, min: ExactNumber.parse(domain.min), max: ExactNumber.parse(domain.max), ...(domain.unit ? { unit: domain.unit } : {}) },
            };
        case 'money':
            return { id: attribute.id, name: attribute.name, domain: { kind: 'decimal', unit: 'kr' } };
        case 'date':
            return { id: attribute.id, name: attribute.name, domain: { kind: 'date' } };
    }
}

/**
 * The case's level as a decision table's input reads it: a whole number from the table's lowest to
 * its highest where it declares them (`nivåer 1–3`), from 0 and without end where it does not.
 */
export function levelAttribute(max?: number, min = 0): AnalysedAttribute {
    return {
        id: LEVEL_INPUT, name: 'nivå',
        domain: { kind: 'integer', min: ExactNumber.of(BigInt(min)), ...(max !== undefined ? { max: ExactNumber.of(BigInt(max)) } : {}) },
    };
}
