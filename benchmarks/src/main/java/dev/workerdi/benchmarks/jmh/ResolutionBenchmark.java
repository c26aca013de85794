package dev.workerdi.benchmarks.jmh;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.CoroutineScoped;
import dev.workerdi.core.Di;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.WorkerScoped;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figure 7: resolving an already-built instance. {@code injector.getInstance} of a
 * {@code @WorkerScoped} and of a {@code @CoroutineScoped} binding, and {@code di.get} of a recipe,
 * against {@code getInstance} of a Guice singleton; and the same through a {@code Provider} the
 * caller holds. The benchmark thread is a coroutine of one worker for each iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResolutionBenchmark {
  /** A worker-scoped service. */
  public static final class PerWorker {
    public PerWorker() {}
  }

  /** A coroutine-scoped service. */
  public static final class PerCoroutine {
    public PerCoroutine() {}
  }

  /** A Guice singleton. */
  public static final class Shared {
    public Shared() {}
  }

  /** A class registered as a recipe (worker-bound). */
  public static final class Recipe {
    public Recipe() {}
  }

  private Di di;
  private Injector injector;
  private WorkerContext worker;
  private CoroutineContext coroutine;
  private Provider<Shared> sharedProvider;
  private Provider<PerWorker> workerProvider;
  private Provider<PerCoroutine> coroutineProvider;

  @Setup(Level.Trial)
  public void setUp() {
    di = Di.create();
    di.set("recipe", Recipe.class);
    injector =
        Guice.createInjector(
            di.module(),
            new AbstractModule() {
              @Override
              protected void configure() {
                bind(PerWorker.class).in(WorkerScoped.class);
                bind(PerCoroutine.class).in(CoroutineScoped.class);
                bind(Shared.class).in(Singleton.class);
              }
            });
    worker = WorkerContext.create(0, "jmh");
    sharedProvider = injector.getProvider(Shared.class);
    workerProvider = injector.getProvider(PerWorker.class);
    coroutineProvider = injector.getProvider(PerCoroutine.class);
  }

  /** Makes this thread a coroutine of the worker and builds every instance once. */
  @Setup(Level.Iteration)
  public void enterCoroutine() {
    coroutine = worker.openCoroutine();
    injector.getInstance(PerWorker.class);
    injector.getInstance(PerCoroutine.class);
    injector.getInstance(Shared.class);
    di.get("recipe");
  }

  @TearDown(Level.Iteration)
  public void leaveCoroutine() {
    coroutine.close();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    worker.close();
    di.close();
  }

  @Benchmark
  public Object guiceSingleton() {
    return injector.getInstance(Shared.class);
  }

  @Benchmark
  public Object workerScoped() {
    return injector.getInstance(PerWorker.class);
  }

  @Benchmark
  public Object coroutineScoped() {
    return injector.getInstance(PerCoroutine.class);
  }

  /** The usual injection path: a {@code Provider} held by the caller. */
  @Benchmark
  public Object guiceSingletonProvider() {
    return sharedProvider.get();
  }

  @Benchmark
  public Object workerScopedProvider() {
    return workerProvider.get();
  }

  @Benchmark
  public Object coroutineScopedProvider() {
    return coroutineProvider.get();
  }

  @Benchmark
  public Object diGetRecipe() {
    return di.get("recipe");
  }
}
