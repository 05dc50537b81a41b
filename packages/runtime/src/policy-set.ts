import { ExactNumber, formatViolation, SCHEMA_VERSION, type CompiledElement, type CompiledPolicyFile, type ElementKind, type Parameter } from '@regelratt/format';
import { checkCompiledPolicy } from './load-check.js';
import { runtimeError } from './runtime-error.js';
import { formatViolationText } from './runtime-messages.js';

type ElementOf<K extends ElementKind> = Extract<CompiledElement, { kind: K }>;

const [SUPPORTED_MAJOR, SUPPORTED_MINOR] = SCHEMA_VERSION.split('.').map(Number);

/** How the runtime takes the files it is given. */
export interface LoadOptions {
    /**
     * Check every file against the compiled format's JSON Schema, and the set for what the schema
     * cannot say (`checkCompiledPolicy`), before anything is prepared (the default). Only a caller that compiled the files itself in this process (the language server,
     * `regelratt test`) may leave it out: a file from disk or a network may have been edited, and the
     * runtime prepares code from what it reads.
     */
    validate?: boolean;
}

/**
 * A set of compiled policy files loaded together, indexed by id and by name: what every question
 * to the runtime is asked of. It reads only the compiled JSON format.
 */
export class PolicySet {
    private readonly byId = new Map<string, CompiledElement>();
    private readonly byName = new Map<string, CompiledElement>();
    private readonly byKind = new Map<string, CompiledElement[]>();
    private readonly sortedVersions = new WeakMap<Parameter, Parameter['versions']>();
    private readonly parsedValues = new WeakMap<Parameter['versions'][number], ExactNumber>();

    private constructor(files: readonly CompiledPolicyFile[], options: LoadOptions) {
        if (options.validate ?? true) {
            for (const file of files) {
                checkCompiledFile(file);
            }
            checkCompiledPolicy(files);
        }
        for (const file of files) {
            for (const element of file.elements) {
                this.byId.set(element.id, element);
                this.byName.set(element.name, element);
            }
        }
    }

    static load(files: readonly CompiledPolicyFile[], options: LoadOptions = {}): PolicySet {
        return new PolicySet(files, options);
    }

    /** An element by id (`levelTable/hemvård_tätort`) or plain name (`hemvård_tätort`), of the kind asked for. */
    get<K extends ElementKind>(reference: string, kind: K): ElementOf<K> {
        const element = this.byId.get(reference) ?? (reference.includes('/') ? undefined : this.byName.get(reference));
        if (!element || element.kind !== kind) {
            throw runtimeError('unknown-element', { kind, reference }, { reference, kind });
        }
        return element as ElementOf<K>;
    }

    /** An element by id, whatever its kind, or undefined. */
    find(id: string): CompiledElement | undefined {
        return this.byId.get(id);
    }

    /** Every element of a kind, in the order the files list them. */
    all<K extends ElementKind>(kind: K): ReadonlyArray<ElementOf<K>> {
        let elements = this.byKind.get(kind);
        if (!elements) {
            elements = [...this.byId.values()].filter(e => e.kind === kind);
            this.byKind.set(kind, elements);
        }
        return elements as Array<ElementOf<K>>;
    }

    /** A parameter's value on a date, by the version in force that day. */
    parameterValue(parameter: Parameter, date: string): ExactNumber {
        const version = this.parameterVersion(parameter, date);
        let value = this.parsedValues.get(version);
        if (!value) {
            value = ExactNumber.parse(version.value.value);
            this.parsedValues.set(version, value);
        }
        return value;
    }

    /** The version of a parameter in force on a date (a reason names the version it read). */
    parameterVersion(parameter: Parameter, date: string): Parameter['versions'][number] {
        // Sorted once per parameter; a register asks for the same parameter on every case.
        let versions = this.sortedVersions.get(parameter);
        if (!versions) {
            versions = [...parameter.versions].sort((a, b) => a.from.localeCompare(b.from));
            this.sortedVersions.set(parameter, versions);
        }
        const version = versionInForce(versions, date);
        if (!version) {
            throw runtimeError('parameter-without-value', { name: parameter.name, date }, { parameter: parameter.id, date });
        }
        return version;
    }
}

/**
 * The one version lookup: the version in force on a date among versions sorted by start (a version
 * without `till` lasts until the next one starts), or undefined where none is. The runtime's answers
 * and the analyses that split a table by its parameters' versions both ask it.
 */
export function versionInForce<V extends { from: string; to?: string }>(sorted: readonly V[], date: string): V | undefined {
    // Versions starting after the date cannot be in force: start at the last that starts on or
    // before it (a binary search: a parameter may have hundreds of versions), then as before.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
        const middle = (low + high) >>> 1;
        if (sorted[middle].from <= date) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    for (let i = low - 1; i >= 0; i--) {
        const version = sorted[i];
        const next = sorted[i + 1];
        const inForce = version.from <= date && (version.to ? date <= version.to : !next || date < next.from);
        if (inForce) {
            return version;
        }
    }
    return undefined;
}

/**
 * A file of another major version, or of a newer minor one (which may hold constructs this runtime
 * does not know), is `unsupported-schema`; a file that breaks the schema is `invalid-file`, naming
 * where. Either way before anything of it is prepared.
 */
export function checkCompiledFile(file: unknown): asserts file is CompiledPolicyFile {
    const record = (typeof file === 'object' && file !== null ? file : {}) as { source?: unknown; schemaVersion?: unknown };
    const source = typeof record.source === 'string' ? record.source : '(okänd fil)';
    const version = String(record.schemaVersion ?? '');
    const [major, minor] = version.split('.').map(Number);
    if (major !== SUPPORTED_MAJOR || !(minor <= SUPPORTED_MINOR)) {
        const supported = `${SUPPORTED_MAJOR}.0–${SUPPORTED_MAJOR}.${SUPPORTED_MINOR}`;
        throw runtimeError('schema-unsupported', { source, version, supported }, { source, schemaVersion: record.schemaVersion ?? null, supported });
    }
    const tooDeep = deeperThan(file, MAX_COMPILED_DEPTH);
    if (tooDeep !== undefined) {
        throw runtimeError('file-too-deep', { source, path: tooDeep, limit: MAX_COMPILED_DEPTH }, { source, path: tooDeep, rule: 'too-deep', limit: MAX_COMPILED_DEPTH });
    }
    const violation = formatViolation(file);
    if (violation) {
        throw runtimeError('file-breaks-format', { source, path: violation.path, violation: formatViolationText(violation) },
            { source, path: violation.path, keyword: violation.keyword, params: violation.params });
    }
}

/**
 * How deep a compiled file may nest (objects and arrays): twice what the language's longest chain
 * compiles to (MAX_CHAIN of 500 operators, two levels each), and far below where the schema's
 * validator and the evaluator, which recurse, overflow Node 20's default stack (about 1 800).
 */
export const MAX_COMPILED_DEPTH = 1_200;

/** The JSON Pointer of the first value nested deeper than `limit`, or undefined; without recursion. */
function deeperThan(value: unknown, limit: number): string | undefined {
    interface Frame { value: object; depth: number; key: string; parent: Frame | undefined }
    if (typeof value !== 'object' || value === null) {
        return undefined;
    }
    const stack: Frame[] = [{ value, depth: 0, key: '', parent: undefined }];
    while (stack.length > 0) {
        const frame = stack.pop()!;
        if (frame.depth >= limit) {
            const keys: string[] = [];
            for (let at: Frame | undefined = frame; at?.parent; at = at.parent) {
                keys.push(at.key.replace(/~/g, '~0').replace(/\//g, '~1'));
            }
            return `/${keys.reverse().join('/')}`;
        }
        for (const key in frame.value) {
            const child = (frame.value as Record<string, unknown>)[key];
            if (typeof child === 'object' && child !== null) {
                stack.push({ value: child, depth: frame.depth + 1, key, parent: frame });
            }
        }
    }
    return undefined;
}
