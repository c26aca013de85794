package dev.workerdi.benchmarks.figures;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.name.Names;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.ProviderWithDependencies;
import com.google.inject.util.Types;
import dev.workerdi.benchmarks.report.FigureResult;
import dev.workerdi.benchmarks.report.Row;
import dev.workerdi.benchmarks.report.Spread;
import dev.workerdi.benchmarks.report.Target;
import dev.workerdi.core.CoroutineScoped;
import dev.workerdi.core.Di;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.lifecycle.Validation;
import dev.workerdi.lifecycle.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Figure 8: what boot costs. Registering (and so validating) 10,000 recipes by class name against
 * creating a Guice injector of the same 10,000 keys bound to providers; and static validation of a
 * 1,000-binding module set against creating an injector of the same modules.
 */
public final class BootFigure implements Figure {
  /** The class of every recipe: a client of some endpoint. */
  public static final class Endpoint {
    private final String host;
    private final int port;

    public Endpoint(String host, int port) {
      this.host = host;
      this.port = port;
    }

    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** The type of every binding of the module set. */
  public static final class Node {
    public Node() {}
  }

  /** Configuration shared by the singletons (an instance binding). */
  public static final class Config {
    public Config() {}
  }

  @Override
  public String id() {
    return "8";
  }

  @Override
  public String title() {
    return "Boot: registration and static validation";
  }

  @Override
  public void run(BenchContext context, FigureResult out) throws Exception {
    int recipes = context.size(10_000, 10_000, 200);
    int bindings = context.size(1_000, 1_000, 50);
    int rounds = context.size(7, 3, 1);
    int warmup = context.size(3, 1, 0);
    double[] register = new double[rounds];
    double[] registerAndInject = new double[rounds];
    double[] guice = new double[rounds];
    double[] validate = new double[rounds];
    double[] guiceModules = new double[rounds];
    double[] first = new double[4];
    ValidationReport report = null;
    for (int r = -warmup; r < rounds; r++) {
      double[] times = new double[4];
      long started = System.nanoTime();
      Di di = registerRecipes(recipes);
      times[0] = millis(started);
      Guice.createInjector(di.module());
      double injected = millis(started);
      started = System.nanoTime();
      Guice.createInjector(plainModule(recipes));
      times[1] = millis(started);
      List<Module> modules = moduleSet(bindings);
      started = System.nanoTime();
      report = Validation.validate(modules);
      times[2] = millis(started);
      started = System.nanoTime();
      Guice.createInjector(modules);
      times[3] = millis(started);
      if (r == -warmup) {
        first = times.clone();
      }
      if (r >= 0) {
        register[r] = times[0];
        registerAndInject[r] = injected;
        guice[r] = times[1];
        validate[r] = times[2];
        guiceModules[r] = times[3];
      }
    }
    if (!report.isValid()) {
      throw new IllegalStateException("the module set should be valid: " + report);
    }
    String recipeText = String.format(Locale.ROOT, "%,d", recipes);
    out.row(
        Row.of(
            id(),
            "register + validate " + recipeText + " recipes (class name + 2 args), ms",
            "Di.set × " + recipeText + ": " + Spread.of(register).format(),
            "Guice.createInjector of the same "
                + recipeText
                + " provider bindings: "
                + Spread.of(guice).format(),
            "ours ÷ Guice",
            Spread.ratios(register, guice),
            Target.report()));
    out.row(
        Row.of(
            id(),
            "same, then Guice.createInjector(di.module()), ms",
            "register + injector: " + Spread.of(registerAndInject).format(),
            "Guice alone: " + Spread.of(guice).format(),
            "ours ÷ Guice",
            Spread.ratios(registerAndInject, guice),
            Target.report()));
    out.row(
        Row.of(
            id(),
            String.format(
                Locale.ROOT, "static validation of a %,d-binding module set, ms", bindings),
            "Validation.validate: " + Spread.of(validate).format(),
            "Guice.createInjector of the same modules: " + Spread.of(guiceModules).format(),
            "validation ÷ injector",
            Spread.ratios(validate, guiceModules),
            Target.report()));
    out.note(
        String.format(
            Locale.ROOT,
            "Figure 8: %d runs after %d warm-up run(s) in the harness's JVM (Guice and "
                + "the container already loaded), interleaved; the first, cold run took %.0f ms (register), %.0f ms "
                + "(Guice injector of the same bindings), %.0f ms (validation) and %.0f ms (injector of the module set). "
                + "Recipes: `di.set(\"svc<i>\", \"%s\", host, port)`, each loading the class by name and matching a "
                + "constructor; the Guice side binds `@Named(\"svc<i>\") Endpoint` to a provider of the same "
                + "object, in the default (development) stage. Module set: 10 modules, %,d provider bindings with "
                + "declared dependencies (40 %% `@WorkerScoped`, 10 %% `@CoroutineScoped` on a worker key, 30 %% "
                + "unscoped on a worker key, 20 %% singletons on `Provider<T>` of unscoped keys and a `Config` "
                + "instance) plus `di.module()` for the scopes; validation finds no problem (as it should).",
            rounds,
            warmup,
            first[0],
            first[1],
            first[2],
            first[3],
            Endpoint.class.getName(),
            bindings));
  }

  private static double millis(long since) {
    return (System.nanoTime() - since) / 1e6;
  }

  private static Di registerRecipes(int count) {
    Di di = Di.create();
    String className = Endpoint.class.getName();
    for (int i = 0; i < count; i++) {
      di.set("svc" + i, className, "db-" + (i % 100) + ".local", 3306 + i % 1000);
    }
    return di;
  }

  private static Module plainModule(int count) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        for (int i = 0; i < count; i++) {
          String host = "db-" + (i % 100) + ".local";
          int port = 3306 + i % 1000;
          bind(Key.get(Endpoint.class, Names.named("svc" + i)))
              .toProvider(() -> new Endpoint(host, port));
        }
      }
    };
  }

  /** Ten modules of {@code bindings / 10} bindings each, plus the container's scopes. */
  private static List<Module> moduleSet(int bindings) {
    List<Module> modules = new ArrayList<>();
    modules.add(Di.create().module());
    int perModule = bindings / 10;
    for (int m = 0; m < 10; m++) {
      int from = m * perModule;
      boolean first = m == 0;
      modules.add(
          new AbstractModule() {
            @Override
            protected void configure() {
              if (first) {
                bind(Config.class).toInstance(new Config());
              }
              for (int i = from; i < from + perModule; i++) {
                bindOne(binder(), i);
              }
            }
          });
    }
    return modules;
  }

  private static void bindOne(com.google.inject.Binder binder, int i) {
    int kind = i % 10;
    if (kind < 4) {
      binder.bind(node("w", i)).toProvider(new NodeProvider()).in(WorkerScoped.class);
    } else if (kind == 4) {
      binder
          .bind(node("c", i))
          .toProvider(new NodeProvider(Dependency.get(node("w", i - 4))))
          .in(CoroutineScoped.class);
    } else if (kind < 8) {
      binder
          .bind(node("u", i))
          .toProvider(new NodeProvider(Dependency.get(node("w", i - kind + 1))));
    } else {
      @SuppressWarnings("unchecked")
      Key<com.google.inject.Provider<Node>> lazy =
          (Key<com.google.inject.Provider<Node>>)
              Key.get(Types.providerOf(Node.class), Names.named("u" + (i - 3)));
      binder
          .bind(node("s", i))
          .toProvider(new NodeProvider(Dependency.get(lazy), Dependency.get(Key.get(Config.class))))
          .in(Singleton.class);
    }
  }

  private static Key<Node> node(String prefix, int i) {
    return Key.get(Node.class, Names.named(prefix + i));
  }

  /** A provider that declares its dependencies, as Guice's SPI reports them for validation. */
  private static final class NodeProvider implements ProviderWithDependencies<Node> {
    private final Set<Dependency<?>> dependencies;

    NodeProvider(Dependency<?>... dependencies) {
      this.dependencies = Set.of(dependencies);
    }

    @Override
    public Node get() {
      return new Node();
    }

    @Override
    public Set<Dependency<?>> getDependencies() {
      return dependencies;
    }
  }
}
