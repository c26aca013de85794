package dev.workerdi.core.internal;

import dev.workerdi.core.BindingInfo;
import jakarta.inject.Provider;

/**
 * The Guice provider of one container binding: every {@code get()} goes through the container's
 * gate, so Guice injection obeys the same rules as {@code Di.get}. Thread-safe. Not a supported
 * API (static validation recognises it to learn a binding's sharing).
 */
public final class RecipeProvider implements Provider<Object> {
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

  /** What the provider builds. */
  public BindingInfo info() {
    return binding.info();
  }

  @Override
  public String toString() {
    return "DiRecipe[" + binding.key() + " -> " + binding.describe() + "]";
  }
}
