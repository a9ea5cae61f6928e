/** Maps offsets in a text to 1-based line and column numbers. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** Replaces a span with spaces, keeping newlines, so that offsets and lines of the rest stay valid. */
export function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** http and https URLs only: relative links, mailto: and the like are not web links to check. */
export function isWebUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}
