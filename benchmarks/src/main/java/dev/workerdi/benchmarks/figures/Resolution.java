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
    row(out, "injector.getInstance of a @WorkerScoped binding, ns/op", scores.get("workerScoped"), singleton,
        baseline, Target.atMost(2.0));
    row(out, "injector.getInstance of a @CoroutineScoped binding, ns/op", scores.get("coroutineScoped"), singleton,
        baseline, Target.atMost(2.0));
    Jmh.Score singletonProvider = scores.get("guiceSingletonProvider");
    String providerBaseline = "Guice singleton Provider.get " + singletonProvider.text() + ", " + bytes(singletonProvider);
    row(out, "Provider.get of a @WorkerScoped binding (provider held by the caller), ns/op",
        scores.get("workerScopedProvider"), singletonProvider, providerBaseline, Target.report());
    row(out, "Provider.get of a @CoroutineScoped binding (provider held by the caller), ns/op",
        scores.get("coroutineScopedProvider"), singletonProvider, providerBaseline, Target.report());
    row(out, "Di.get(\"key\") of a worker-bound recipe, ns/op", scores.get("diGetRecipe"), singleton, baseline,
        Target.report());
    Jmh.Score coroutineProvider = scores.get("coroutineScopedProvider");
    Jmh.Score workerProvider = scores.get("workerScopedProvider");
    out.finding(String.format(Locale.ROOT, "Resolving an already-built scoped instance through a held `Provider` "
            + "costs %.1f ns (worker scope) and %.1f ns (coroutine scope) against %.1f ns for a Guice singleton: "
            + "each call reads the thread's context through `WorkerContext.current()`/`CoroutineContext.current()` "
            + "(a `ThreadLocal` wrapped in an `Optional`, with an `orElseThrow` lambda), looks up "
            + "`ContextScope.declaredAt(key)` in a map although only errors use it, and recomputes the `ScopedKey` "
            + "record's hash for the lookup in `InstanceStore.get`. `Di.get` of a recipe is %.1f ns. Small in "
            + "absolute terms; `injector.getInstance` itself (Guice making a `Key` and finding its provider on every call, %.0f B) "
            + "dominates the ratios of the target.",
        workerProvider.score(), coroutineProvider.score(), singletonProvider.score(), scores.get("diGetRecipe")
            .score(), singleton.allocBytes()));
    out.note("Figure 7: JMH 1.37, average time, " + (context.config().quick() ? "1 fork × 3 × 0.5 s" : "2 forks × "
        + "5 × 1 s after 3 × 1 s of warm-up") + ", one thread, `-prof gc`; values are JMH's mean ± its 99.9 % "
        + "confidence half-width; the ratio's interval spans the iterations (fastest over slowest to slowest over "
        + "fastest). Every instance is built before measuring; the benchmark thread is a "
        + "coroutine of one worker (`WorkerContext.openCoroutine`).");
    if (out.missed()) {
      out.note("Figure 7 missed: a scoped lookup asks `WorkerContext.current()` / `CoroutineContext.current()` (a "
          + "`ThreadLocal` wrapped in an `Optional`), then the context's `InstanceStore` (a `ConcurrentHashMap` "
          + "keyed by a record of scope and key), and looks up where the key was declared "
          + "(`ContextScope.declaredAt`, another map lookup made on every call although it is only needed for "
          + "errors); a Guice singleton is one field read behind Guice's own provision. What would close it: pass "
          + "the declaration lazily (a supplier) to `InstanceStore.get`, keep the slot object in the scoped "
          + "provider and cache the last context's value per thread.");
    }
  }

  private void row(FigureResult out, String measure, Jmh.Score score, Jmh.Score singleton, String baseline,
      Target target) {
    out.row(Row.of(id(), measure, score.text() + ", " + bytes(score), baseline, "÷ singleton",
        score.ratio(singleton), target));
  }

  private static String bytes(Jmh.Score score) {
    return Double.isNaN(score.allocBytes()) ? "alloc ?" : String.format(Locale.ROOT, "%.0f B/op", score.allocBytes());
  }
}
