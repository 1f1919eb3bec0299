/**
 * Rewrites the generated definitions section of docs/analysis.md from the code's definitions:
 * `npx tsx tests/unit/shared/analysis/write-definitions.ts`. definitions-doc.test.ts fails when they drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderDefinitionsMarkdown } from '../../../../shared/analysis';
import { EXAMPLE_2024, EXAMPLE_2025 } from './fixtures';

export const DOC_PATH = fileURLToPath(new URL('../../../../docs/analysis.md', import.meta.url));
const BEGIN = /<!-- BEGIN GENERATED[^>]*-->\n/;
const END = '<!-- END GENERATED -->';

/** The document with its generated section replaced by `generated`. */
export function withDefinitions(doc: string, generated: string): string {
  const begin = BEGIN.exec(doc);
  const end = doc.indexOf(END);
  if (!begin || end < begin.index) throw new Error('docs/analysis.md lacks the generated-section markers');
  return doc.slice(0, begin.index + begin[0].length) + generated + doc.slice(end);
}

/** The generated section, worked on the public document's own two items. */
export function renderedDefinitions(): string {
  return renderDefinitionsMarkdown({ fullYear: EXAMPLE_2024, yearToDate: EXAMPLE_2025 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(DOC_PATH, withDefinitions(readFileSync(DOC_PATH, 'utf8'), renderedDefinitions()));
}
