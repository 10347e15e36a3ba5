/**
 * Warms the analysis up on the first long agreement opened, while the user reads it: a few analyses of
 * its text with a letter typed in (core/warmup.ts), results discarded. Each step is its own turn of
 * the event loop, so a keystroke or request arriving meanwhile waits for one step at most, and any
 * change to a document stops the round. Once per process: compiled code serves every document.
 */
import { typedVariant } from "../core/warmup";

/** Below this a keystroke's analysis is quick even in a fresh process; above it, warming costs too much. */
const MIN_LENGTH = 64 * 1024;
const MAX_LENGTH = 1024 * 1024;
/**
 * Over stdio on a 50k-word agreement, after 8 steps the first three keystrokes still took 90-110 ms
 * against 55 ms later; after 16 they took 55-80 ms. Later, on faster code, 32 steps against 16 (three
 * batches of 5, 5 and 6 alternations, typing 3 s after opening): median p95 of 50 keystrokes 35 against
 * 40, 48 against 52 and 34 against 43.5 ms. About 2 s of one core, once per process.
 */
const STEPS = 32;
/** A round ends once it has taken this long: steps are slower on longer documents, and the user likelier to type. */
const MAX_ROUND_MS = 2_500;
/**
 * A step slower than this ends the warm-up: a keystroke arriving meanwhile would wait that long, and
 * a round of them would keep a core busy for seconds (pathological Markdown). A step on a 50k-word
 * agreement took 55-150 ms.
 */
const MAX_STEP_MS = 400;

export interface WarmupOptions {
  /** A document's current text, or undefined once it is closed. */
  text: (uri: string) => string | undefined;
  /**
   * Analyses `text` in place of the document's, as a keystroke would, and drops the result; false
   * when the document has no analysis yet to follow.
   */
  step: (uri: string, text: string) => boolean;
  /** When the last analysis of any document ended (`performance.now()`): quiet time counts from there. */
  analysedAt: () => number;
  /** Quiet time, after the last change and the last analysis, before warming starts. */
  idleMs?: number;
  /** Called once the warm-up is over, with how many steps ran and their total time. */
  finished?: (uri: string, steps: number, ms: number) => void;
}

/** Runs the once-per-process warm-up when the user pauses on a long document. */
export class Warmup {
  private done = false;
  /** Bumped by every open and change: a round stops as soon as it moves. */
  private activity = 0;
  /** Keystrokes already analysed in long documents: the user's own typing warms up as well. */
  private typed = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WarmupOptions) {}

  /** A document was opened (`changed` false) or changed: warm up once the user pauses, if still needed. */
  touched(uri: string, length: number, changed: boolean): void {
    this.activity++;
    if (this.done || length < MIN_LENGTH || length > MAX_LENGTH) return;
    if (changed && ++this.typed >= STEPS) {
      this.done = true;
      return;
    }
    this.arm(uri, this.activity, this.idleMs);
  }

  private get idleMs(): number {
    return this.options.idleMs ?? 1_000;
  }

  private arm(uri: string, activity: number, ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // Opening a long agreement takes about a second to analyse: the pause starts after that.
      const quiet = performance.now() - this.options.analysedAt();
      if (quiet < this.idleMs) this.arm(uri, activity, this.idleMs - quiet);
      else this.round(uri, activity);
    }, ms);
    this.timer.unref();
  }

  private round(uri: string, activity: number, k = 0, spent = 0): void {
    if (this.done || this.activity !== activity) return;
    const text = this.options.text(uri);
    const variant = text === undefined ? null : typedVariant(text, k);
    const started = performance.now();
    if (variant === null || !this.options.step(uri, variant)) return;
    const took = performance.now() - started;
    spent += took;
    if (k + 1 >= STEPS || took > MAX_STEP_MS || spent >= MAX_ROUND_MS) {
      this.done = true;
      this.options.finished?.(uri, k + 1, spent);
      return;
    }
    // Not unref'd: an unref'd immediate waits for the next I/O event, a second or more when idle.
    setImmediate(() => this.round(uri, activity, k + 1, spent));
  }
}
