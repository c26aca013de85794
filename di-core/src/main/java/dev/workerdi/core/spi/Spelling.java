package dev.workerdi.core.spi;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name closest to a misspelt one ({@code maxPoolSize} → {@code maximumPoolSize}),
 * by edit distance ignoring case, within a third of the longer name. Stateless and thread-safe
 * (used for settings and class names alike).
 */
public final class Spelling {
  private Spelling() {}

  /** The candidate closest to {@code wrong}, when one is close enough to be a likely typo. */
  public static Optional<String> closest(String wrong, Collection<String> candidates) {
    if (wrong == null || wrong.isEmpty()) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(wrong.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance && !candidate.equals(wrong)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int allowed = Math.max(2, Math.max(wrong.length(), best.length()) / 3);
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
