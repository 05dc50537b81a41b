import * as monaco from 'monaco-editor/editor/editor.api';

/**
 * Regelrätt in Monaco: comments, brackets, a word pattern that keeps å, ä and ö inside names, and a
 * tokenizer for keywords (taken from the grammar at build time), numbers, strings and comments; the
 * server's semantic tokens colour the names by what they name on top.
 */
export function registerLanguage(keywords: readonly string[]): void {
    monaco.languages.register({ id: 'regelratt', extensions: ['.regel'], aliases: ['Regelrätt'] });
    monaco.languages.setLanguageConfiguration('regelratt', {
        comments: { lineComment: '//', blockComment: ['/*', '*/'] },
        brackets: [['{', '}'], ['(', ')']],
        autoClosingPairs: [{ open: '{', close: '}' }, { open: '(', close: ')' }, { open: '"', close: '"' }],
        wordPattern: /[\p{L}_][\p{L}\p{N}_]*|-?\d[\d ]*(,\d+)?/u,
    });
    monaco.languages.setMonarchTokensProvider('regelratt', {
        keywords: [...keywords],
        tokenizer: {
            root: [
                [/\/\/.*$/, 'comment'],
                [/\/\*/, 'comment', '@comment'],
                [/"([^"\\]|\\.)*"/, 'string'],
                [/\d{4}-\d{2}-\d{2}/, 'number'],
                [/\d+(,\d+)?/, 'number'],
                [/[\p{L}_][\p{L}\p{N}_]*/u, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
            ],
            comment: [[/\*\//, 'comment', '@pop'], [/./, 'comment']],
        },
    });
}
