package dev.workerdi.core;

import dev.workerdi.core.spi.Redactor;
import java.util.Arrays;
import java.util.Objects;

/**
 * A recipe argument that must never be printed: a password, token or key.
 *
 * <p>It prints as {@code ******} in every message and {@code toString}. When a recipe is built, a
 * {@code Secret} is passed to a {@code String}, {@code char[]} or {@code CharSequence} parameter as
 * its value. Arguments named like secrets ({@code password}, {@code secret}, {@code token}, ...)
 * are masked even without this wrapper; use it for positional arguments. Immutable and thread-safe.
 */
public final class Secret {
  private final char[] value;

  private Secret(char[] value) {
    this.value = value;
  }

  /** Wraps a secret value. */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value").toCharArray());
  }

  /**
   * {@code text} (a JDBC URL, a connection string) with any password in it masked, for printing.
   */
  public static String maskUrl(String text) {
    return Redactor.maskUrl(text);
  }

  /** The value, for the code that really needs it. */
  public String reveal() {
    return new String(value);
  }

  /** A copy of the value as characters. */
  public char[] revealChars() {
    return value.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && Arrays.equals(value, secret.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "******";
  }
}
