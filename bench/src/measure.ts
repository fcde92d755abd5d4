/**
 * Figures, goals and the arithmetic of a fair comparison: warm-up, several rounds with the
 * project and its baseline alternating (ABBA) so drift on a shared machine falls on both, and the
 * median of the rounds.
 */

export interface Goal {
  /** What the goal is about: the ratio to the baseline, or the figure itself (e.g. RSS in MB). */
  on: 'ratio' | 'value';
  op: '>=' | '<=' | '<';
  target: number;
}

export interface Figure {
  stage: string;
  /** What is measured, e.g. "feeds/s". */
  name: string;
  unit: string;
  /** Akhbar's figure (median of rounds). */
  value: number;
  /** The baseline's figure, measured in the same run on the same inputs. */
  baseline?: number;
  /** What the baseline is, e.g. "rss-parser.parseString". */
  baselineLabel?: string;
  /** value / baseline. */
  ratio?: number;
  goal?: Goal;
  /** Whether the goal is met; undefined without a goal. */
  met?: boolean;
  rounds?: number[];
  baselineRounds?: number[];
  note?: string;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank]!;
}

/** Build a figure, computing the ratio and whether the goal is met. */
export function figure(f: Omit<Figure, 'ratio' | 'met'>): Figure {
  const out: Figure = { ...f };
  if (f.baseline !== undefined && Number.isFinite(f.baseline) && f.baseline !== 0) out.ratio = f.value / f.baseline;
  if (f.goal) {
    const x = f.goal.on === 'ratio' ? out.ratio : f.value;
    if (x !== undefined && Number.isFinite(x)) {
      out.met = f.goal.op === '>=' ? x >= f.goal.target : f.goal.op === '<=' ? x <= f.goal.target : x < f.goal.target;
    } else {
      out.met = false;
    }
  }
  return out;
}

export interface Paired {
  project: number[];
  baseline: number[];
}

/**
 * Run `warmup` unmeasured rounds of each side, then `rounds` measured ones, alternating which side
 * goes first (A B, B A, A B …). Each call returns its own figure (say, items per second).
 */
export async function paired(rounds: number, warmup: number, project: () => Promise<number>, baseline: () => Promise<number>): Promise<Paired> {
  for (let i = 0; i < warmup; i++) {
    await baseline();
    await project();
  }
  const out: Paired = { project: [], baseline: [] };
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      out.project.push(await project());
      out.baseline.push(await baseline());
    } else {
      out.baseline.push(await baseline());
      out.project.push(await project());
    }
  }
  return out;
}

/** Wall time of `fn` in seconds. */
export async function seconds(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

function fmt(n: number | undefined, digits = 3): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a >= 1000) return Math.round(n).toLocaleString('en-US');
  if (a >= 100) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  return n.toPrecision(digits);
}

export function goalText(g: Goal | undefined): string {
  if (!g) return '—';
  const op = g.op === '>=' ? '≥' : g.op === '<=' ? '≤' : '<';
  return g.on === 'ratio' ? `ratio ${op} ${g.target}` : `${op} ${g.target}`;
}

function cell(f: Figure): { value: string; baseline: string; ratio: string; goal: string; result: string } {
  return {
    value: `${fmt(f.value)} ${f.unit}`,
    baseline: f.baseline === undefined ? '—' : `${fmt(f.baseline)} ${f.unit}`,
    ratio: f.ratio === undefined ? '—' : f.ratio.toFixed(2),
    goal: goalText(f.goal),
    result: f.met === undefined ? '' : f.met ? 'met' : 'MISSED',
  };
}

/** The results as a Markdown table (stdout and the README use the same one). */
export function markdownTable(figures: readonly Figure[]): string {
  const lines = ['| stage | figure | Akhbar | baseline | ratio | goal | |', '| --- | --- | ---: | ---: | ---: | --- | --- |'];
  for (const f of figures) {
    const c = cell(f);
    const what = f.baselineLabel ? `${f.name} (vs ${f.baselineLabel})` : f.name;
    lines.push(`| ${f.stage} | ${what} | ${c.value} | ${c.baseline} | ${c.ratio} | ${c.goal} | ${c.result} |`);
  }
  return lines.join('\n');
}
