/** The part of pdfmake 0.3's server API `dokument` uses (pdfmake ships no types). */
declare module 'pdfmake' {
    interface PdfMake {
        setFonts(fonts: Record<string, Record<string, string>>): void;
        setUrlAccessPolicy(policy: (url: string) => boolean): void;
        setLocalAccessPolicy(policy: (file: string) => boolean): void;
        createPdf(definition: Record<string, unknown>, options?: Record<string, unknown>): { getBuffer(): Promise<Uint8Array> };
    }
    const pdfmake: PdfMake;
    export default pdfmake;
}
