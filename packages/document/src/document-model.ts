/**
 * The policy as a document, independent of how it is shown: sections of paragraphs, tables, lists
 * and charts. Built once from the compiled policy (build-document.ts); rendered as HTML for the
 * browser, the studio and print (render-html.ts), and as a PDF definition (pdf-definition.ts), so
 * the two never say different things.
 */
export interface PolicyDocument {
    locale: 'sv' | 'en';
    title: string;
    /** Facts for the title page: diarienummer, decided by and when, validity, version. */
    facts: Array<[string, string]>;
    sections: DocumentSection[];
    /**
     * Set when the document is a draft (written although some of its examples do not hold): the
     * words every page carries, so no reader takes it for the policy to decide.
     */
    draft?: string;
    /**
     * `compact`: printed without a title page or a contents page of their own (the diff's few short
     * tables); otherwise the document a nämnd signs, its title and contents each on a page.
     */
    print?: 'compact';
}

export interface DocumentSection {
    /** A stable anchor: the element id or a fixed name (`lagstöd`). */
    id: string;
    title: string;
    blocks: DocumentBlock[];
    children: DocumentSection[];
}

export type DocumentBlock =
    | { type: 'paragraph'; text: string; style?: 'prose' | 'note' | 'formula' }
    | { type: 'table'; header: string[]; rows: string[][]; numeric?: boolean[]; caption?: string }
    | { type: 'list'; items: string[] }
    | { type: 'facts'; items: Array<[string, string]> }
    | { type: 'chart'; chart: LineChart }
    | { type: 'regions'; chart: RegionChart };

/** Amounts by level, one line per version (a level table and the tables that follow it). */
export interface LineChart {
    title: string;
    xLabel: string;
    yLabel: string;
    /** `y: null`: the amount is not given (`ej angivet`) at that level, drawn as a gap in the line, not bridged. */
    series: Array<{ name: string; points: Array<{ x: number; y: number | null }> }>;
}

/** Where a förlopp model places citizens: one band per region, coloured by its answer. */
export interface RegionChart {
    title: string;
    regions: Array<{ text: string; placement: string }>;
}
