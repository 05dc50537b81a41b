/** Where a command writes, so tests can run commands in-process and read what they print. */
export interface CliIO {
    /** Text, or bytes already encoded as UTF-8 (the answers of `eval` on a register, straight from its worker threads). */
    stdout: { write(chunk: string | Uint8Array): unknown };
    stderr: { write(text: string): unknown };
    cwd: string;
    /** The terminal's width when stdout is one: help is laid out for it. */
    columns?: number;
    /** True when stderr is a terminal: long runs then show progress there. */
    stderrIsTerminal?: boolean;
    /** Colour the severity of diagnostics and the verdict of examples (a terminal, by NO_COLOR / FORCE_COLOR). */
    colour?: boolean;
}
