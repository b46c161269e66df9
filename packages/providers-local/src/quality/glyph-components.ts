/**
 * Keeps, in a binary mask, only the connected groups of pixels (8-neighbours) small enough to be
 * letters or short runs of touching letters: at most `maxHeight` tall and `maxWidth` wide, and
 * not cut by the top or bottom edge of the mask (the band cuts through the picture there).
 * Thin bright structures of the picture (a pole, a blade, a horizon line) are larger and go.
 * Modifies `mask` in place and returns how many pixels remain.
 */
export function keepGlyphSizedComponents(
  mask: Uint8Array,
  width: number,
  height: number,
  maxWidth: number,
  maxHeight: number,
): number {
  const size = width * height;
  const visited = new Uint8Array(size);
  const stack = new Int32Array(size);
  const component: number[] = [];
  let kept = 0;
  for (let start = 0; start < size; start += 1) {
    if (!mask[start] || visited[start]) continue;
    let top = 0;
    stack[top++] = start;
    visited[start] = 1;
    component.length = 0;
    let left = width;
    let right = -1;
    let upper = height;
    let lower = -1;
    while (top > 0) {
      const pixel = stack[--top];
      component.push(pixel);
      const x = pixel % width;
      const y = (pixel - x) / width;
      if (x < left) left = x;
      if (x > right) right = x;
      if (y < upper) upper = y;
      if (y > lower) lower = y;
      for (let dy = -1; dy <= 1; dy += 1) {
        const row = y + dy;
        if (row < 0 || row >= height) continue;
        for (let dx = -1; dx <= 1; dx += 1) {
          const column = x + dx;
          if (column < 0 || column >= width) continue;
          const neighbour = row * width + column;
          if (mask[neighbour] && !visited[neighbour]) {
            visited[neighbour] = 1;
            stack[top++] = neighbour;
          }
        }
      }
    }
    const fits = right - left + 1 <= maxWidth && lower - upper + 1 <= maxHeight && upper > 0 && lower < height - 1;
    if (fits) kept += component.length;
    else for (const pixel of component) mask[pixel] = 0;
  }
  return kept;
}
