package dev.workerdi.benchmarks.report;

/**
 * One line of the results table. Immutable.
 *
 * @param figure the figure number, such as {@code 2}
 * @param measure what is measured, with its unit
 * @param product the product's value (formatted)
 * @param baseline the baseline's name and value (formatted)
 * @param ratioLabel how the ratio is formed, for example {@code lease ÷ raw}
 * @param ratio the run-by-run ratio, or null when there is none
 * @param target the target
 * @param verdict met, missed, reported, or failed
 */
public record Row(
    String figure,
    String measure,
    String product,
    String baseline,
    String ratioLabel,
    Spread ratio,
    Target target,
    Verdict verdict) {

  /** The outcome of a line. */
  public enum Verdict {
    MET("met"),
    MISSED("**missed**"),
    REPORTED("—"),
    FAILED("**failed**");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A line whose verdict follows from the ratio and the target. */
  public static Row of(
      String figure,
      String measure,
      String product,
      String baseline,
      String ratioLabel,
      Spread ratio,
      Target target) {
    Verdict verdict =
        !target.checked() ? Verdict.REPORTED : target.met(ratio) ? Verdict.MET : Verdict.MISSED;
    return new Row(figure, measure, product, baseline, ratioLabel, ratio, target, verdict);
  }

  /** A line with a verdict decided by the caller (counts such as pinning events). */
  public static Row judged(
      String figure, String measure, String product, String baseline, Target target, boolean met) {
    return new Row(
        figure, measure, product, baseline, "", null, target, met ? Verdict.MET : Verdict.MISSED);
  }

  /** A value reported without a ratio or a target. */
  public static Row reported(String figure, String measure, String product, String baseline) {
    return new Row(figure, measure, product, baseline, "", null, Target.report(), Verdict.REPORTED);
  }

  /** A line that failed to measure. */
  public static Row failed(String figure, String measure, String error) {
    return new Row(figure, measure, error, "", "", null, Target.report(), Verdict.FAILED);
  }

  /** The ratio as printed. */
  public String ratioText() {
    if (ratio == null) {
      return ratioLabel.isEmpty() ? "" : ratioLabel;
    }
    return (ratioLabel.isEmpty() ? "" : ratioLabel + ": ")
        + ratio.format(2)
        + (ratio.runs() > 1 ? ", " + ratio.runs() + " runs" : "");
  }
}
