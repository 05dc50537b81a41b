import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

/**
 * The compiled format has two descriptions, the TypeScript types (src/compiled-policy.ts) that the
 * compiler and runtime are checked against and the JSON Schema (schema/) that consumers validate
 * with. This test holds them in step: for every definition of the schema, the type of the same name
 * has exactly the same properties, and the same ones are required; for every union (`oneOf`), each
 * variant matches a member of the type's union. Adding a field to one and not the other fails here.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.resolve(here, '../src/compiled-policy.ts');
const schema = JSON.parse(readFileSync(path.resolve(here, '../schema/compiled-policy.schema.json'), 'utf8')) as {
    properties: Record<string, unknown>; required: string[]; $defs: Record<string, SchemaNode>;
};
interface SchemaNode { properties?: Record<string, unknown>; required?: string[]; oneOf?: SchemaNode[]; $ref?: string }

const program = ts.createProgram([source], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
const checker = program.getTypeChecker();
const file = program.getSourceFile(source)!;
const declared = new Map<string, ts.Type>();
ts.forEachChild(file, node => {
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name) {
        declared.set(node.name.text, checker.getTypeAtLocation(node.name));
    }
});

/** Schema definitions whose type has another name. */
const TYPE_NAMES: Record<string, string> = { attributeDomain: 'AttributeType', element: 'CompiledElement' };
const typeName = (definition: string) => TYPE_NAMES[definition] ?? definition[0].toUpperCase() + definition.slice(1);

function shape(type: ts.Type): { properties: string[]; required: string[] } {
    const properties = checker.getPropertiesOfType(type);
    return {
        properties: properties.map(p => p.name).sort(),
        required: properties.filter(p => !(p.flags & ts.SymbolFlags.Optional)).map(p => p.name).sort(),
    };
}

function schemaShape(node: SchemaNode): { properties: string[]; required: string[] } {
    return { properties: Object.keys(node.properties ?? {}).sort(), required: [...(node.required ?? [])].sort() };
}

const objects = Object.entries(schema.$defs).filter(([, node]) => node.properties);

/** The values a schema node allows by `enum` or `const`, as text, sorted; undefined where it names none. */
function schemaValues(node: unknown): string[] | undefined {
    const { enum: values, const: value } = (node ?? {}) as { enum?: unknown[]; const?: unknown };
    return values ? values.map(String).sort() : value !== undefined ? [String(value)] : undefined;
}

/** The literal values a type allows (`'first' | 'any'`, `true`), as text, sorted; undefined where it allows others. */
function literalValues(type: ts.Type): string[] | undefined {
    const members = (type.isUnion() ? type.types : [type]).filter(member => !(member.flags & ts.TypeFlags.Undefined));
    const values = members.map(member => (member.isLiteral() ? String(member.value) : member.flags & ts.TypeFlags.BooleanLiteral ? checker.typeToString(member) : undefined));
    return values.every(value => value !== undefined) ? [...new Set(values as string[])].sort() : undefined;
}

/**
 * Each property of a schema definition that lists its values (`enum`, `const`), with its type's
 * property, and each definition that is a list of values itself with its type of the same name.
 */
const enumerated: Array<[string, unknown, ts.Type | undefined]> = [
    ...objects.flatMap(([definition, node]) => Object.entries(node.properties!).filter(([, property]) => schemaValues(property)).map(([name, property]): [string, unknown, ts.Type | undefined] => {
        const symbol = declared.get(typeName(definition))?.getProperty(name);
        return [`${definition}.${name}`, property, symbol && checker.getTypeOfSymbol(symbol)];
    })),
    ...Object.entries(schema.$defs).filter(([, node]) => (node as { enum?: unknown }).enum).map(([definition, node]): [string, unknown, ts.Type | undefined] => [definition, node, declared.get(typeName(definition))]),
];
const unions = Object.entries(schema.$defs).filter(([, node]) => node.oneOf);

describe('the JSON Schema and the TypeScript types', () => {
    test('the whole file: CompiledPolicyFile', () => {
        expect(schemaShape(schema)).toEqual(shape(declared.get('CompiledPolicyFile')!));
    });

    test.each(objects)('%s has the properties, and the required ones, of its type', (definition, node) => {
        const type = declared.get(typeName(definition));
        expect(type, `no type ${typeName(definition)} for the schema's ${definition}`).toBeDefined();
        expect(schemaShape(node)).toEqual(shape(type!));
    });

    test.each(unions)('%s: every variant is a member of its type\'s union, and as many', (definition, node) => {
        const type = declared.get(typeName(definition));
        expect(type, `no type ${typeName(definition)} for the schema's ${definition}`).toBeDefined();
        const members = type!.isUnion() ? type!.types : [type!];
        expect(node.oneOf!.length).toBe(members.length);
        const memberShapes = members.map(member => JSON.stringify(shape(member)));
        for (const variant of node.oneOf!) {
            // A variant that is a reference names a definition checked above; an inline one must match a member.
            if (variant.$ref) {
                const referenced = variant.$ref.replace('#/$defs/', '');
                expect(declared.has(typeName(referenced)) || schema.$defs[referenced] !== undefined).toBe(true);
                continue;
            }
            expect(memberShapes, JSON.stringify(variant)).toContain(JSON.stringify(schemaShape(variant)));
        }
    });

    test.each(enumerated)('%s allows the values its type allows', (_where, property, type) => {
        expect(schemaValues(property)).toEqual(literalValues(type!));
    });

    test('every listed value is compared: the hit policies, the rounding modes, the forces, each element\'s kind', () => {
        const where = enumerated.map(([name]) => name);
        expect(where).toEqual(expect.arrayContaining(['decisionTable.hitPolicy', 'decisionTable.aggregation', 'rounding.mode', 'obligation.force', 'pilot.kind', 'quantity.per']));
        expect(where.length).toBeGreaterThan(40);
        // And a value the types lack is noticed.
        const [, hitPolicy, type] = enumerated.find(([name]) => name === 'decisionTable.hitPolicy')!;
        expect(schemaValues({ enum: [...(hitPolicy as { enum: string[] }).enum, 'outputOrderDesc'] })).not.toEqual(literalValues(type!));
    });

    test('the check can fail: a property the types lack is noticed', () => {
        const pilot = schema.$defs.pilot;
        const tampered = { ...pilot, properties: { ...pilot.properties, extra: { type: 'string' } } };
        expect(schemaShape(tampered)).not.toEqual(shape(declared.get('Pilot')!));
    });
});
