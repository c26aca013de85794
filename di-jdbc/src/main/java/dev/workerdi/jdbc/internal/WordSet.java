package dev.workerdi.jdbc.internal;

import java.util.Locale;

/**
 * A fixed set of ASCII words, looked up case-insensitively in a region of a string without
 * allocating (open addressing on a case-folded hash, then {@code regionMatches}), for the
 * per-statement scan of {@link UntrackedStatements}. Immutable and thread-safe.
 */
final class WordSet {
  private final String[] slots;
  private final int mask;

  /** A set of the words in {@code words}, separated by white space. */
  WordSet(String words) {
    String[] list = words.trim().split("\\s+");
    int size = Integer.highestOneBit(list.length * 4 - 1) << 1;
    slots = new String[size];
    mask = size - 1;
    for (String word : list) {
      String upper = word.toUpperCase(Locale.ROOT);
      int slot = hash(upper, 0, upper.length()) & mask;
      while (slots[slot] != null && !slots[slot].equals(upper)) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = upper;
    }
  }

  /** Whether {@code text[start, end)} is one of the words, ignoring ASCII case. */
  boolean contains(String text, int start, int end) {
    int length = end - start;
    for (int slot = hash(text, start, end) & mask; slots[slot] != null; slot = (slot + 1) & mask) {
      String word = slots[slot];
      if (word.length() == length && text.regionMatches(true, start, word, 0, length)) {
        return true;
      }
    }
    return false;
  }

  private static int hash(String text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      h = 31 * h + (c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    return h ^ (h >>> 16);
  }
}
