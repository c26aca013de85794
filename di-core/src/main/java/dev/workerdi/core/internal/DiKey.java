package dev.workerdi.core.internal;

import com.google.inject.Key;
import com.google.inject.name.Names;

/**
 * A container key: a Guice {@link Key}, remembering whether it was given as a plain string (which
 * Guice sees as {@code @Named("...") Object}). Immutable and thread-safe. Not a supported API.
 *
 * @param guiceKey the key Guice knows the binding by
 * @param name the string key, or null when the key was given as a Guice key
 */
public record DiKey(Key<?> guiceKey, String name) {

  /** The key for a string, as EasySwoole's {@code Di::set('MYSQL', ...)} uses. */
  public static DiKey of(String name) {
    return new DiKey(Key.get(Object.class, Names.named(name)), name);
  }

  /** The key for a Guice key; a {@code @Named Object} key is the same as its string form. */
  public static DiKey of(Key<?> key) {
    if (key.getTypeLiteral().getRawType() == Object.class
        && key.getAnnotation() instanceof com.google.inject.name.Named named) {
      return of(named.value());
    }
    if (key.getTypeLiteral().getRawType() == Object.class
        && key.getAnnotation() instanceof jakarta.inject.Named named) {
      return of(named.value());
    }
    return new DiKey(key, null);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DiKey key && guiceKey.equals(key.guiceKey);
  }

  @Override
  public int hashCode() {
    return guiceKey.hashCode();
  }

  /**
   * The key as printed in messages: {@code "MYSQL"} or Guice's {@code Key[type=...,
   * annotation=...]}.
   */
  @Override
  public String toString() {
    return name != null ? '"' + name + '"' : guiceKey.toString();
  }
}
