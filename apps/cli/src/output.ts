/** A plain text table: columns padded to their widest cell, numbers right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((row) => row[j].length)));
  const line = (row: string[], numeric: boolean) => row.map((cell, j) => (numeric && j > 0 ? cell.padStart(widths[j]) : cell.padEnd(widths[j]))).join('  ').trimEnd();
  return [line(cells[0], false), line(widths.map((w) => '─'.repeat(w)), false), ...cells.slice(1).map((row) => line(row, true))].join('\n');
}

export const degrees = (radians: number) => (radians * 180) / Math.PI;

/** `value` with `digits` decimals, without the sign of a value that rounds to zero ("0.000", not "-0.000"). */
export function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** JSON on stdout; a number JSON cannot hold (a shot that never lands: Infinity) is written as the string "Infinity", not null. */
export function printJson(value: unknown): void {
  const replacer = (_key: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
  process.stdout.write(`${JSON.stringify(value, replacer, 2)}\n`);
}

/** A command's help: text for a reader, or `{ "help": text }` with --json. */
export function printHelp(text: string, json: boolean): void {
  if (json) printJson({ help: text });
  else console.log(text);
}
