import type { ILexerErrorMessageProvider, IToken } from 'chevrotain';

export class SwedishLexerErrorMessageProvider implements ILexerErrorMessageProvider {
    buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + Math.min(length, 20));
        const shown = [...text].map(ch => (/[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? ch : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)).join('');
        // Only the offending text: the document validator turns it into the catalogued message.
        return `'${shown}'`;
    }

    buildUnableToPopLexerModeMessage(token: IToken): string {
        return `Unable to pop lexer mode at '${token.image}'.`;
    }
}
