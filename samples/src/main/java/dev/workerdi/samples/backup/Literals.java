package dev.workerdi.samples.backup;

import java.util.HexFormat;

/**
 * SQL literals for the multi-row {@code INSERT}s, written straight into the statement being built:
 * strings in single quotes with MySQL's escapes (the target sessions never use {@code
 * NO_BACKSLASH_ESCAPES}), bytes as {@code X'..'}, numbers as the server printed them (checked to be
 * numbers, so nothing else can slip in unquoted). Stateless.
 */
final class Literals {
  private static final HexFormat HEX = HexFormat.of();

  private Literals() {}

  static void string(String value, StringBuilder sql) {
    if (value == null) {
      sql.append("NULL");
      return;
    }
    sql.append('\'');
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\'' -> sql.append("\\'");
        case '\\' -> sql.append("\\\\");
        case '\0' -> sql.append("\\0");
        case '\n' -> sql.append("\\n");
        case '\r' -> sql.append("\\r");
        case '\u001a' -> sql.append("\\Z");
        default -> sql.append(c);
      }
    }
    sql.append('\'');
  }

  static void bytes(byte[] value, StringBuilder sql) {
    if (value == null) {
      sql.append("NULL");
    } else {
      HEX.formatHex(sql.append("X'"), value).append('\'');
    }
  }

  /** A number as text ({@code -12.5}, {@code 1.6777216E7}); anything else is refused. */
  static void number(String value, StringBuilder sql) {
    if (value == null) {
      sql.append("NULL");
      return;
    }
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
        throw new IllegalStateException("Not a number from the source: '" + value + "'");
      }
    }
    sql.append(value);
  }
}
