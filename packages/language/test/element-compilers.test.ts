import { describe, expect, test } from 'vitest';
import { ELEMENT_COMPILERS, type CompiledElementOf, type ElementCompilers } from '../src/compiler/compile-policy.js';
import type { Criterion } from '@regelratt/format';
import type { AstHandlers } from '../src/utils/ast-dispatch.js';
import type * as Ast from '../src/generated/ast.js';
import { reflection, type Fee } from '../src/generated/ast.js';

// The table's checks are the compiler's: `npx tsc --noEmit -p tsconfig.json` (which includes this file)
// fails when a line below marked `@ts-expect-error` stops being an error, that is, when the table
// would accept an entry that returns the wrong compiled form or goes missing.
declare const calculation: CompiledElementOf<'Calculation'>;

const { Fee: _fee, ...withoutFee } = ELEMENT_COMPILERS;
// @ts-expect-error a table without an entry for an element type of the grammar (as after a new element rule)
withoutFee satisfies ElementCompilers;

// @ts-expect-error the Fee entry returning another element's compiled form
({ ...ELEMENT_COMPILERS, Fee: (_element: Fee, _file: string) => calculation }) satisfies ElementCompilers;

// @ts-expect-error the Fee entry returning a fee that says it is another kind
({ ...ELEMENT_COMPILERS, Fee: (element: Fee, file: string) => ({ ...ELEMENT_COMPILERS.Fee(element, file), kind: 'calculation' as const }) }) satisfies ElementCompilers;

// @ts-expect-error the Fee entry leaving out a field a compiled fee must have
({ ...ELEMENT_COMPILERS, Fee: (element: Fee, file: string) => ({ ...ELEMENT_COMPILERS.Fee(element, file), caps: undefined }) }) satisfies ElementCompilers;

// The formula, criterion and literal compilers are tables of the same kind (AstHandlers over a union's AST types).
const anyCriterion: Criterion = { all: [] };
// @ts-expect-error a criterion table missing a kind of criterion node (Negation)
({ Conjunction: () => anyCriterion, Disjunction: () => anyCriterion, Comparison: () => anyCriterion }) satisfies AstHandlers<Ast.Criterion['$type'], [], Criterion>;
({ Conjunction: () => anyCriterion, Disjunction: () => anyCriterion, Comparison: () => anyCriterion, Negation: () => anyCriterion }) satisfies AstHandlers<Ast.Criterion['$type'], [], Criterion>;

// The well-formed table is accepted (the lines above fail for the reason they name, not for another).
ELEMENT_COMPILERS satisfies ElementCompilers;

describe('the element compilers', () => {
    test('have one entry per element type the grammar declares, and no other', () => {
        const elementTypes = reflection.getAllSubTypes('Element').filter(type => type !== 'Element');
        expect(Object.keys(ELEMENT_COMPILERS).sort()).toEqual([...elementTypes].sort());
        expect(Object.keys(withoutFee)).not.toContain('Fee');
    });
});
