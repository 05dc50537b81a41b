import { dateOfDay, dayNumber, ExactNumber, isCalendarDate, type Attribute } from '@regelratt/format';
import { RegelrattRuntimeError, runtimeError } from './runtime-error.js';
import type { BothLanguages } from './runtime-messages.js';

/** A citizen as consuming systems send one: attribute name (or id) → value. */
export type CitizenInput = Readonly<Record<string, unknown>>;

/**
 * An attribute value ready for comparison: enumeration values as text, yes/no as boolean, whole
 * numbers and dates (as day numbers) as JS numbers (exact for every value they can take), decimals
 * and amounts as exact numbers.
 */
export type AttributeValue = string | boolean | number | ExactNumber;


function outside(attribute: Attribute, raw: unknown, expected: BothLanguages): RegelrattRuntimeError {
    // `details.domain` stays the Swedish text it has always been, for systems that read it.
    return runtimeError('value-outside-domain', { name: attribute.name, value: JSON.stringify(raw), domain: expected },
        { attribute: attribute.name, value: raw, domain: expected.sv });
}

function wrongType(attribute: Attribute, raw: unknown, expected: BothLanguages): RegelrattRuntimeError {
    return runtimeError('wrong-value-type', { name: attribute.name, value: JSON.stringify(raw), expected },
        { attribute: attribute.name, value: raw, expected: expected.sv });
}

/** The same text in both languages: names and figures, which are the policy's own. */
const same = (text: string): BothLanguages => ({ sv: text, en: text });

/** Reads a decimal given as an exact number (a JSON reader's), a JS number or text, Swedish (`20 000,50`) or plain (`20000.5`). */
function readDecimal(attribute: Attribute, raw: unknown): ExactNumber {
    if (raw instanceof ExactNumber) {
        return raw;
    }
    if (typeof raw === 'number' && Number.isFinite(raw)) {
        // A JSON number is read by its shortest decimal spelling, which is what the sender wrote; one in
        // exponent form (1e30, 1e-7) by its exact value, whole numbers through BigInt.
        const text = String(raw);
        if (!text.includes('e')) {
            return ExactNumber.parse(text);
        }
        if (Number.isInteger(raw)) {
            return ExactNumber.parse(BigInt(raw));
        }
        return ExactNumber.parse(raw.toFixed(20).replace(/\.?0+$/, ''));
    }
    if (typeof raw === 'string') {
        const text = raw.replace(/[ \u00A0\u202F]/g, '').replace(/kr$/, '').replace(',', '.').replace('−', '-');
        if (/^-?\d+(\.\d+)?$/.test(text)) {
            return ExactNumber.parse(text.replace(/^(-?)0+(?=\d)/, '$1'));
        }
    }
    throw wrongType(attribute, raw, { sv: 'ett tal', en: 'a number' });
}

/** Checks one value against its attribute's declared domain and puts it in comparable form. */
export function readAttributeValue(attribute: Attribute, raw: unknown): AttributeValue {
    const domain = attribute.domain;
    switch (domain.type) {
        case 'enumeration': {
            if (typeof raw !== 'string') {
                throw wrongType(attribute, raw, { sv: `ett av ${domain.values.map(v => v.name).join(', ')}`, en: `one of ${domain.values.map(v => v.name).join(', ')}` });
            }
            // A value typed in decomposed form (o + U+0308) is the value the policy spells composed (ö).
            const composed = raw.normalize('NFC');
            if (!domain.values.some(v => v.name === composed)) {
                throw outside(attribute, raw, same(domain.values.map(v => v.name).join(', ')));
            }
            return composed;
        }
        case 'boolean':
            if (raw === true || raw === 'ja') {
                return true;
            }
            if (raw === false || raw === 'nej') {
                return false;
            }
            throw wrongType(attribute, raw, { sv: 'ja eller nej (true eller false)', en: 'yes or no (true or false)' });
        case 'integer': {
            const value = readDecimal(attribute, raw);
            if (!value.isInteger()) {
                throw wrongType(attribute, raw, { sv: 'ett heltal', en: 'a whole number' });
            }
            if (value.compare(ExactNumber.parse(domain.min)) < 0 || value.compare(ExactNumber.parse(domain.max)) > 0) {
                throw outside(attribute, raw, same(`${domain.min}–${domain.max}`));
            }
            return Number(value.numerator);
        }
        case 'decimal': {
            const value = readDecimal(attribute, raw);
            if (value.compare(ExactNumber.parse(domain.min)) < 0 || value.compare(ExactNumber.parse(domain.max)) > 0) {
                throw outside(attribute, raw, same(`${domain.min}–${domain.max}`));
            }
            return value;
        }
        case 'money': {
            // An amount a citizen has or pays (income, housing cost) is never below zero; the
            // analyses reason over the same domain.
            const value = readDecimal(attribute, raw);
            if (value.compare(ExactNumber.ZERO) < 0) {
                throw outside(attribute, raw, { sv: '0 kr eller mer', en: '0 kr or more' });
            }
            return value;
        }
        case 'date':
            if (typeof raw !== 'string' || !isCalendarDate(raw)) {
                throw wrongType(attribute, raw, { sv: 'ett datum ÅÅÅÅ-MM-DD', en: 'a date YYYY-MM-DD' });
            }
            return dayNumber(raw);
    }
}

/**
 * Whole numbers written as plain digits, at most 15 of them (below 2^53, so exact as JS numbers); not
 * `-0`, which readDecimal reads as 0 and Number as −0.
 */
const PLAIN_WHOLE = /^(?:0|-?[1-9]\d{0,14})$/;

/**
 * A reader for one attribute, built once per policy: whole numbers given as JS numbers (the common
 * case in a register) or as plain digits (a CSV register; the semantic diff's questions) are checked
 * against the bounds without any decimal arithmetic, to the value readAttributeValue gives them.
 */
export function attributeReader(attribute: Attribute): (raw: unknown) => AttributeValue {
    const domain = attribute.domain;
    if (domain.type === 'integer') {
        const min = Number(domain.min);
        const max = Number(domain.max);
        return raw => {
            if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= min && raw <= max) {
                // −0 is read as 0, as readAttributeValue reads it.
                return raw === 0 ? 0 : raw;
            }
            if (typeof raw === 'string' && PLAIN_WHOLE.test(raw)) {
                const value = Number(raw);
                if (value >= min && value <= max) {
                    return value;
                }
            }
            return readAttributeValue(attribute, raw);
        };
    }
    if (domain.type === 'enumeration') {
        const values = new Set(domain.values.map(v => v.name));
        return raw => (typeof raw === 'string' && values.has(raw) ? raw : readAttributeValue(attribute, raw));
    }
    if (domain.type === 'boolean') {
        return raw => (typeof raw === 'boolean' ? raw : readAttributeValue(attribute, raw));
    }
    return raw => readAttributeValue(attribute, raw);
}

/** One attribute as the runtime reads it: resolved once, so criteria hold it directly instead of looking it up per citizen. */
export interface AttributeEntry {
    attribute: Attribute;
    read: (raw: unknown) => AttributeValue;
    /** Reading is a cheap check (enumeration, yes/no, whole number), not worth caching per citizen. */
    cheap: boolean;
}

export interface AttributeCatalogue {
    attributes: ReadonlyMap<string, Attribute>;
    entries: ReadonlyMap<string, AttributeEntry>;
}

export function attributeEntry(attribute: Attribute): AttributeEntry {
    const type = attribute.domain.type;
    return { attribute, read: attributeReader(attribute), cheap: type === 'enumeration' || type === 'boolean' || type === 'integer' };
}

/**
 * One attribute's value from a citizen as sent, checked against its domain: what every read comes
 * down to. Generated code that is handed the citizen as the caller gave it reads through this, so it
 * needs no CitizenValues per citizen; given one, this reads through it (and its cache).
 */
export function readInput(entry: AttributeEntry, input: CitizenInput | CitizenValues): AttributeValue {
    if (input instanceof CitizenValues) {
        return input.read(entry);
    }
    const attribute = entry.attribute;
    // Own properties only: an attribute called `constructor` must not read Object's constructor.
    const raw = (Object.hasOwn(input, attribute.name) ? input[attribute.name] : undefined)
        ?? (Object.hasOwn(input, attribute.id) ? input[attribute.id] : undefined);
    if (raw === undefined || raw === null) {
        throw runtimeError('missing-value', { name: attribute.name }, { attribute: attribute.name });
    }
    return entry.read(raw);
}

/** The citizen as CitizenValues, made from the input as sent unless it already is one. */
export function citizenValues(citizen: CitizenInput | CitizenValues, catalogue: AttributeCatalogue): CitizenValues {
    return citizen instanceof CitizenValues ? citizen : new CitizenValues(citizen, catalogue);
}

/** A citizen's values, read and checked against their domains when a question first needs them. */
export class CitizenValues {
    private cache: Map<AttributeEntry, AttributeValue> | undefined;

    constructor(readonly input: CitizenInput, private readonly catalogue: AttributeCatalogue) { }

    /** The value of an attribute the policy declares; throws a typed error when it is missing or outside its domain. */
    read(entry: AttributeEntry): AttributeValue {
        if (entry.cheap) {
            return readInput(entry, this.input);
        }
        const cached = this.cache?.get(entry);
        if (cached !== undefined) {
            return cached;
        }
        const value = readInput(entry, this.input);
        (this.cache ??= new Map()).set(entry, value);
        return value;
    }

    get(attributeId: string): AttributeValue {
        const entry = this.catalogue.entries.get(attributeId);
        if (!entry) {
            throw runtimeError('unknown-attribute', { name: attributeId }, { attribute: attributeId });
        }
        return this.read(entry);
    }

    /** The value as a person would read it in an explanation. */
    shown(attributeId: string): string {
        const value = this.get(attributeId);
        const attribute = this.catalogue.attributes.get(attributeId)!;
        if (typeof value === 'boolean') {
            return value ? 'ja' : 'nej';
        }
        if (typeof value === 'number' && attribute.domain.type === 'date') {
            return dateOfDay(value);
        }
        return String(value);
    }
}
