/** Small Markdown helpers shared by the report renderers. */

/** A Markdown table cell: pipes escaped, newlines flattened. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** USD with as many decimals as the amount needs. */
export function usd(value: number): string {
  return `$${value.toFixed(value >= 100 ? 0 : value >= 1 ? 2 : 4)}`;
}

export function tokens(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (value >= 10_000) return `${Math.round(value / 1000)}k`;
  if (value >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return String(value);
}
