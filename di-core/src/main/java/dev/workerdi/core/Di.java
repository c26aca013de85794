package dev.workerdi.core;

import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Scope;
import dev.workerdi.core.internal.DiContainer;
import java.util.List;
import java.util.Optional;

/**
 * The container: bindings registered as a class (or class name) plus arguments, built lazily on
 * first use inside a worker, in the spirit of EasySwoole's {@code Di::set(key, Class, args)}, but
 * enforced: resolving a worker-bound binding where no worker runs fails at once with a message
 * naming the key, the phase, where it was declared, the caller and the fix.
 *
 * <pre>{@code
 * Di di = Di.create();
 * di.set("MYSQL", "com.example.MysqlClient", "db.local", 3306, Secret.of(password));
 * // ... later, inside a worker:
 * MysqlClient client = di.get("MYSQL", MysqlClient.class);
 * }</pre>
 *
 * <p>Registration validates the recipe without building anything and is open until workers start
 * ({@link PhaseGate#registrationOpen()}). Recipes are worker-bound by default; {@link
 * Recipe#processWide()} makes one instance for the process. The same bindings are visible to Guice
 * through {@link #module()}, so {@code @Inject Provider<T>} and {@code injector.getInstance} obey
 * the same rules. A failed call leaves the container as it was. Thread-safe.
 */
public interface Di extends AutoCloseable {

  /** A new, empty container at {@link Phase#FRAME_INITIALIZE}. */
  static Di create() {
    return new DiContainer(new PhaseGate(), null);
  }

  /**
   * A new container driven by {@code gate}, loading class names with {@code loader} (null: the
   * context loader).
   */
  static Di create(PhaseGate gate, ClassLoader loader) {
    return new DiContainer(gate, loader);
  }

  /** Registers a worker-bound recipe for the class of that name. */
  void set(String key, String className, Object... args);

  /** Registers a worker-bound recipe for {@code type}. */
  void set(String key, Class<?> type, Object... args);

  /** Registers {@code recipe} under a string key. */
  void set(String key, Recipe recipe);

  /** Registers {@code recipe} under a Guice key; the recipe's class must be a {@code T}. */
  <T> void set(Key<T> key, Recipe recipe);

  /**
   * Registers an already-built, process-wide instance (configuration, a codec, a clock). Rejects
   * connection-like instances ({@code Connection}, {@code DataSource}, sockets, channels, streams,
   * any {@link AutoCloseable}): those must be recipes so that each worker builds its own.
   */
  void setInstance(String key, Object instance);

  /** Like {@link #setInstance(String, Object)}, under a Guice key. */
  <T> void setInstance(Key<T> key, T instance);

  /** The instance for {@code key}: built on first use in this worker (or process). */
  Object get(String key);

  /** The instance for {@code key}, checked to be a {@code type}. */
  <T> T get(String key, Class<T> type);

  /** The instance for a Guice key. */
  <T> T get(Key<T> key);

  /** Whether {@code key} is registered. */
  boolean has(String key);

  /** Whether the Guice key is registered. */
  boolean has(Key<?> key);

  /** Removes {@code key}'s binding before workers start; returns whether it was registered. */
  boolean delete(String key);

  /** Removes a Guice key's binding before workers start; returns whether it was registered. */
  boolean delete(Key<?> key);

  /** Every registered binding, in registration order. */
  List<BindingInfo> bindings();

  /** The binding for a Guice key, if registered. */
  Optional<BindingInfo> binding(Key<?> key);

  /** The phases gate this container obeys. */
  PhaseGate phases();

  /** The scope behind {@link WorkerScoped}, belonging to this container. */
  Scope workerScope();

  /** The scope behind {@link CoroutineScoped}, belonging to this container. */
  Scope coroutineScope();

  /**
   * A Guice module with the scope annotations and one provider binding per registered key (a string
   * key {@code "K"} for class {@code C} is visible as {@code @Named("K") C} and {@code @Named("K")
   * Object}). The bindings are those registered when Guice configures the module; from then on they
   * are <em>bound</em>: {@link #delete} refuses them ({@link ErrorId#REGISTRATION_CLOSED}), since
   * an injector cannot forget a binding. Bindings registered later are reachable through {@link
   * #get(String)} and through {@link #newBindingsModule()}.
   */
  Module module();

  /**
   * A Guice module with the bindings registered since the last {@link #module()} or {@code
   * newBindingsModule()} was configured into an injector, and no scope bindings: for a child
   * injector that adds them (the worker host does this once, after the pre-start phases). Its
   * bindings become bound in turn.
   */
  Module newBindingsModule();

  /** Whether some registered binding has not been bound into an injector yet. */
  boolean hasNewBindings();

  /** Closes process-wide instances built from recipes, newest first. Idempotent. */
  @Override
  void close();
}
