// How a message shows a value the author wrote.

/** A value as the author wrote it, for every message: JSON (one line, quoted), a Date as its ISO instant. */
export function show(value: unknown): string {
  return value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? String(value));
}
