// Reads bank statements exported as CSV: detects the delimiter and skips the line of column names.

/** Semicolon files come from European banks; comma is the default delimiter. */
export function sniffDelimiter(sample: string): string {
  const count = (c: string) => sample.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

export function readStatement(text: string): string[][] {
  const lines = text.trim().split("\n");
  const delimiter = sniffDelimiter(text.slice(0, 2048));
  return lines
    .slice(1)
    .filter((line) => line !== lines[0])
    .map((line) => line.split(delimiter));
}
