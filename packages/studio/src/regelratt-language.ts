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
        // Monarch builds its own RegExps from each rule's source and drops the rule's flags: without
        // this, `\p{L}` below is read as the letter p, no word is matched, and no keyword is coloured.
        unicode: true,
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
    // Colours that keep 4.5:1 against white and against the conflict dialog's diff backgrounds
    // (Monaco's own comment and number greens and its dimmed line numbers do not).
    monaco.editor.defineTheme('regelratt', {
        base: 'vs', inherit: true,
        rules: [
            { token: 'comment', foreground: '006400' },
            { token: 'number', foreground: '06633f' },
            { token: 'enumMember', foreground: '06633f' },
            { token: 'type', foreground: '1d5873' },
            { token: 'class', foreground: '1d5873' },
            { token: 'struct', foreground: '1d5873' },
            { token: 'interface', foreground: '1d5873' },
            { token: 'event', foreground: '6b4a12' },
        ],
        colors: {
            'editorLineNumber.foreground': '#1d5873',
            'editorLineNumber.dimmedForeground': '#5f6a75',
            'diffEditor.insertedLineBackground': '#9bb9551a',
            'diffEditor.insertedTextBackground': '#9ccc2c26',
            'diffEditor.removedLineBackground': '#ff00000f',
            'diffEditor.removedTextBackground': '#ff00001f',
        },
    });
}

/** The language's own characters (minus and times signs, dashes, comparisons): not marked as look-alikes of ASCII. */
const LANGUAGE_CHARACTERS = ['−', '×', '–', '≤', '≥', '≠', '§', '”'];

/** The editor settings every Regelrätt editor in the studio shares (the main editor and the conflict dialog's). */
export const EDITOR_OPTIONS = {
    theme: 'regelratt',
    unicodeHighlight: { allowedCharacters: Object.fromEntries(LANGUAGE_CHARACTERS.map(c => [c, true])) },
    // The kind is shown by the icon and read out with the label; inline it would be read twice.
    suggest: { showInlineDetails: false },
    minimap: { enabled: false },
    fontSize: 14,
} satisfies monaco.editor.IEditorOptions & { theme: string };
