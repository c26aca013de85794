package dev.workerdi.jdbc.internal;

import com.google.inject.Key;
import com.google.inject.spi.Dependency;
import com.google.inject.spi.ProviderWithDependencies;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A provider that tells Guice's SPI (and so static validation) which keys the instances it makes
 * hold: a singleton that reaches the binding is then checked through them. Thread-safe when the
 * supplier is. Not a supported API.
 */
public final class Dependent<T> implements ProviderWithDependencies<T> {
  private final Supplier<T> supplier;
  private final Set<Dependency<?>> dependencies;
  private final String description;

  private Dependent(Supplier<T> supplier, Set<Dependency<?>> dependencies, String description) {
    this.supplier = supplier;
    this.dependencies = dependencies;
    this.description = description;
  }

  /** A provider of {@code supplier}'s instances, which depend on {@code keys}. */
  public static <T> Dependent<T> on(String description, Supplier<T> supplier, Key<?>... keys) {
    Set<Dependency<?>> dependencies = new LinkedHashSet<>();
    for (Key<?> key : keys) {
      dependencies.add(Dependency.get(key));
    }
    return new Dependent<>(supplier, Set.copyOf(dependencies), description);
  }

  @Override
  public T get() {
    return supplier.get();
  }

  @Override
  public Set<Dependency<?>> getDependencies() {
    return dependencies;
  }

  @Override
  public String toString() {
    return description;
  }
}
