/** Types of habo-revision.mjs, for the TypeScript tests that use it. */
export const haboFolder: string;
export const haboFile: string;
export function haboRevisionText(text?: string): string;
export function writeHaboRevision(folder: string): string;
