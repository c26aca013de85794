package dev.workerdi.lifecycle;

import com.google.inject.Module;
import com.google.inject.spi.Elements;
import dev.workerdi.core.Di;
import dev.workerdi.core.spi.Failures;
import dev.workerdi.lifecycle.internal.validation.ModuleValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * Static validation of Guice modules against the rules of worker-bound bindings, without starting
 * anything: no instance is built and no injector is created. It reads the modules' elements ({@link
 * Elements#getElements}) and finds, all at once:
 *
 * <ul>
 *   <li>instance bindings of connection-like types ({@code Connection}, {@code DataSource},
 *       sockets, streams, any {@code AutoCloseable}): one built connection shared by every worker;
 *   <li>scope widening: singletons, eager singletons, {@code @Provides @Singleton} methods,
 *       instance bindings and process-wide recipes that depend, directly or through unscoped
 *       bindings, on a worker- or coroutine-scoped key (and worker-scoped bindings that depend on
 *       coroutine-scoped keys); a {@code Provider<T>} edge is fine, since it resolves later;
 *   <li>recipes declared by {@link RecipeModule}s that cannot be built;
 *   <li>whatever the {@link ValidationCheck}s that the modules contribute find: {@code JdbcModule}
 *       contributes the check of {@code @Transactional} methods Guice would not intercept ({@code
 *       DI-337}), of unknown databases ({@code DI-338}) and of bad attributes ({@code DI-125}),
 *       with the same messages the injector reports at boot.
 * </ul>
 *
 * <p>Dependencies are read from Guice's SPI ({@code HasDependencies}); providers that bind worker-
 * or coroutine-scoped objects should implement {@code ProviderWithDependencies}, as every binding
 * of {@code JdbcModule} does, so that the chain through them is seen. Settings are only read, never
 * used to connect.
 *
 * <pre>{@code
 * Validation.validate(di, List.of(new AppModule(), JdbcModule.of(settings))).throwIfInvalid();
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class Validation {
  private Validation() {}

  /** Validates {@code modules} alone; worker scopes are recognised by their annotations. */
  public static ValidationReport validate(Iterable<? extends Module> modules) {
    return run(null, modules);
  }

  /** Validates {@code modules} together with the bindings already registered in {@code di}. */
  public static ValidationReport validate(Di di, Iterable<? extends Module> modules) {
    if (di == null) {
      throw Failures.nullArgument(
          "Validation.validate(null, modules)",
          "the container",
          "Pass the application's Di, or call validate(modules) without one.");
    }
    return run(di, modules);
  }

  private static ValidationReport run(Di di, Iterable<? extends Module> modules) {
    if (modules == null) {
      throw Failures.nullArgument(
          "Validation.validate", "the modules", "Pass the application's Guice modules.");
    }
    List<Module> list = new ArrayList<>();
    for (Module module : modules) {
      if (module == null) {
        throw Failures.nullArgument(
            "Validation.validate",
            "module #" + (list.size() + 1),
            "Pass only modules that are created; remove the null from the list.");
      }
      list.add(module);
    }
    List<String> names = list.stream().map(module -> module.getClass().getName()).toList();
    return new ValidationReport(names, ModuleValidator.validate(di, list));
  }
}
