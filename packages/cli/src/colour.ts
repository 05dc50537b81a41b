/**
 * Colour on a terminal, by the conventions other tools follow: FORCE_COLOR (other than 0) turns it
 * on, NO_COLOR (any value) turns it off, otherwise a terminal that is not `dumb` gets it. Files,
 * pipes and CI logs get plain text.
 */
export function colourWanted(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
    const force = env.FORCE_COLOR;
    if (force !== undefined && force !== '' && force !== '0' && force !== 'false') {
        return true;
    }
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') {
        return false;
    }
    return stream.isTTY === true && env.TERM !== 'dumb';
}

const codes = { red: 31, yellow: 33, green: 32, cyan: 36, dim: 2, bold: 1 } as const;

export type Paint = (style: keyof typeof codes, text: string) => string;

export function painter(enabled: boolean): Paint {
    return enabled ? (style, text) => `\u001b[${codes[style]}m${text}\u001b[0m` : (_style, text) => text;
}
