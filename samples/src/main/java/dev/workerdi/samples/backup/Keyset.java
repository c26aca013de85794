package dev.workerdi.samples.backup;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keyset pagination over the full key tuple {@code (k1, ..., kn)}: the SQL of a range {@code lo <
 * key <= hi} (either end open), the binding of its bounds in the columns' own types, and the text
 * form of a bound kept in the checkpoint table. Row comparisons are spelled out as {@code k1 > ? OR
 * (k1 = ? AND k2 > ?) ...} with a leading {@code k1 >= ?}, which every MySQL and MariaDB range
 * optimizer turns into an index range. Immutable and thread-safe.
 */
final class Keyset {
  private static final HexFormat HEX = HexFormat.of();
  private final List<Column> key;

  Keyset(List<Column> key) {
    this.key = List.copyOf(key);
  }

  /** {@code k1, k2, ...} for ORDER BY. */
  String orderBy() {
    return key.stream().map(Column::quoted).collect(Collectors.joining(", "));
  }

  /** The key columns as exact text (or bytes), for boundary queries. */
  String selectKey() {
    return key.stream().map(Column::select).collect(Collectors.joining(", "));
  }

  /** The condition for {@code lo < key <= hi}; a {@code null} bound is open. */
  String where(List<Object> lo, List<Object> hi) {
    List<String> parts = new ArrayList<>();
    if (lo != null) {
      parts.add(bound(">", ">=", ">"));
    }
    if (hi != null) {
      parts.add(bound("<", "<=", "<="));
    }
    return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
  }

  private String bound(String strict, String lead, String last) {
    int n = key.size();
    if (n == 1) {
      return key.get(0).quoted() + " " + last + " ?";
    }
    List<String> alternatives = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder term = new StringBuilder("(");
      for (int j = 0; j < i; j++) {
        term.append(key.get(j).quoted()).append(" = ? AND ");
      }
      term.append(key.get(i).quoted()).append(i == n - 1 ? " " + last : " " + strict).append(" ?)");
      alternatives.add(term.toString());
    }
    return key.get(0).quoted() + " " + lead + " ? AND (" + String.join(" OR ", alternatives) + ")";
  }

  /** Binds the bounds of {@link #where} from {@code index}; returns the next index. */
  int bind(PreparedStatement statement, int index, List<Object> lo, List<Object> hi)
      throws SQLException {
    int next = index;
    for (List<Object> values : bounds(lo, hi)) {
      next = bindBound(statement, next, values);
    }
    return next;
  }

  private static List<List<Object>> bounds(List<Object> lo, List<Object> hi) {
    List<List<Object>> bounds = new ArrayList<>();
    if (lo != null) {
      bounds.add(lo);
    }
    if (hi != null) {
      bounds.add(hi);
    }
    return bounds;
  }

  private int bindBound(PreparedStatement statement, int index, List<Object> values)
      throws SQLException {
    int next = index;
    int n = key.size();
    if (n > 1) {
      key.get(0).kind().bindKey(statement, next++, values.get(0));
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        key.get(j).kind().bindKey(statement, next++, values.get(j));
      }
    }
    return next;
  }

  /** The key of the current row of a {@link #selectKey} query, from column {@code index}. */
  List<Object> read(ResultSet row, int index) throws SQLException {
    List<Object> values = new ArrayList<>(key.size());
    for (int i = 0; i < key.size(); i++) {
      values.add(key.get(i).kind().readKey(row, index + i));
    }
    return values;
  }

  /**
   * A bound as text for the checkpoint table: each value in hex, comma-separated; {@code null}
   * stays null.
   */
  String encode(List<Object> values) {
    if (values == null) {
      return null;
    }
    return values.stream()
        .map(
            v ->
                HEX.formatHex(
                    v instanceof byte[] bytes
                        ? bytes
                        : ((String) v).getBytes(StandardCharsets.UTF_8)))
        .collect(Collectors.joining(","));
  }

  /** The inverse of {@link #encode}. */
  List<Object> decode(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(",", -1);
    List<Object> values = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      byte[] bytes = HEX.parseHex(parts[i]);
      values.add(
          key.get(i).kind() == ColumnKind.BINARY
              ? bytes
              : new String(bytes, StandardCharsets.UTF_8));
    }
    return values;
  }
}
