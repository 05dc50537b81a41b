/**
 * The part of pdfkit 0.19's API the tagged PDF (render-pdf.ts) uses (pdfkit ships no types), and of
 * svg-to-pdfkit, which draws the document's SVG charts with it.
 */
declare module 'pdfkit' {
    /** Text written as a PDF string (a String object; a plain string in a dictionary is written as a name). */
    // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- what pdfkit tells text from a name by
    export type PdfString = String;
    interface TextOptions {
        width?: number;
        height?: number;
        align?: 'left' | 'right' | 'center' | 'justify';
        lineGap?: number;
        lineBreak?: boolean;
        continued?: boolean;
        characterSpacing?: number;
    }
    interface StructureOptions {
        alt?: string;
        lang?: string;
        title?: string;
        actual?: string;
        scope?: 'Row' | 'Column' | 'Both';
        /** [left, top, right, bottom] in points from the page's top left corner. */
        bbox?: [number, number, number, number];
        placement?: 'Block' | 'Inline';
    }
    export interface PDFStructureElement {
        add(child: PDFStructureElement | (() => void)): PDFStructureElement;
        end(): void;
    }
    interface DocumentOptions {
        size?: string;
        margins?: { top: number; bottom: number; left: number; right: number };
        autoFirstPage?: boolean;
        bufferPages?: boolean;
        tagged?: boolean;
        lang?: string;
        displayTitle?: boolean;
        pdfVersion?: '1.3' | '1.4' | '1.5' | '1.6' | '1.7' | '1.7ext3';
        /** `PDF/UA`: writes `pdfuaid:part` 1 into the XMP metadata (the identifier only; conformance is the writer's own doing). */
        subset?: 'PDF/UA';
        info?: { Title?: string; Author?: string; Subject?: string; Creator?: string; Producer?: string; CreationDate?: Date };
    }
    class PDFDocument {
        constructor(options?: DocumentOptions);
        x: number;
        y: number;
        page: { width: number; height: number; margins: { top: number; bottom: number; left: number; right: number }; dictionary: { data: Record<string, unknown> } };
        registerFont(name: string, source: Uint8Array): this;
        font(name: string): this;
        fontSize(size: number): this;
        fillColor(colour: string): this;
        fillOpacity(opacity: number): this;
        strokeColor(colour: string): this;
        lineWidth(width: number): this;
        text(text: string, x?: number, y?: number, options?: TextOptions): this;
        heightOfString(text: string, options?: TextOptions): number;
        widthOfString(text: string, options?: TextOptions): number;
        currentLineHeight(includeGap?: boolean): number;
        rect(x: number, y: number, width: number, height: number): this;
        moveTo(x: number, y: number): this;
        lineTo(x: number, y: number): this;
        fill(colour?: string): this;
        stroke(colour?: string): this;
        save(): this;
        restore(): this;
        rotate(angle: number, options?: { origin?: [number, number] }): this;
        addPage(): this;
        switchToPage(index: number): this;
        bufferedPageRange(): { start: number; count: number };
        struct(type: string, options?: StructureOptions, children?: Array<PDFStructureElement | (() => void)>): PDFStructureElement;
        addStructure(element: PDFStructureElement): this;
        /** A named destination on the current page; `XYZ` with x and y from the page's top left corner. */
        addNamedDestination(name: string, fit: 'XYZ', x: number, y: number, zoom: number | null): void;
        /**
         * A link annotation to a named destination on the current page (x and y from the top left);
         * with `structParent`, the annotation becomes that element's child (an OBJR) in the structure tree.
         */
        goTo(x: number, y: number, width: number, height: number, name: string, options?: { structParent?: PDFStructureElement; Contents?: PdfString }): this;
        markContent(tag: string, options?: { type?: 'Pagination' | 'Layout' | 'Page'; bbox?: [number, number, number, number] }): this;
        endMarkedContent(): this;
        on(event: 'data', listener: (chunk: Uint8Array) => void): this;
        on(event: 'end' | 'pageAdded', listener: () => void): this;
        on(event: 'error', listener: (error: Error) => void): this;
        end(): void;
    }
    export default PDFDocument;
}

declare module 'svg-to-pdfkit' {
    import type PDFDocument from 'pdfkit';
    function SVGtoPDF(doc: PDFDocument, svg: string, x: number, y: number, options?: {
        width?: number;
        height?: number;
        fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
        warningCallback?: (message: string) => void;
    }): void;
    export default SVGtoPDF;
}
