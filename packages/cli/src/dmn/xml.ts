/**
 * A small XML writer for the DMN export: elements with attributes in the order given and text
 * escaped, indented by four spaces, so two runs over the same policy give the same bytes.
 */
export interface XmlElement {
    name: string;
    attributes?: ReadonlyArray<readonly [string, string | number | undefined]>;
    children?: ReadonlyArray<XmlElement | undefined>;
    text?: string;
}

export function xmlEscape(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function element(name: string, attributes: XmlElement['attributes'] = [], children: XmlElement['children'] = [], text?: string): XmlElement {
    return { name, attributes, children, ...(text !== undefined ? { text } : {}) };
}

export function renderXml(root: XmlElement): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root, '')}\n`;
}

function render(node: XmlElement, indent: string): string {
    const attributes = (node.attributes ?? [])
        .filter((pair): pair is readonly [string, string | number] => pair[1] !== undefined)
        .map(([key, value]) => ` ${key}="${xmlEscape(String(value))}"`).join('');
    const children = (node.children ?? []).filter((child): child is XmlElement => child !== undefined);
    if (node.text !== undefined) {
        return `${indent}<${node.name}${attributes}>${xmlEscape(node.text)}</${node.name}>`;
    }
    if (children.length === 0) {
        return `${indent}<${node.name}${attributes}/>`;
    }
    return [`${indent}<${node.name}${attributes}>`, ...children.map(child => render(child, `${indent}    `)), `${indent}</${node.name}>`].join('\n');
}
