package dev.workerdi.jdbc.internal;

import java.util.regex.Pattern;

/**
 * The one lexical check of {@link dev.workerdi.jdbc.ResetPolicy#TRACKED}: the session state a
 * MySQL/MariaDB server changes without reporting it in its session-state tracker, found in the
 * text of a statement. Measured on MariaDB 10.11 and 11.4: user variables written by {@code SELECT
 * ... INTO @v}, {@code SELECT @v := ...} or {@code UPDATE ... SET c = (@v := ...)}; user locks taken
 * with {@code GET_LOCK}; {@code HANDLER ... OPEN}; and {@code SET session_track_state_change=OFF},
 * which switches the tracker itself off. Anything it matches makes the lease pay a full reset, so
 * false positives (an {@code @} in {@code 'user'@'host'}, a column named {@code target_lock}) cost
 * time, never safety. Statements are scanned once, in one pass, with no allocation.
 *
 * <p>Also recognises the statements that change nothing but autocommit ({@code SET autocommit=0},
 * as Connector/J sends for {@code setAutoCommit}), whose tracker report the cleaner checks against
 * the server's autocommit status flag instead. Stateless and thread-safe.
 */
final class UntrackedStatements {
  /** {@link #scan} found state the tracker does not report. */
  static final int UNTRACKED_STATE = 1;
  /** {@link #scan} found a statement that may switch session tracking itself off. */
  static final int TRACKING_SETTINGS = 2;

  private static final Pattern AUTOCOMMIT_ONLY = Pattern.compile(
      "\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+|@@SESSION\\.|@@LOCAL\\.|@@)?autocommit\\s*=\\s*"
          + "(?:0|1|ON|OFF|TRUE|FALSE)\\s*;?\\s*",
      Pattern.CASE_INSENSITIVE);
  private static final int AUTOCOMMIT_MAX_LENGTH = 48;

  private UntrackedStatements() {}

  /** What {@code sql} may change unreported: a combination of the flags above, 0 for nothing. */
  static int scan(String sql) {
    int found = 0;
    for (int i = 0, n = sql.length(); i < n; i++) {
      switch (sql.charAt(i)) {
        case '@' -> found |= userVariableAt(sql, i) ? UNTRACKED_STATE : 0;
        case 'g', 'G' -> found |= sql.regionMatches(true, i, "GET_LOCK", 0, 8) ? UNTRACKED_STATE : 0;
        case 'h', 'H' -> found |= sql.regionMatches(true, i, "HANDLER", 0, 7) ? UNTRACKED_STATE : 0;
        case 's', 'S' -> found |= sql.regionMatches(true, i, "SESSION_TRACK", 0, 13) ? TRACKING_SETTINGS : 0;
        default -> { }
      }
    }
    return found;
  }

  /** Whether {@code sql} is a single statement that only sets autocommit. */
  static boolean onlyAutocommit(String sql) {
    return sql.length() <= AUTOCOMMIT_MAX_LENGTH && AUTOCOMMIT_ONLY.matcher(sql).matches();
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

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
  }
}
