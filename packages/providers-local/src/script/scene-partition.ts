/**
 * Splits consecutive sentences into `sceneCount` scenes (fewer when there are fewer sentences),
 * keeping their order and making the scenes' word counts as even as possible (least squares,
 * dynamic programming). A scene that starts anywhere but a preferred sentence (a new point,
 * say) costs as much as being 30% off the even length. Returns the sentence indexes per scene.
 */
export function partitionIntoScenes(
  wordCounts: number[],
  sceneCount: number,
  preferredStarts: boolean[] = [],
): number[][] {
  const sentences = wordCounts.length;
  if (sentences === 0) return [];
  const scenes = Math.max(1, Math.min(Math.floor(sceneCount), sentences));
  const prefix = [0];
  for (const words of wordCounts) prefix.push(prefix[prefix.length - 1] + words);
  const ideal = prefix[sentences] / scenes;
  const offBoundaryPenalty = preferredStarts.length > 0 ? (0.3 * ideal) ** 2 : 0;
  const cost = (from: number, to: number) =>
    (prefix[to] - prefix[from] - ideal) ** 2 + (from > 0 && !preferredStarts[from] ? offBoundaryPenalty : 0);

  // best[k][i]: lowest cost of putting the first i sentences into k scenes; cut[k][i]: where the k-th scene starts.
  const best = Array.from({ length: scenes + 1 }, () =>
    new Array<number>(sentences + 1).fill(Number.POSITIVE_INFINITY),
  );
  const cut = Array.from({ length: scenes + 1 }, () => new Array<number>(sentences + 1).fill(0));
  best[0][0] = 0;
  for (let scene = 1; scene <= scenes; scene++) {
    for (let end = scene; end <= sentences - (scenes - scene); end++) {
      for (let start = scene - 1; start < end; start++) {
        const candidate = best[scene - 1][start] + cost(start, end);
        if (candidate < best[scene][end]) {
          best[scene][end] = candidate;
          cut[scene][end] = start;
        }
      }
    }
  }

  const groups: number[][] = [];
  let end = sentences;
  for (let scene = scenes; scene >= 1; scene--) {
    const start = cut[scene][end];
    groups.unshift(Array.from({ length: end - start }, (_, offset) => start + offset));
    end = start;
  }
  return groups;
}
