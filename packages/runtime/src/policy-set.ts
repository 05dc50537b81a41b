import { ExactNumber, SCHEMA_VERSION, type CompiledElement, type CompiledPolicyFile, type ElementKind, type Parameter } from '@regelratt/format';
import { RegelrattRuntimeError } from './runtime-error.js';

type ElementOf<K extends ElementKind> = Extract<CompiledElement, { kind: K }>;

const SUPPORTED_MAJOR = SCHEMA_VERSION.split('.')[0];

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

    private constructor(files: readonly CompiledPolicyFile[]) {
        for (const file of files) {
            const major = String(file.schemaVersion ?? '').split('.')[0];
            if (major !== SUPPORTED_MAJOR) {
                throw new RegelrattRuntimeError('unsupported-schema',
                    `${file.source}: schemaVersion ${file.schemaVersion} stöds inte; körningen läser version ${SUPPORTED_MAJOR}.x.`,
                    { source: file.source, schemaVersion: file.schemaVersion, supported: `${SUPPORTED_MAJOR}.x` });
            }
            for (const element of file.elements) {
                this.byId.set(element.id, element);
                this.byName.set(element.name, element);
            }
        }
    }

    static load(files: readonly CompiledPolicyFile[]): PolicySet {
        return new PolicySet(files);
    }

    /** An element by id (`levelTable/hemvård_tätort`) or plain name (`hemvård_tätort`), of the kind asked for. */
    get<K extends ElementKind>(reference: string, kind: K): ElementOf<K> {
        const element = this.byId.get(reference) ?? (reference.includes('/') ? undefined : this.byName.get(reference));
        if (!element || element.kind !== kind) {
            throw new RegelrattRuntimeError('unknown-element', `Policyn har ingen ${kind} '${reference}'.`, { reference, kind });
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
        // Sorted once per parameter; a register asks for the same parameter on every case.
        let versions = this.sortedVersions.get(parameter);
        if (!versions) {
            versions = [...parameter.versions].sort((a, b) => a.from.localeCompare(b.from));
            this.sortedVersions.set(parameter, versions);
        }
        for (let i = versions.length - 1; i >= 0; i--) {
            const version = versions[i];
            const next = versions[i + 1];
            const inForce = version.from <= date && (version.to ? date <= version.to : !next || date < next.from);
            if (inForce) {
                let value = this.parsedValues.get(version);
                if (!value) {
                    value = ExactNumber.parse(version.value.value);
                    this.parsedValues.set(version, value);
                }
                return value;
            }
        }
        throw new RegelrattRuntimeError('no-valid-version', `${parameter.name} har inget värde ${date}.`, { parameter: parameter.id, date });
    }
}
