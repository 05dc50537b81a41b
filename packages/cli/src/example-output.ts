import { exampleResultMessage, renderMessage, type MessageLocale } from '@regelratt/language';
import type { ExampleResult } from '@regelratt/runtime';

/**
 * What an example's result says, as `test` prints it: its name when it holds; otherwise what went
 * wrong (an unexpected error, or each expected field against what the runtime answered) with the code.
 * The words are the checker's (exampleResultMessage), which reports the same at the example.
 */
export function exampleResultText(result: ExampleResult, locale: MessageLocale): string {
    const message = exampleResultMessage(result, locale);
    if (message === undefined) {
        return result.example.name;
    }
    const text = renderMessage(message.code, message.args, locale);
    // example-error's message ends with the runtime's own code; example-failed names its code.
    return message.code === 'example-failed' ? `${text} [example-failed]` : text;
}
