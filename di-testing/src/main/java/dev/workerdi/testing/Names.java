package dev.workerdi.testing;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Database-name checks and unique names. Stateless and thread-safe. */
final class Names {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_$]{1,64}");
  private static final int MAX_PREFIX = 40;

  private Names() {}

  /** Returns {@code name} if it is a plain identifier (or empty, when allowed). */
  static String checkDatabase(String name, boolean allowEmpty) {
    if (name == null || (!IDENTIFIER.matcher(name).matches() && !(allowEmpty && name.isEmpty()))) {
      throw new IllegalArgumentException(
          "Database name "
              + (name == null ? "null" : "'" + name + "'")
              + " is not a plain identifier: use 1 to 64 letters, digits, '_' or '$'");
    }
    return name;
  }

  /** A name that starts with a cleaned-up {@code hint} and ends with {@code sequence} and noise. */
  static String unique(String hint, long sequence) {
    String prefix =
        hint == null ? "" : hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
    prefix = prefix.length() > MAX_PREFIX ? prefix.substring(0, MAX_PREFIX) : prefix;
    prefix = prefix.replaceAll("^_+|_+$", "");
    String noise =
        Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    return (prefix.isEmpty() ? "test" : prefix) + "_" + Long.toString(sequence, 36) + "_" + noise;
  }
}
