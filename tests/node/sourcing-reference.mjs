// A second, independent implementation of stats.sourcing (the semantics documented in
// js/README.md and src/result.rs), in JavaScript over a hedgemark/1 result's UTF-16 offsets.
// The Node tests check the engine against it; the browser tests use it to give a hand-made
// fixture result the sourcing summary the engine would compute. Not a test file itself.

/** part / whole rounded half up to thousandths, from integers; 0 when whole is 0. */
export function share(part, whole) {
  if (whole === 0) return 0;
  const p = Math.min(part, whole);
  return Math.floor((2000 * p + whole) / (2 * whole)) / 1000;
}

/** UTF-16 units covered by the spans ({start, end}), each unit once. */
function covered(spans) {
  const sorted = spans.filter((s) => s.start < s.end).sort((a, b) => a.start - b.start || a.end - b.end);
  let total = 0;
  let run = null;
  for (const s of sorted) {
    if (run && s.start <= run.end) run.end = Math.max(run.end, s.end);
    else {
      if (run) total += run.end - run.start;
      run = { start: s.start, end: s.end };
    }
  }
  return total + (run ? run.end - run.start : 0);
}

/** stats.sourcing of `result`, the hedgemark/1 result of `text`. */
export function sourcingOf(text, result) {
  const kinds = new Map(result.sources.map((s) => [s.id, s.kind]));
  const claims = { person: 0, organization: 0, vague: 0, unknown: 0, unsourced: 0 };
  for (const a of result.attributions) {
    if (a.source === null) claims.unsourced++;
    else claims[kinds.get(a.source) ?? "unknown"]++;
  }
  const hedged = new Set(result.hedges.map((h) => h.sentence));
  const overlaps = (a, b) => a.start < b.end && b.start < a.end;
  let unattributed = 0;
  result.sentences.forEach((s, i) => {
    if (hedged.has(i) && !result.attributions.some((a) => overlaps(a.content, s))) unattributed++;
  });
  const direct = result.attributions.filter((a) => a.type === "direct");
  const quoted = covered(direct.map((a) => a.content));
  const bySource = [...result.sources]
    .sort((a, b) => a.id - b.id)
    .map((s) => {
      const own = direct.filter((a) => a.source === s.id);
      const units = covered(own.map((a) => a.content));
      return {
        source: s.id,
        claims: result.attributions.filter((a) => a.source === s.id).length,
        quotes: own.length,
        quoted: units,
        quoted_share: share(units, quoted),
      };
    });
  return {
    claims,
    hedged_claims: hedged.size,
    unattributed_hedged_claims: unattributed,
    quoted,
    quoted_share: share(quoted, text.length),
    by_source: bySource,
  };
}
