// Validating IATI files against the official 2.03 schemas (schemas/iati-2.03/, unchanged copies)
// with libxml2's own validator compiled to WebAssembly (xmllint-wasm): the same checks as Debian's
// `xmllint --schema`, with no program to install beside npm.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/** The folder of the schemas, from src/server/iati or dist/server/iati alike. */
export const IATI_SCHEMA_DIR = fileURLToPath(new URL('../../../schemas/iati-2.03/', import.meta.url));

export type IatiDocument = 'activities' | 'organisations';
const MAIN: Record<IatiDocument, string> = { activities: 'iati-activities-schema.xsd', organisations: 'iati-organisations-schema.xsd' };

let files: Map<string, string> | null = null;
function schemaFiles(): Map<string, string> {
  files ??= new Map(['iati-activities-schema.xsd', 'iati-organisations-schema.xsd', 'iati-common.xsd', 'xml.xsd'].map((name) => [name, readFileSync(`${IATI_SCHEMA_DIR}${name}`, 'utf8')]));
  return files;
}

export interface SchemaError {
  line: number | null;
  message: string;
}

/** Validates the document against the schema; the errors as libxml2 states them, with line numbers. */
export async function validateIati(xml: string, document: IatiDocument): Promise<{ valid: boolean; errors: SchemaError[] }> {
  const all = schemaFiles();
  const main = MAIN[document];
  const result = await validateXML({
    xml: [{ fileName: 'upload.xml', contents: xml }],
    schema: [{ fileName: main, contents: all.get(main)! }],
    preload: [...all.entries()].filter(([name]) => name !== main).map(([fileName, contents]) => ({ fileName, contents })),
    // Large files from donor databases: up to 512 MiB of memory for the validator.
    maxMemoryPages: 8192,
  });
  return {
    valid: result.valid,
    errors: result.errors.map((e) => ({ line: e.loc?.lineNumber ?? null, message: e.message.replace(/^upload\.xml:\d+:\s*/, '').trim() })),
  };
}
