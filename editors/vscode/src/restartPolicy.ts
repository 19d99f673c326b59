// When a server that stopped unexpectedly is started again, and when the extension gives up and
// tells the user once. Pure (the clock is passed in), so the unit tests run under plain Node.
// Must not show anything itself: the extension turns a "give up" into its one error message.

export interface RestartPolicyOptions {
  /// How many restarts are allowed within `windowMilliseconds`.
  readonly maxRestarts: number;
  readonly windowMilliseconds: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxRestarts: 3, windowMilliseconds: 3 * 60 * 1000 };

/// Counts crashes of a running server. A server that never came up (missing, not executable,
/// wrong platform, failing `initialize`) is not restarted at all: that is `startFailed`.
export class RestartPolicy {
  private crashTimes: number[] = [];
  private gaveUp = false;

  constructor(private readonly options: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /// The server closed its connection at `now`: restart it, or give up (then for good, until
  /// `reset`)?
  onCrash(now: number): "restart" | "give-up" {
    if (this.gaveUp) {
      return "give-up";
    }
    this.crashTimes = this.crashTimes.filter((time) => now - time < this.options.windowMilliseconds);
    this.crashTimes.push(now);
    if (this.crashTimes.length > this.options.maxRestarts) {
      this.gaveUp = true;
      return "give-up";
    }
    return "restart";
  }

  /// Whether the user has already been told that the server stays stopped.
  get hasGivenUp(): boolean {
    return this.gaveUp;
  }

  /// A restart the user asked for (command, changed binary) starts counting afresh.
  reset(): void {
    this.crashTimes = [];
    this.gaveUp = false;
  }
}
