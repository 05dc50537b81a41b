import { ExactNumber } from '@regelratt/format';
import type { AttributeDomain } from '@regelratt/analyses';
import type { Attribute } from '../generated/ast.js';

const domains = new WeakMap<Attribute, AttributeDomain>();

/**
 * Kept per attribute node (a parsed node never changes; an edited declaration is a new node): the
 * analyses ask for it once per comparison, and a large policy compares the same few attributes
 * thousands of times. Shared, so frozen.
 */
export function attributeDomain(attribute: Attribute): AttributeDomain {
    let domain = domains.get(attribute);
    if (!domain) {
        domain = deepFreeze(domainOf(attribute));
        domains.set(attribute, domain);
    }
    return domain;
}

function deepFreeze(domain: AttributeDomain): AttributeDomain {
    if (domain.kind === 'enumeration') {
        Object.freeze(domain.values);
    }
    return Object.freeze(domain);
}

function domainOf(attribute: Attribute): AttributeDomain {
    const type = attribute.type;
    switch (type.$type) {
        case 'EnumerationType':
            return { kind: 'enumeration', values: type.values.map(v => v.name) };
        case 'BooleanType':
            return { kind: 'boolean' };
        // A range half-typed without a bound is unbounded on that side until it is written.
        case 'IntegerType':
            return { kind: 'integer', min: bound(type.range?.min), max: bound(type.range?.max), unit: type.unit };
        case 'DecimalType':
            return { kind: 'decimal', min: bound(type.range?.min), max: bound(type.range?.max), unit: type.unit };
        case 'MoneyType':
            return { kind: 'decimal', unit: 'kr' };
        case 'DateType':
            return { kind: 'date' };
    }
}

function bound(value: string | undefined): ExactNumber | undefined {
    return value === undefined ? undefined : ExactNumber.parse(value);
}
