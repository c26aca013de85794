package dev.workerdi.core;

import com.google.inject.Key;
import java.util.Optional;

/**
 * A read-only description of one registered binding, for validation, tooling and messages. Secrets
 * in {@link #description()} are masked. Immutable and thread-safe.
 *
 * @param key the Guice key the binding is visible under
 * @param name the string key it was registered with, or null for a Guice key
 * @param type the class that will be built (or of the registered instance)
 * @param sharing one instance per worker, or one per process
 * @param declaredAt the application frame that registered it, as {@code
 *     Class.method(File.java:line)}
 * @param description the recipe or instance, as printed in messages
 */
public record BindingInfo(
    Key<?> key,
    String name,
    Class<?> type,
    Sharing sharing,
    String declaredAt,
    String description) {

  /** The string key, when the binding was registered under one. */
  public Optional<String> stringKey() {
    return Optional.ofNullable(name);
  }
}
