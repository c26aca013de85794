package dev.workerdi.core.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Scope;
import com.google.inject.name.Names;
import dev.workerdi.core.BindingInfo;
import dev.workerdi.core.CoroutineScoped;
import dev.workerdi.core.Di;
import dev.workerdi.core.PhaseGate;
import dev.workerdi.core.Recipe;
import dev.workerdi.core.Sharing;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.WorkerScoped;
import dev.workerdi.core.spi.CallerLocation;
import dev.workerdi.core.spi.ConnectionLike;
import dev.workerdi.core.spi.Failures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The implementation of {@link Di}. Registration validates fully before it changes anything, under
 * one lock; resolution reads a concurrent map and the current worker's store without locking once
 * an instance is built. Thread-safe. Not a supported API.
 */
public final class DiContainer implements Di {
  private final PhaseGate gate;
  private final ClassLoader loader;
  private final ReentrantLock registration = new ReentrantLock();
  private final ConcurrentHashMap<DiKey, RecipeBinding> bindings = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, RecipeBinding> byName = new ConcurrentHashMap<>();
  private final List<DiKey> order = new ArrayList<>();

  /**
   * Keys a module of this container has bound into a Guice injector: they can no longer be deleted.
   */
  private final Set<DiKey> bound = new HashSet<>();

  private final InstanceStore processStore = new InstanceStore("the", "container");
  private final ContextScope workerScope;
  private final ContextScope coroutineScope;

  /** A container obeying {@code gate}; {@code loader} null means the thread's context loader. */
  public DiContainer(PhaseGate gate, ClassLoader loader) {
    if (gate == null) {
      throw Failures.nullArgument(
          "Di.create", "the phase gate", "Pass new PhaseGate(), or call Di.create().");
    }
    this.gate = gate;
    this.loader = loader;
    this.workerScope = ContextScope.worker(gate);
    this.coroutineScope = ContextScope.coroutine(gate);
  }

  @Override
  public void set(String key, String className, Object... args) {
    register("set", key(key, "set"), () -> Recipe.of(className, args));
  }

  @Override
  public void set(String key, Class<?> type, Object... args) {
    register("set", key(key, "set"), () -> Recipe.of(type, args));
  }

  @Override
  public void set(String key, Recipe recipe) {
    register("set", key(key, "set"), () -> requireRecipe(recipe));
  }

  @Override
  public <T> void set(Key<T> key, Recipe recipe) {
    register("set", key(key, "set"), () -> requireRecipe(recipe));
  }

  @Override
  public void setInstance(String key, Object instance) {
    registerInstance(key(key, "setInstance"), instance);
  }

  @Override
  public <T> void setInstance(Key<T> key, T instance) {
    registerInstance(key(key, "setInstance"), instance);
  }

  private void register(String call, DiKey key, Supplier<Recipe> recipeSupplier) {
    String declaredAt = CallerLocation.here();
    Recipe recipe = recipeSupplier.get();
    registration.lock();
    try {
      if (!gate.registrationOpen()) {
        throw CoreErrors.registrationClosed(call + "(" + key + ", ...)", key, gate.current());
      }
      checkFree(key, recipe.className() + recipe.describeArgs());
      BuildPlan plan = RecipeResolver.resolve(key, recipe, classLoader());
      Class<?> keyType = key.guiceKey().getTypeLiteral().getRawType();
      if (!keyType.isAssignableFrom(plan.type())) {
        throw CoreErrors.keyTypeMismatch(key, plan.type());
      }
      add(RecipeBinding.recipe(key, plan, recipe.sharing(), declaredAt));
    } finally {
      registration.unlock();
    }
  }

  private void registerInstance(DiKey key, Object instance) {
    if (instance == null) {
      throw Failures.nullArgument(
          "setInstance(" + key + ", null)",
          "the instance",
          "Pass a built instance, or register a recipe with set(key, Class, args...).");
    }
    String kind = ConnectionLike.kindOf(instance.getClass());
    if (kind != null) {
      throw CoreErrors.connectionLike(key, instance, kind);
    }
    String declaredAt = CallerLocation.here();
    registration.lock();
    try {
      if (!gate.registrationOpen()) {
        throw CoreErrors.registrationClosed("setInstance(" + key + ", ...)", key, gate.current());
      }
      checkFree(key, "instance of " + instance.getClass().getName());
      add(RecipeBinding.instance(key, instance, declaredAt));
    } finally {
      registration.unlock();
    }
  }

  private void checkFree(DiKey key, String newRecipe) {
    RecipeBinding existing = bindings.get(key);
    if (existing != null) {
      throw CoreErrors.duplicateKey(key, newRecipe, existing);
    }
  }

  private void add(RecipeBinding binding) {
    bindings.put(binding.key(), binding);
    if (binding.key().name() != null) {
      byName.put(binding.key().name(), binding);
    }
    order.add(binding.key());
  }

  @Override
  public Object get(String key) {
    return resolve(lookup("get", key));
  }

  @Override
  public <T> T get(String key, Class<T> type) {
    if (type == null) {
      throw Failures.nullArgument(
          "get(\"" + key + "\", null)", "the type", "Pass the expected class.");
    }
    RecipeBinding binding = lookup("get", key);
    Object instance = resolve(binding);
    if (!type.isInstance(instance)) {
      throw CoreErrors.wrongType(binding.key(), instance, type);
    }
    return type.cast(instance);
  }

  @Override
  public <T> T get(Key<T> key) {
    DiKey diKey = key(key, "get");
    RecipeBinding binding = bindings.get(diKey);
    if (binding == null) {
      throw CoreErrors.unknownKey("get(" + diKey + ")", diKey, knownKeys());
    }
    @SuppressWarnings("unchecked")
    T instance = (T) resolve(binding);
    return instance;
  }

  private RecipeBinding lookup(String call, String key) {
    RecipeBinding binding = key == null ? null : byName.get(key);
    if (binding == null) {
      DiKey diKey = key(key, call);
      throw CoreErrors.unknownKey(call + "(" + diKey + ")", diKey, knownKeys());
    }
    return binding;
  }

  /** Resolves one binding through the gate: the heart of both {@code get} and Guice injection. */
  Object resolve(RecipeBinding binding) {
    if (binding.plan() == null) {
      return binding.build();
    }
    if (binding.sharing() == Sharing.PROCESS) {
      return processStore.get(binding, binding.key(), binding.declaredAt(), binding::build);
    }
    WorkerContext worker = WorkerContext.current().orElse(null);
    if (worker == null) {
      throw CoreErrors.eagerGet(
          binding.key(), binding.describe(), gate.current(), binding.declaredAt());
    }
    return worker.store().get(binding, binding.key(), binding.declaredAt(), binding::build);
  }

  @Override
  public boolean has(String key) {
    return key != null && byName.containsKey(key);
  }

  @Override
  public boolean has(Key<?> key) {
    return key != null && bindings.containsKey(DiKey.of(key));
  }

  @Override
  public boolean delete(String key) {
    return remove(key(key, "delete"));
  }

  @Override
  public boolean delete(Key<?> key) {
    return remove(key(key, "delete"));
  }

  private boolean remove(DiKey key) {
    registration.lock();
    try {
      if (!gate.registrationOpen()) {
        throw CoreErrors.registrationClosed("delete(" + key + ")", key, gate.current());
      }
      if (bound.contains(key)) {
        throw CoreErrors.deleteBound(key, bindings.get(key), gate.current());
      }
      RecipeBinding removed = bindings.remove(key);
      if (removed != null && key.name() != null) {
        byName.remove(key.name());
      }
      order.remove(key);
      return removed != null;
    } finally {
      registration.unlock();
    }
  }

  @Override
  public List<BindingInfo> bindings() {
    registration.lock();
    try {
      return order.stream().map(bindings::get).map(RecipeBinding::info).toList();
    } finally {
      registration.unlock();
    }
  }

  @Override
  public Optional<BindingInfo> binding(Key<?> key) {
    return key == null
        ? Optional.empty()
        : Optional.ofNullable(bindings.get(DiKey.of(key))).map(RecipeBinding::info);
  }

  private List<String> knownKeys() {
    registration.lock();
    try {
      return order.stream().map(DiKey::toString).toList();
    } finally {
      registration.unlock();
    }
  }

  @Override
  public PhaseGate phases() {
    return gate;
  }

  @Override
  public Scope workerScope() {
    return workerScope;
  }

  @Override
  public Scope coroutineScope() {
    return coroutineScope;
  }

  @Override
  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bindScope(WorkerScoped.class, workerScope);
        bindScope(CoroutineScoped.class, coroutineScope);
        bindSelected(binder(), binding -> true);
        requestInjection(new ScopeSources(workerScope, coroutineScope));
      }

      @Override
      public String toString() {
        return "Di.module()";
      }
    };
  }

  @Override
  public Module newBindingsModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bindSelected(binder(), binding -> !bound.contains(binding.key()));
      }

      @Override
      public String toString() {
        return "Di.newBindingsModule()";
      }
    };
  }

  @Override
  public boolean hasNewBindings() {
    registration.lock();
    try {
      return !bound.containsAll(order);
    } finally {
      registration.unlock();
    }
  }

  /**
   * Binds the selected recipes, chosen when Guice configures the module (not when it was made), and
   * records them as bound: the one place that knows which bindings an injector has seen.
   */
  private void bindSelected(Binder binder, Predicate<RecipeBinding> filter) {
    List<RecipeBinding> selected;
    registration.lock();
    try {
      selected = order.stream().map(bindings::get).filter(filter).toList();
      selected.forEach(binding -> bound.add(binding.key()));
    } finally {
      registration.unlock();
    }
    selected.forEach(binding -> bindRecipe(binder, binding));
  }

  private void bindRecipe(Binder binder, RecipeBinding binding) {
    Binder sourced = binder.withSource(binding.declaredAt());
    RecipeProvider provider = new RecipeProvider(this, binding);
    bindTo(sourced, binding.key().guiceKey(), provider);
    Class<?> type = binding.info().type();
    if (binding.key().name() != null && type != Object.class) {
      bindTo(sourced, Key.get(type, Names.named(binding.key().name())), provider);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void bindTo(Binder binder, Key<T> key, RecipeProvider provider) {
    binder.bind(key).toProvider((jakarta.inject.Provider<T>) (jakarta.inject.Provider<?>) provider);
  }

  @Override
  public void close() {
    processStore.close();
  }

  private ClassLoader classLoader() {
    if (loader != null) {
      return loader;
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : DiContainer.class.getClassLoader();
  }

  private static DiKey key(String key, String call) {
    if (key == null) {
      throw Failures.nullArgument(
          call + "(null, ...)", "the key", "Pass a non-blank string key or a Guice Key.");
    }
    if (key.isBlank()) {
      throw CoreErrors.emptyKey(call + "(\"" + key + "\", ...)");
    }
    return DiKey.of(key);
  }

  private static DiKey key(Key<?> key, String call) {
    if (key == null) {
      throw Failures.nullArgument(
          call + "(null, ...)", "the key", "Pass a non-blank string key or a Guice Key.");
    }
    return DiKey.of(key);
  }

  private static Recipe requireRecipe(Recipe recipe) {
    if (recipe == null) {
      throw Failures.nullArgument(
          "set(key, null)", "the recipe", "Pass Recipe.of(className, args...).");
    }
    return recipe;
  }

  @Override
  public String toString() {
    return "Di[" + bindings.size() + " binding(s), " + gate.current() + "]";
  }
}
