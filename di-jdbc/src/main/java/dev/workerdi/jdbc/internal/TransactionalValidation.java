package dev.workerdi.jdbc.internal;

import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.spi.Element;
import com.google.inject.spi.InjectionRequest;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.ProviderInstanceBinding;
import dev.workerdi.core.DiException;
import dev.workerdi.core.spi.CallerLocation;
import dev.workerdi.jdbc.Transactional;
import dev.workerdi.lifecycle.ModuleView;
import dev.workerdi.lifecycle.ModuleView.Constructed;
import dev.workerdi.lifecycle.ValidationCheck;
import dev.workerdi.lifecycle.ValidationReport.Problem;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The static form of {@link TransactionalCheck}, contributed to {@code Validation} by {@link
 * TransactionalSupport}: from the modules alone it finds what the check reports when the injector
 * is created, with the same messages ({@link TransactionalProblems}). The classes Guice would meet
 * are those it constructs (bound, linked to, or injected just in time) and those of the instances
 * it injects without constructing them (toInstance, requestInjection, provider instances); the
 * latter, and classes made by providers, are never intercepted. Stateless and thread-safe. Not a
 * supported API.
 */
final class TransactionalValidation implements ValidationCheck {

  @Override
  public List<Problem> check(ModuleView modules) {
    Set<Key<?>> bound = new LinkedHashSet<>();
    modules.bindings().forEach(binding -> bound.add(binding.getKey()));
    Map<Key<?>, Constructed> constructedBy = new HashMap<>();
    modules.constructed().forEach(built -> constructedBy.putIfAbsent(built.key(), built));
    Classes met = new Classes(bound);
    for (Element element : modules.elements()) {
      String source = CallerLocation.describe(element.getSource());
      Object instance = injectedInstance(element);
      if (element instanceof Binding<?> binding && constructedBy.containsKey(binding.getKey())) {
        met.meet(constructedBy.get(binding.getKey()));
      }
      if (instance != null) {
        met.meet(instance.getClass(), source);
        if (!TransactionalMethods.of(instance.getClass()).isEmpty()) {
          met.add(TransactionalProblems.notConstructed(instance.getClass()), source);
        }
      }
      if (element instanceof Binding<?> binding && TransactionalMethods.madeByProvider(binding)) {
        met.add(TransactionalProblems.madeByProvider(binding), source);
      }
    }
    modules.constructed().forEach(met::meet);
    return met.problems;
  }

  /** The classes met so far, each checked once when first met, and the problems found. */
  private static final class Classes {
    private final Set<Key<?>> bound;
    private final Set<Class<?>> met = new HashSet<>();
    private final Set<Method> databasesChecked = new HashSet<>();
    private final List<Problem> problems = new ArrayList<>();

    Classes(Set<Key<?>> bound) {
      this.bound = bound;
    }

    void meet(Constructed built) {
      meet(built.type(), built.source());
    }

    void meet(Class<?> type, String source) {
      if (!met.add(type)) {
        return;
      }
      TransactionalProblems.ofClass(type).forEach(error -> add(error, source));
      for (Method method : TransactionalMethods.of(type)) {
        if (databasesChecked.add(method)) {
          TransactionalProblems.unknownDatabase(method, bound)
              .ifPresent(error -> add(error, source));
        }
      }
    }

    void add(DiException error, String source) {
      problems.add(new Problem(error.id(), error.getMessage(), source));
    }
  }

  /**
   * The object Guice injects members into without constructing it, or null: an instance binding's
   * instance, a {@code requestInjection} instance, a {@code toProvider(instance)} provider.
   */
  private static Object injectedInstance(Element element) {
    if (element instanceof InstanceBinding<?> binding) {
      return binding.getInstance();
    } else if (element instanceof InjectionRequest<?> request) {
      return request.getInstance();
    } else if (element instanceof ProviderInstanceBinding<?> binding) {
      return binding.getUserSuppliedProvider();
    }
    return null;
  }

  /** Every instance checks the same rule, so Guice and validation keep one. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TransactionalValidation;
  }

  @Override
  public int hashCode() {
    return TransactionalValidation.class.hashCode();
  }

  @Override
  public String toString() {
    return "ValidationCheck[@" + Transactional.class.getSimpleName() + "]";
  }
}
