package dev.workerdi.core.internal;

import dev.workerdi.core.BindingInfo;
import dev.workerdi.core.spi.RecipeSource;
import jakarta.inject.Provider;

/**
 * The Guice provider of one container binding: every {@code get()} goes through the container's
 * gate, so Guice injection obeys the same rules as {@code Di.get}. Thread-safe. Not a supported
 * API; tools recognise it as a {@link RecipeSource}.
 */
final class RecipeProvider implements Provider<Object>, RecipeSource {
  private final DiContainer container;
  private final RecipeBinding binding;

  RecipeProvider(DiContainer container, RecipeBinding binding) {
    this.container = container;
    this.binding = binding;
  }

  @Override
  public Object get() {
    return container.resolve(binding);
  }

  @Override
  public BindingInfo info() {
    return binding.info();
  }

  @Override
  public String toString() {
    return "Di.recipe[" + binding.key() + " -> " + binding.describe() + "]";
  }
}
