/**
 * Rows `start` to `end` of a column of numbers (an array or a typed array) as a Float64Array of its own: its buffer
 * can be handed to a worker (`transfer`) without detaching the caller's column.
 */
export function ownRows(column: ArrayLike<number>, start: number, end: number): Float64Array {
  if (column instanceof Float64Array) return column.slice(start, end);
  const rows = new Float64Array(end - start);
  for (let i = start; i < end; i++) rows[i - start] = column[i];
  return rows;
}
