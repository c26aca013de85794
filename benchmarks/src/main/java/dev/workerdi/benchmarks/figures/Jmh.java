package dev.workerdi.benchmarks.figures;

import dev.workerdi.benchmarks.report.Spread;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs one JMH benchmark class with the GC profiler ({@code -prof gc}) and returns each method's
 * score and allocation per call. Full mode: 2 forks × (3 × 1 s warm-up, 5 × 1 s measurement);
 * quick: 1 fork, shorter; smoke test: in this JVM, one short iteration. Stateless.
 */
final class Jmh {
  private Jmh() {}

  /**
   * One method's result.
   *
   * @param score the mean, ns/op
   * @param error JMH's half-width of the 99.9 % confidence interval (NaN with too few iterations)
   * @param min the fastest iteration
   * @param max the slowest iteration
   * @param iterations measured iterations over all forks
   * @param allocBytes bytes allocated per call ({@code gc.alloc.rate.norm})
   */
  record Score(
      double score, double error, double min, double max, long iterations, double allocBytes) {
    /** {@code score ± error ns (n iterations)}. */
    String text() {
      return Double.isNaN(error)
          ? String.format(java.util.Locale.ROOT, "%.1f ns", score)
          : String.format(java.util.Locale.ROOT, "%.1f ± %.1f ns", score, error);
    }

    /**
     * This score divided by {@code other}'s; the interval goes from this side's fastest iteration
     * over the other's slowest to this side's slowest over the other's fastest.
     */
    Spread ratio(Score other) {
      return new Spread(
          min / other.max,
          score / other.score,
          max / other.min,
          (int) Math.min(iterations, other.iterations));
    }
  }

  /** Runs every benchmark method of {@code type}; keyed by method name. */
  static Map<String, Score> run(Class<?> type, BenchContext context) throws Exception {
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(java.util.regex.Pattern.quote(type.getName()) + "\\..*")
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .jvmArgsAppend(
                "--sun-misc-unsafe-memory-access=allow",
                "-Xmx1g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    if (context.config().smoke()) {
      options
          .forks(0)
          .warmupIterations(0)
          .measurementIterations(1)
          .measurementTime(TimeValue.milliseconds(50));
    } else if (context.config().quick()) {
      options
          .forks(1)
          .warmupIterations(2)
          .warmupTime(TimeValue.milliseconds(500))
          .measurementIterations(3)
          .measurementTime(TimeValue.milliseconds(500));
    } else {
      options
          .forks(2)
          .warmupIterations(3)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, Score> scores = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      Result<?> primary = result.getPrimaryResult();
      Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
      scores.put(
          method,
          new Score(
              primary.getScore(),
              primary.getScoreError(),
              primary.getStatistics().getMin(),
              primary.getStatistics().getMax(),
              primary.getStatistics().getN(),
              alloc == null ? Double.NaN : alloc.getScore()));
    }
    return scores;
  }
}
