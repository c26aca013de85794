package dev.workerdi.jdbc.internal;

/**
 * The one lexical check of {@link dev.workerdi.jdbc.ResetPolicy#TRACKED}: what a statement may do
 * to the session that the server's session-state tracker does not report, found in its text in one
 * pass, with no regular expression and no allocation.
 *
 * <p>Conservative by design: the whole text is scanned, string literals and comments included (an
 * executable comment {@code /*! ... *}{@code /} is code), so a false positive costs a reset, never
 * safety. It finds user variables ({@code @v}, {@code @`v`}), the words of {@link
 * SqlWords#UNTRACKED} (dynamic SQL, {@code CALL}, compound statements, {@code SET ROLE}, {@code
 * GET_LOCK}, {@code HANDLER}, sequences, {@code LAST_INSERT_ID}, {@code SQL_CALC_FOUND_ROWS}), any
 * call of a function that is not a known built-in ({@link SqlWords#SAFE_CALLS}): a stored function,
 * qualified or not, may do anything; any {@code session_track*} name (the tracker itself switched
 * off); and what reads the previous statement's results ({@code FOUND_ROWS()}, {@code SHOW
 * WARNINGS}...). Also recognises the statements that change nothing but autocommit ({@code SET
 * autocommit=0}, as Connector/J sends for {@code setAutoCommit}). Stateless and thread-safe.
 */
final class UntrackedStatements {
  /** {@link #scan} found state the tracker does not report. */
  static final int UNTRACKED_STATE = 1;

  /** {@link #scan} found a statement that may switch session tracking itself off. */
  static final int TRACKING_SETTINGS = 2;

  /** {@link #scan} found a read of what the previous statement left (row counts, warnings). */
  static final int READS_PREVIOUS = 4;

  /**
   * {@link #scan} found code whose effects its text does not show (dynamic SQL, {@code CALL}, a
   * stored function, a compound statement) or {@code SET ROLE}: anything, the role and the schema
   * included, may have changed, and tracking may be off.
   */
  static final int HIDDEN_CODE = 8;

  private static final String TRACK_PREFIX = "SESSION_TRACK";

  private UntrackedStatements() {}

  /** What {@code sql} may change unreported: a combination of the flags above, 0 for nothing. */
  static int scan(String sql) {
    int found = 0;
    int n = sql.length();
    for (int i = 0; i < n; ) {
      char c = sql.charAt(i);
      if (isNameStart(c)) {
        int end = nameEnd(sql, i);
        found |= word(sql, i, end);
        i = end;
      } else {
        if (c == '@' && userVariableAt(sql, i)) {
          found |= UNTRACKED_STATE;
        } else if (c == '(' && callsStoredCode(sql, i)) {
          found |= UNTRACKED_STATE | HIDDEN_CODE;
        }
        i++;
      }
    }
    return found;
  }

  private static int word(String sql, int start, int end) {
    if (SqlWords.HIDDEN.contains(sql, start, end)) {
      return UNTRACKED_STATE | HIDDEN_CODE;
    }
    if (SqlWords.UNTRACKED.contains(sql, start, end)) {
      return UNTRACKED_STATE;
    }
    if (SqlWords.READS_PREVIOUS.contains(sql, start, end)) {
      return READS_PREVIOUS;
    }
    if (SqlWords.COMPOUND_UNLESS_CALL.contains(sql, start, end) && nextVisible(sql, end) != '(') {
      return UNTRACKED_STATE | HIDDEN_CODE;
    }
    return end - start >= TRACK_PREFIX.length()
            && sql.regionMatches(true, start, TRACK_PREFIX, 0, TRACK_PREFIX.length())
        ? TRACKING_SETTINGS | UNTRACKED_STATE
        : 0;
  }

  /**
   * Whether the parenthesis at {@code open} follows a name that may be a stored function: a
   * qualified or quoted name, or a bare one that is neither a known built-in nor a table or index
   * before its column list. White space and comments may stand between name and parenthesis.
   */
  private static boolean callsStoredCode(String sql, int open) {
    int end = skipBack(sql, open - 1) + 1;
    if (end == 0 || !(isNamePart(sql.charAt(end - 1)) || sql.charAt(end - 1) == '`')) {
      return false;
    }
    boolean quoted = sql.charAt(end - 1) == '`';
    int start = quoted ? sql.lastIndexOf('`', end - 2) : nameStart(sql, end);
    if (start < 0) {
      return true;
    }
    boolean qualified = start > 0 && sql.charAt(start - 1) == '.';
    if (!quoted && !qualified && SqlWords.SAFE_CALLS.contains(sql, start, end)) {
      return false;
    }
    return !afterTableContext(sql, start);
  }

  /**
   * Whether the name unit (dots included) that starts before {@code start} follows INTO, TABLE...
   */
  private static boolean afterTableContext(String sql, int start) {
    int unitStart = start;
    while (unitStart > 0
        && (isNamePart(sql.charAt(unitStart - 1))
            || sql.charAt(unitStart - 1) == '.'
            || sql.charAt(unitStart - 1) == '`')) {
      unitStart--;
    }
    int end = skipBack(sql, unitStart - 1) + 1;
    if (end == 0 || !isNamePart(sql.charAt(end - 1))) {
      return false;
    }
    return SqlWords.TABLE_CONTEXT.contains(sql, nameStart(sql, end), end);
  }

  /**
   * The index of the last character at or before {@code at} that is neither blank nor in a comment.
   */
  private static int skipBack(String sql, int at) {
    int i = at;
    while (i >= 0) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i--;
      } else if (c == '/' && i > 0 && sql.charAt(i - 1) == '*') {
        int open = sql.lastIndexOf("/*", i - 2);
        if (open < 0) {
          return i;
        }
        i = open - 1;
      } else {
        return i;
      }
    }
    return -1;
  }

  private static char nextVisible(String sql, int from) {
    for (int i = from; i < sql.length(); i++) {
      if (!Character.isWhitespace(sql.charAt(i))) {
        return sql.charAt(i);
      }
    }
    return ' ';
  }

  /** Whether {@code sql} is a single statement that only sets autocommit. */
  static boolean onlyAutocommit(String sql) {
    int n = sql.length();
    if (n > 48) {
      return false;
    }
    int i = skipBlanks(sql, 0);
    if (!sql.regionMatches(true, i, "SET", 0, 3)
        || i + 3 >= n
        || !Character.isWhitespace(sql.charAt(i + 3))) {
      return false;
    }
    i = skipScopePrefix(sql, skipBlanks(sql, i + 3));
    if (!sql.regionMatches(true, i, "autocommit", 0, 10)) {
      return false;
    }
    i = skipBlanks(sql, i + 10);
    if (i >= n || sql.charAt(i) != '=') {
      return false;
    }
    i = skipBlanks(sql, i + 1);
    int value = i;
    while (i < n && Character.isLetterOrDigit(sql.charAt(i))) {
      i++;
    }
    if (!isBooleanWord(sql, value, i)) {
      return false;
    }
    i = skipBlanks(sql, i);
    if (i < n && sql.charAt(i) == ';') {
      i = skipBlanks(sql, i + 1);
    }
    return i == n;
  }

  private static int skipScopePrefix(String sql, int at) {
    for (String prefix : new String[] {"@@SESSION.", "@@LOCAL.", "@@"}) {
      if (sql.regionMatches(true, at, prefix, 0, prefix.length())) {
        return at + prefix.length();
      }
    }
    for (String prefix : new String[] {"SESSION", "LOCAL"}) {
      int end = at + prefix.length();
      if (sql.regionMatches(true, at, prefix, 0, prefix.length())
          && end < sql.length()
          && Character.isWhitespace(sql.charAt(end))) {
        return skipBlanks(sql, end);
      }
    }
    return at;
  }

  private static boolean isBooleanWord(String sql, int start, int end) {
    int length = end - start;
    for (String word : new String[] {"0", "1", "ON", "OFF", "TRUE", "FALSE"}) {
      if (word.length() == length && sql.regionMatches(true, start, word, 0, length)) {
        return true;
      }
    }
    return false;
  }

  private static int skipBlanks(String sql, int at) {
    int i = at;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A user variable ({@code @v}, {@code @`v`}), not a system one ({@code @@v}) nor an address. */
  private static boolean userVariableAt(String sql, int at) {
    char before = at == 0 ? ' ' : sql.charAt(at - 1);
    char after = at + 1 < sql.length() ? sql.charAt(at + 1) : ' ';
    if (before == '@' || after == '@' || isNamePart(before)) {
      return false;
    }
    return isNamePart(after) || after == '`' || after == '\'' || after == '"';
  }

  private static int nameEnd(String sql, int start) {
    int i = start;
    while (i < sql.length() && isNamePart(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int nameStart(String sql, int end) {
    int i = end;
    while (i > 0 && isNamePart(sql.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static boolean isNameStart(char c) {
    return isNamePart(c) && (c < '0' || c > '9');
  }

  private static boolean isNamePart(char c) {
    if (c < 128) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '$';
    }
    return Character.isLetterOrDigit(c);
  }
}
