import { type Variable, variables } from './variables';

export interface ConfigVariableDescription {
  readonly name: string;
  /** The default as a person reads it; "—" when there is none. */
  readonly default: string;
  readonly description: string;
}

/** The variables Poise reads, for `poise config` and the README; generated from the same table loadConfig uses. */
export function describeConfig(): readonly ConfigVariableDescription[] {
  return variables.map((variable) => ({
    name: variable.name,
    default: describeDefault(variable),
    description: variable.description,
  }));
}

/**
 * The variable table as Markdown with padded columns, readable in a terminal as it is, and laid out the
 * way Biome formats Markdown, so packages/config/README.md can embed the exact text.
 */
export function configTableMarkdown(): string {
  const rows = describeConfig().map((row) => [`\`${row.name}\``, row.default, row.description]);
  const header = ['Variable', 'Default', 'Description'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function describeDefault(variable: Variable<unknown>): string {
  if (variable.defaultText !== undefined) return variable.defaultText;
  if ('fallback' in variable && typeof variable.fallback === 'string') return variable.fallback;
  return '—';
}
