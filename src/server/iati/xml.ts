// Reading and writing IATI XML with fast-xml-parser. Elements are plain objects: attributes as
// "@_name", text as "#text"; the writer keeps the key order, which the IATI schema's sequences need.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlNode[] | string[] | undefined;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: true, indentBy: '  ', suppressEmptyNode: true, processEntities: true });

/** The document as text, with its XML declaration. */
export function writeXml(root: XmlNode): string {
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, ...root }) as string;
}

/** `<narrative>text</narrative>`, newlines as LF (what any XML reader sees anyway). */
export const narrative = (text: string): XmlNode => ({ narrative: { '#text': text.replace(/\r\n?/g, '\n') } });

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Text exactly as written (a description's line breaks and spaces are part of it).
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: false,
  // Every element is a list, so one or many read alike; attributes are plain values.
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
});

/** A parsed element: its attributes and children, every child element a list. */
export type Element = { [key: string]: Element[] | string | undefined };

export function parseXml(xml: string): Element {
  return parser.parse(xml) as Element;
}

export const children = (element: Element | undefined, name: string): Element[] => {
  const value = element?.[name];
  return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? ({ '#text': v } as Element) : v)) : [];
};
export const attr = (element: Element | undefined, name: string): string | undefined => {
  const value = element?.[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
};
export const textOf = (element: Element | undefined): string => {
  const value = element?.['#text'];
  return typeof value === 'string' ? value : '';
};
/** The names of an element's child elements (not attributes, not text). */
export const childNames = (element: Element): string[] => Object.keys(element).filter((k) => !k.startsWith('@_') && k !== '#text');
