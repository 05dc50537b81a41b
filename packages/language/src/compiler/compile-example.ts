import { ExactNumber, type ExampleExpectation, type ExampleListItem, type ExampleQuestion, type GivenValue } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { compileLiteral } from './compile-criterion.js';
import { referenceId } from './element-ids.js';

/** An inline example: its date, the question it asks and what it expects, with references as ids. */
export function compileExample(example: Ast.Example): { date?: string; question: ExampleQuestion; expected: ExampleExpectation } {
    return {
        ...(example.date ? { date: example.date } : {}),
        question: compileQuestion(example.question),
        expected: compileExpectations(example.expectations),
    };
}

function compileCitizen(citizen: Ast.Citizen): GivenValue[] {
    return citizen.values.map(given => ({ attribute: referenceId(given.attribute), value: compileLiteral(given.value) }));
}

function level(choice: Ast.LevelOrNone): number | null {
    return choice.none ? null : Number(choice.level);
}

function compileQuestion(question: Ast.Question): ExampleQuestion {
    switch (question.$type) {
        case 'PlacementQuestion':
            return { type: 'placement', model: referenceId(question.model), citizen: compileCitizen(question.citizen) };
        case 'InclusionQuestion':
            return { type: 'inclusion', pilot: referenceId(question.pilot), citizen: compileCitizen(question.citizen) };
        case 'CompensationQuestion':
            return { type: 'compensation', table: referenceId(question.table), level: Number(question.level) };
        case 'FeeQuestion':
            return {
                type: 'fee', fee: referenceId(question.fee),
                ...(question.level !== undefined ? { level: Number(question.level) } : {}),
                citizen: compileCitizen(question.citizen),
            };
        case 'CalculationQuestion':
            return {
                type: 'calculation', calculation: referenceId(question.calculation),
                ...(question.level !== undefined ? { level: Number(question.level) } : {}),
                citizen: question.citizen ? compileCitizen(question.citizen) : [],
            };
        case 'DecisionQuestion':
            return {
                type: 'decision', table: referenceId(question.table),
                ...(question.column !== undefined ? { column: question.column } : {}),
                ...(question.level !== undefined ? { level: Number(question.level) } : {}),
                citizen: question.citizen ? compileCitizen(question.citizen) : [],
            };
        case 'EligibilityQuestion':
            return { type: 'eligibility', service: referenceId(question.service), citizen: compileCitizen(question.citizen) };
        case 'NetEffectQuestion':
            return {
                type: 'netEffect', table: referenceId(question.table), before: level(question.before), after: level(question.after),
                hours: question.hours, rate: referenceId(question.rate), months: Number(question.months),
            };
    }
}

function compileExpectations(expectations: Ast.Expectation[]): ExampleExpectation {
    const expected: ExampleExpectation = {};
    for (const expectation of expectations) {
        if (expectation.pathway) {
            expected.pathway = referenceId(expectation.pathway);
            if (expectation.secondary) {
                expected.secondary = referenceId(expectation.secondary);
            }
        } else if (expectation.noPathway) {
            expected.pathway = null;
        } else if (expectation.inclusion) {
            expected.included = !expectation.notIncluded;
        } else if (expectation.granted) {
            expected.granted = !expectation.notGranted;
        } else if (expectation.error) {
            expected.error = expectation.errorCode;
        } else if (expectation.text !== undefined) {
            expected.text = expectation.text;
        } else if (expectation.yesNo !== undefined) {
            expected.yesNo = expectation.yesNo === 'ja';
        } else if (expectation.list) {
            expected.list = expectation.items.map(compileItem);
        } else if (expectation.date !== undefined) {
            expected.date = expectation.date;
        } else if (expectation.amount) {
            const amount = expectedNumber(expectation.amount);
            // `per månad` reaches the AST as `permånad` (Langium joins a value's keywords).
            if (expectation.scope === 'permånad') {
                expected.monthly = amount;
            } else if (expectation.scope === 'totalt') {
                expected.total = amount;
            } else {
                expected.amount = amount;
            }
        }
    }
    return expected;
}

/** One value of an expected list, as the same value expected alone compiles. */
function compileItem(item: Ast.ExpectedItem): ExampleListItem {
    if (item.pathway) {
        return { pathway: referenceId(item.pathway) };
    }
    if (item.text !== undefined) {
        return { text: item.text };
    }
    if (item.yesNo !== undefined) {
        return { yesNo: item.yesNo === 'ja' };
    }
    if (item.date !== undefined) {
        return { date: item.date };
    }
    // The grammar's last alternative: only a document without parse errors is compiled.
    return { amount: expectedNumber(item.amount!) };
}

/** An expected number as the runtime answers it: `70 %` is the share 0.7. */
function expectedNumber(amount: Ast.SignedAmount): string {
    const magnitude = amount.unit?.percent
        ? ExactNumber.parse(amount.value).divide(ExactNumber.of(100n)).toDecimal()
        : amount.value;
    return `${amount.negative && magnitude !== '0' ? '-' : ''}${magnitude}`;
}
