import type { Clock } from '../../../server/crm/hubspot';

/**
 * A clock the test moves: `now` is a number the test sets (shared with the store's clock), and
 * timers fire only when {@link ManualClock.advance} passes their time. Nothing waits on real time,
 * so a timeout or a backoff is a step of the test, never a race with the machine's speed.
 */
export class ManualClock implements Clock {
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;

  constructor(private readonly time: { now: number }) {}

  now(): number {
    return this.time.now;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.time.now + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Timers not yet fired nor cancelled. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time on by `ms`, firing each timer that comes due, in order. */
  advance(ms: number): void {
    const until = this.time.now + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time.now = Math.max(this.time.now, due.at);
      due.fn();
    }
    this.time.now = until;
  }
}
