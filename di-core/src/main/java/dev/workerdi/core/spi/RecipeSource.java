package dev.workerdi.core.spi;

import dev.workerdi.core.BindingInfo;

/**
 * Implemented by the Guice provider behind every container binding ({@code Di.module()}), so that
 * tools reading a module's elements through Guice's SPI (static validation) can tell a recipe from
 * any other provider and learn its sharing without knowing the container's classes. Implementations
 * are thread-safe.
 */
public interface RecipeSource {
  /** The binding the provider builds. */
  BindingInfo info();
}
