import { exampleDifferences, renderMessage, type MessageLocale } from '@regelratt/language';
import type { ExampleResult } from '@regelratt/runtime';

/**
 * What an example's result says, as `test` prints it: its name when it holds; otherwise what went
 * wrong (an unexpected error, or each expected field against what the runtime answered) with the code.
 */
export function exampleResultText(result: ExampleResult, locale: MessageLocale): string {
    const name = result.example.name;
    if (result.error && !result.passed && result.expected.error === undefined) {
        return renderMessage('example-error', { name, message: result.error.messageIn(locale), code: result.error.code }, locale);
    }
    if (!result.passed) {
        // An expected error is compared by its code; an unexpected answer shows as "fick" the answer's fields.
        const differences = exampleDifferences(result.expected, result.actual, locale, result.example.unit);
        return `${renderMessage('example-failed', { name, differences }, locale)} [example-failed]`;
    }
    return name;
}
