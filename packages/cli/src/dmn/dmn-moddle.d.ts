/** dmn-moddle ships no types: the one call `dmn import` and the tests make, `fromXML`, typed by what they read. */
declare module 'dmn-moddle' {
    export function DmnModdle(): {
        fromXML(xml: string, type?: string): Promise<{ rootElement: unknown; warnings: Array<{ message: string }> }>;
    };
}
