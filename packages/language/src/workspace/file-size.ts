/**
 * The largest policy file read by default, by the command line (`--max-file-size` changes it) and
 * by the language server's workspace start-up: far beyond any policy (the largest example is some
 * 30 KB), far below what makes parsing and checking take long.
 */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

/** A size as messages give it: `4,0 MB`. */
export function megabytes(bytes: number): string {
    return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}
