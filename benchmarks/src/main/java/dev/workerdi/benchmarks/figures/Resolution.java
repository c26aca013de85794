package dev.workerdi.benchmarks.figures;

import dev.workerdi.benchmarks.jmh.ResolutionBenchmark;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Row;
import dev.workerdi.benchmarks.report.Target;
import java.util.Locale;
import java.util.Map;

/** Figure 7: {@link ResolutionBenchmark} under JMH with {@code -prof gc}. */
public final class Resolution implements Figure {
  @Override
  public String id() {
    return "7";
  }

  @Override
  public String title() {
    return "Resolution of built instances (JMH)";
  }

  @Override
  public void run(BenchContext context, FigureResult out) throws Exception {
    Map<String, Jmh.Score> scores = Jmh.run(ResolutionBenchmark.class, context);
    Jmh.Score singleton = scores.get("guiceSingleton");
    String baseline = "Guice singleton getInstance " + singleton.text() + ", " + bytes(singleton);
    row(
        out,
        "injector.getInstance of a @WorkerScoped binding, ns/op",
        scores.get("workerScoped"),
        singleton,
        baseline,
        Target.atMost(1.10));
    row(
        out,
        "injector.getInstance of a @CoroutineScoped binding, ns/op",
        scores.get("coroutineScoped"),
        singleton,
        baseline,
        Target.atMost(1.10));
    Jmh.Score singletonProvider = scores.get("guiceSingletonProvider");
    String providerBaseline =
        "Guice singleton Provider.get "
            + singletonProvider.text()
            + ", "
            + bytes(singletonProvider);
    row(
        out,
        "Provider.get of a @WorkerScoped binding (provider held by the caller), ns/op",
        scores.get("workerScopedProvider"),
        singletonProvider,
        providerBaseline,
        Target.atMost(1.10));
    row(
        out,
        "Provider.get of a @CoroutineScoped binding (provider held by the caller), ns/op",
        scores.get("coroutineScopedProvider"),
        singletonProvider,
        providerBaseline,
        Target.atMost(1.10));
    row(
        out,
        "Di.get(\"key\") of a worker-bound recipe, ns/op",
        scores.get("diGetRecipe"),
        singleton,
        baseline,
        Target.report());
    Jmh.Score coroutineProvider = scores.get("coroutineScopedProvider");
    Jmh.Score workerProvider = scores.get("workerScopedProvider");
    out.finding(
        String.format(
            Locale.ROOT,
            "Resolving an already-built scoped instance through a held `Provider` "
                + "costs %.1f ns (worker scope) and %.1f ns (coroutine scope) against %.1f ns for a Guice singleton: "
                + "each call reads the thread's context (`Current.worker()`/`Current.coroutine()`, a plain `ThreadLocal`), "
                + "then the built instance in its store by a slot key made once per binding (`ScopedProvider`, "
                + "`ScopeStore.builtOr`), allocating nothing; where the key was declared is looked up only to build "
                + "or to report an error. `Di.get` of a recipe is %.1f ns. Small in "
                + "absolute terms; `injector.getInstance` itself (Guice making a `Key` and finding its provider on every call, %.0f B) "
                + "dominates the ratios of the target.",
            workerProvider.score(),
            coroutineProvider.score(),
            singletonProvider.score(),
            scores.get("diGetRecipe").score(),
            singleton.allocBytes()));
    out.note(
        "Figure 7: JMH 1.37, average time, "
            + (context.config().quick()
                ? "1 fork × 3 × 0.5 s"
                : "2 forks × " + "5 × 1 s after 3 × 1 s of warm-up")
            + ", one thread, `-prof gc`; values are JMH's mean ± its 99.9 % "
            + "confidence half-width; the ratio's interval spans the iterations (fastest over slowest to slowest over "
            + "fastest). Every instance is built before measuring; the benchmark thread is a "
            + "coroutine of one worker (`WorkerContext.openCoroutine`).");
    if (out.missed()) {
      out.note(
          "Figure 7 missed: a built scoped instance is a thread-local read and a lookup in the "
              + "context's store (a `ConcurrentHashMap` for a worker, a short array for a coroutine) behind Guice's own "
              + "provision, which is the same on both sides; a Guice singleton is one field read there. On a shared "
              + "machine the difference (a few nanoseconds) is within the run-to-run spread of the ratio.");
    }
  }

  private void row(
      FigureResult out,
      String measure,
      Jmh.Score score,
      Jmh.Score singleton,
      String baseline,
      Target target) {
    out.row(
        Row.of(
            id(),
            measure,
            score.text() + ", " + bytes(score),
            baseline,
            "÷ singleton",
            score.ratio(singleton),
            target));
  }

  private static String bytes(Jmh.Score score) {
    return Double.isNaN(score.allocBytes())
        ? "alloc ?"
        : String.format(Locale.ROOT, "%.0f B/op", score.allocBytes());
  }
}
