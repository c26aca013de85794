package dev.workerdi.benchmarks.report;

import java.util.Arrays;
import java.util.Locale;

/**
 * The spread of one measure over repeated runs: minimum, median and maximum of {@code runs} values.
 * Immutable.
 *
 * @param min the smallest value
 * @param median the median (the mean of the two middle values for an even count)
 * @param max the largest value
 * @param runs how many values
 */
public record Spread(double min, double median, double max, int runs) {

  /** The spread of {@code values}; at least one. */
  public static Spread of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Spread(sorted[0], median, sorted[n - 1], n);
  }

  /** One value measured once. */
  public static Spread single(double value) {
    return new Spread(value, value, value, 1);
  }

  /** Each value divided by the one of {@code other} at the same index (run by run ratios). */
  public static Spread ratios(double[] numerators, double[] denominators) {
    double[] ratios = new double[numerators.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerators[i] / denominators[i];
    }
    return of(ratios);
  }

  /** {@code median [min–max]} with {@code decimals} digits; just the value when measured once. */
  public String format(int decimals) {
    String pattern = "%." + decimals + "f";
    String median = String.format(Locale.ROOT, pattern, this.median);
    if (runs == 1 || min == max) {
      return median + (runs == 1 ? " (1 run)" : "");
    }
    return median
        + " ["
        + String.format(Locale.ROOT, pattern, min)
        + "–"
        + String.format(Locale.ROOT, pattern, max)
        + "]";
  }

  /**
   * {@link #format(int)} with as many decimals as the magnitude of the median needs for 3 digits.
   */
  public String format() {
    double magnitude = Math.abs(median);
    int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
    return format(decimals);
  }
}
