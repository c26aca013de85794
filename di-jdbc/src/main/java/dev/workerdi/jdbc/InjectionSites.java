package dev.workerdi.jdbc;

import com.google.inject.Binding;
import com.google.inject.Key;
import com.google.inject.matcher.Matcher;
import com.google.inject.name.Named;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.HasDependencies;
import com.google.inject.spi.InjectionPoint;
import com.google.inject.spi.ProvisionListener;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Remembers, per thread, which binding that injects the module's {@code Connection} or {@code
 * Lease} is being provisioned, so that a connection resolved where there is no coroutine can name
 * the user's injection point ({@code com.example.Orders(Connection), parameter 1}). Listens only to
 * bindings that depend on those keys directly. Thread-safe.
 */
final class InjectionSites implements Matcher<Binding<?>>, ProvisionListener {
  private final Set<Key<?>> keys;
  private final ThreadLocal<Binding<?>> current = new ThreadLocal<>();

  InjectionSites(Set<Key<?>> keys) {
    this.keys = Set.copyOf(keys);
  }

  @Override
  public boolean matches(Binding<?> binding) {
    return !keys.contains(binding.getKey())
        && binding instanceof HasDependencies has
        && has.getDependencies().stream()
            .anyMatch(dependency -> keys.contains(dependency.getKey()));
  }

  @Override
  public <T> void onProvision(ProvisionInvocation<T> provision) {
    Binding<?> previous = current.get();
    current.set(provision.getBinding());
    try {
      provision.provision();
    } finally {
      if (previous == null) {
        current.remove();
      } else {
        current.set(previous);
      }
    }
  }

  /** Where {@code key} is being injected on this thread now, or null when not known. */
  String describe(Key<?> key) {
    Binding<?> binding = current.get();
    if (!(binding instanceof HasDependencies has)) {
      return null;
    }
    return has.getDependencies().stream()
        .filter(
            dependency -> dependency.getKey().equals(key) && dependency.getInjectionPoint() != null)
        .findFirst()
        .map(InjectionSites::site)
        .orElse(null);
  }

  private static String site(Dependency<?> dependency) {
    InjectionPoint point = dependency.getInjectionPoint();
    Member member = point.getMember();
    String owner = member.getDeclaringClass().getName();
    int index = dependency.getParameterIndex() + 1;
    if (member instanceof Constructor<?> constructor) {
      return owner + "(" + simpleNames(constructor.getParameterTypes()) + "), parameter " + index;
    } else if (member instanceof Method method) {
      return owner
          + "."
          + method.getName()
          + "("
          + simpleNames(method.getParameterTypes())
          + "), parameter "
          + index;
    } else if (member instanceof Field field) {
      return "field " + owner + "." + field.getName();
    }
    return point.toString();
  }

  private static String simpleNames(Class<?>[] types) {
    return Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "));
  }

  /** {@code java.sql.Connection}, or {@code @Named("reports") java.sql.Connection}. */
  static String name(Key<?> key) {
    String type = key.getTypeLiteral().toString();
    if (key.getAnnotation() instanceof Named named) {
      return "@Named(\"" + named.value() + "\") " + type;
    }
    return key.getAnnotationType() == null
        ? type
        : "@" + key.getAnnotationType().getSimpleName() + " " + type;
  }
}
