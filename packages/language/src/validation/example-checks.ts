import type { ValidationChecks } from 'langium';
import { RUNTIME_ERROR_CODES } from '@regelratt/runtime';
import type * as Ast from '../generated/ast.js';
import type { RegelrattAstType } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { dimensionText, expectationFits, questionDimension, unitDimension } from '../analysis/expression-units.js';
import { checkColumn } from './calculation-checks.js';
import { nearestName } from './nearest-name.js';
import { createReport } from './report.js';

type ExpectationKind = 'pathway' | 'inclusion' | 'amount' | 'amount-over-time' | 'error' | 'granted' | 'text' | 'yesNo' | 'list' | 'date';

/** What each question can be expected to give, keyed by question type: a new question is a compile error here. */
const answers = {
    PlacementQuestion: ['pathway', 'error'],
    InclusionQuestion: ['inclusion', 'error'],
    CompensationQuestion: ['amount', 'error'],
    FeeQuestion: ['amount', 'error'],
    CalculationQuestion: ['amount', 'error'],
    DecisionQuestion: ['amount', 'pathway', 'text', 'yesNo', 'date', 'list', 'error'],
    NetEffectQuestion: ['amount-over-time', 'error'],
    EligibilityQuestion: ['granted', 'error'],
} as const satisfies Record<Ast.Question['$type'], readonly ExpectationKind[]>;

const expectationText: Record<ExpectationKind, { sv: string; en: string }> = {
    pathway: { sv: 'förväntat förlopp …', en: 'förväntat förlopp …' },
    inclusion: { sv: 'förväntat ingår', en: 'förväntat ingår' },
    amount: { sv: 'förväntat … kr', en: 'förväntat … kr' },
    'amount-over-time': { sv: 'förväntat per månad … kr / förväntat totalt … kr', en: 'förväntat per månad … kr / förväntat totalt … kr' },
    error: { sv: 'förväntat fel "…"', en: 'förväntat fel "…"' },
    granted: { sv: 'förväntat beviljas', en: 'förväntat beviljas' },
    text: { sv: 'förväntat "…"', en: 'förväntat "…"' },
    yesNo: { sv: 'förväntat ja/nej', en: 'förväntat ja/nej' },
    list: { sv: 'förväntat [ … ]', en: 'förväntat [ … ]' },
    date: { sv: 'förväntat ÅÅÅÅ-MM-DD', en: 'förväntat YYYY-MM-DD' },
};

const questionText: Record<Ast.Question['$type'], { sv: string; en: string }> = {
    PlacementQuestion: { sv: 'en placering', en: 'a placement' },
    InclusionQuestion: { sv: 'en inkludering', en: 'an inclusion' },
    CompensationQuestion: { sv: 'en ersättning', en: 'a compensation' },
    FeeQuestion: { sv: 'en avgift', en: 'a fee' },
    CalculationQuestion: { sv: 'en beräkning', en: 'a calculation' },
    DecisionQuestion: { sv: 'ett beslut enligt en beslutstabell', en: 'a decision by a decision table' },
    NetEffectQuestion: { sv: 'en nettoeffekt', en: 'a net effect' },
    EligibilityQuestion: { sv: 'ett beviljande', en: 'an eligibility' },
};

function kindOf(expectation: Ast.Expectation): ExpectationKind {
    if (expectation.pathway || expectation.noPathway) {
        return 'pathway';
    }
    if (expectation.inclusion) {
        return 'inclusion';
    }
    if (expectation.error) {
        return 'error';
    }
    if (expectation.granted) {
        return 'granted';
    }
    if (expectation.text !== undefined) {
        return 'text';
    }
    if (expectation.yesNo !== undefined) {
        return 'yesNo';
    }
    if (expectation.list) {
        return 'list';
    }
    if (expectation.date !== undefined) {
        return 'date';
    }
    return expectation.scope ? 'amount-over-time' : 'amount';
}

/**
 * Inline examples: each expectation fits its question (an amount per month fits a net effect, not a
 * fee), and an expected error names a code the runtime raises. Caught here, at the position, rather
 * than as a failing `regelratt test`.
 */
export function exampleChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        Example: (example, accept) => {
            if (!example.question) {
                return; // half-typed: the parser has said what is missing
            }
            const report = createReport(accept, locale);
            const allowed: readonly ExpectationKind[] = answers[example.question.$type];
            for (const expectation of example.expectations) {
                const kind = kindOf(expectation);
                if (!allowed.includes(kind)) {
                    report('expectation-does-not-fit', {
                        question: questionText[example.question.$type][locale.current],
                        allowed: allowed.map(k => expectationText[k][locale.current]).join(', '),
                    }, { node: expectation });
                } else {
                    // A list's numbers are in the answer's unit as one number alone is.
                    for (const amount of [expectation.amount, ...expectation.items.map(item => item.amount)]) {
                        if (!amount?.unit) {
                            continue;
                        }
                        const answer = questionDimension(example.question);
                        const expected = unitDimension(amount.unit);
                        if (answer && !expectationFits(expected, answer)) {
                            report('expectation-unit-mismatch', { expected: dimensionText(expected, locale.current), answer: dimensionText(answer, locale.current) }, { node: amount, property: 'unit' });
                        }
                    }
                }
            }
        },
        FeeQuestion: (question, accept) => {
            const fee = question.fee?.ref;
            if (question.level !== undefined || !fee) {
                return;
            }
            // A fee that charges by level needs the level; one that does not is asked without it.
            const perLevel = ([['takbelopp', fee.caps], ['andel', fee.shares], ['belopp', fee.amounts]] as const).find(([, rows]) => rows.length > 0);
            const example = question.$container;
            if (perLevel && !example.expectations.some(e => e.error && e.errorCode === 'missing-level')) {
                createReport(accept, locale)('fee-question-without-level', { fee: fee.name, what: perLevel[0] }, { node: question, property: 'fee' });
            }
        },
        DecisionQuestion: (question, accept) => {
            const table = question.table?.ref;
            // An example may pin the runtime's own refusal (`förväntat fel "not-computable"`).
            const expectsError = question.$container.expectations.some(e => e.error && (e.errorCode === 'not-computable' || e.errorCode === 'unknown-element'));
            if (table && !expectsError) {
                checkColumn(createReport(accept, locale), table, question);
            }
        },
        Expectation: (expectation, accept) => {
            const code = expectation.errorCode;
            if (expectation.error && code !== undefined && !(RUNTIME_ERROR_CODES as readonly string[]).includes(code)) {
                const suggestion = nearestName(code, RUNTIME_ERROR_CODES);
                createReport(accept, locale)('unknown-error-code', {
                    code, codes: RUNTIME_ERROR_CODES.join(', '), ...(suggestion ? { suggestion } : {}),
                }, { node: expectation, property: 'errorCode' });
            }
        },
    };
}
