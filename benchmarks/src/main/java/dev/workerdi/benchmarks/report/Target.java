package dev.workerdi.benchmarks.report;

import java.util.Locale;

/**
 * What a ratio must be: at most or at least a bound, judged on the median of the runs, or nothing
 * (the figure is only reported). Immutable.
 *
 * @param text as printed, for example {@code ≤ 1.10}
 * @param bound the bound, NaN for none
 * @param atMost whether the ratio must not exceed the bound (else: must reach it)
 */
public record Target(String text, double bound, boolean atMost) {

  /** The ratio's median must be {@code bound} or less. */
  public static Target atMost(double bound) {
    return new Target(String.format(Locale.ROOT, "≤ %.2f", bound), bound, true);
  }

  /** The ratio's median must be {@code bound} or more. */
  public static Target atLeast(double bound) {
    return new Target(String.format(Locale.ROOT, "≥ %.2f", bound), bound, false);
  }

  /** Reported only. */
  public static Target report() {
    return new Target("report", Double.NaN, false);
  }

  /** An exact count that must be reached, such as zero pinning events. */
  public static Target exactly(String text) {
    return new Target(text, Double.NaN, true);
  }

  /** Whether the target has a bound to check. */
  public boolean checked() {
    return !Double.isNaN(bound);
  }

  /** Whether {@code ratio} (its median) meets the bound. */
  public boolean met(Spread ratio) {
    return atMost ? ratio.median() <= bound : ratio.median() >= bound;
  }
}
