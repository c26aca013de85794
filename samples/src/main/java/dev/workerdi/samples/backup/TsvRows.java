package dev.workerdi.samples.backup;

import com.mysql.cj.jdbc.result.ResultSetMetaData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Source rows as the tab-separated UTF-8 lines that {@link LoadData#sql} reads, built as bytes:
 * each value is taken as the bytes the driver received (the session's result character set is
 * utf8mb4, so text arrives as UTF-8) and escaped byte by byte with backslash escapes ({@code \\ \t
 * \n \r \0}: ASCII bytes never occur inside a UTF-8 multibyte sequence, so escaping bytes is
 * escaping characters); {@code \N} is NULL, bytes travel as hex, numbers as the server printed them
 * (checked to be numbers). No {@code String} is made per value, and nothing is decoded and encoded
 * again. Not thread-safe: one per coroutine.
 */
final class TsvRows {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** The bytes that {@link #escaped} must escape: backslash, tab, newline, carriage return, NUL. */
  private static final boolean[] SPECIAL = new boolean[256];

  static {
    for (char c : new char[] {'\\', '\t', '\n', '\r', 0}) {
      SPECIAL[c] = true;
    }
  }

  private final List<Column> columns;
  private final boolean[] decoded;
  private boolean charsetsRead;
  private RawColumns raw;
  private byte[] bytes;
  private int length;
  private int rows;

  /** Rows of {@code columns}, in a buffer of {@code capacity} bytes to start with. */
  TsvRows(List<Column> columns, int capacity) {
    this(columns, new byte[capacity]);
  }

  /**
   * Rows of {@code columns}, built in {@code buffer} (whose content is overwritten) until it is
   * full, then in a larger copy.
   */
  TsvRows(List<Column> columns, byte[] buffer) {
    this.columns = List.copyOf(columns);
    this.decoded = new boolean[columns.size()];
    this.bytes = buffer;
  }

  /** The buffer the rows are built in, which {@link #add} replaces by a larger one when full. */
  byte[] buffer() {
    return bytes;
  }

  /**
   * Reads the character sets of {@code source}'s columns: the session leaves results in each
   * column's own character set ({@code character_set_results} is NULL), so text that does not
   * arrive as UTF-8 (a {@code latin1} column, say) is decoded by the driver and encoded as UTF-8.
   * Done at the first row: one instance reads one result set.
   */
  private void readCharsets(ResultSet source) throws SQLException {
    ResultSetMetaData meta = source.getMetaData().unwrap(ResultSetMetaData.class);
    int in = 1;
    for (int i = 0; i < columns.size(); i++) {
      ColumnKind kind = columns.get(i).kind();
      if (kind == ColumnKind.TEXT || kind == ColumnKind.ENUMERATED || kind == ColumnKind.TEMPORAL) {
        String encoding = meta.getColumnCharacterEncoding(in);
        decoded[i] = !("UTF-8".equalsIgnoreCase(encoding) || "US-ASCII".equalsIgnoreCase(encoding));
      }
      in += kind.width();
    }
  }

  /**
   * Appends the current row of {@code source}, whose values start at column 1; every row comes from
   * the same result set.
   */
  void add(ResultSet source) throws SQLException {
    if (!charsetsRead) {
      readCharsets(source);
      raw = RawColumns.of(source);
      charsetsRead = true;
    }
    if (raw != null) {
      raw.take();
    }
    int in = 1;
    for (int i = 0, n = columns.size(); i < n; i++) {
      ColumnKind kind = columns.get(i).kind();
      if (i > 0) {
        put((byte) '\t');
      }
      byte[] value =
          decoded[i]
              ? utf8(source.getString(in))
              : raw != null ? raw.bytes(in) : source.getBytes(in);
      if (value == null) {
        put((byte) '\\');
        put((byte) 'N');
      } else {
        switch (kind) {
          case BINARY -> hex(value);
          case NUMBER, FLOATING, BIT -> number(value);
          default -> escaped(value);
        }
      }
      in += kind.width();
    }
    put((byte) '\n');
    rows++;
  }

  private static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes held. */
  int length() {
    return length;
  }

  /** Rows held. */
  int rows() {
    return rows;
  }

  /** Forgets the rows held (the buffer is kept). */
  void clear() {
    length = 0;
    rows = 0;
  }

  /** The rows held, to be read once; valid until the next {@link #add} or {@link #clear}. */
  InputStream stream() {
    return new ByteArrayInputStream(bytes, 0, length);
  }

  /** Writes the rows held to {@code out}. */
  void writeTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  private void put(byte b) {
    if (length == bytes.length) {
      grow(1);
    }
    bytes[length++] = b;
  }

  private void grow(int more) {
    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
  }

  private void hex(byte[] value) {
    if (bytes.length - length < value.length * 2) {
      grow(value.length * 2);
    }
    for (byte b : value) {
      bytes[length++] = HEX[(b >> 4) & 0xf];
      bytes[length++] = HEX[b & 0xf];
    }
  }

  private void number(byte[] value) {
    for (byte c : value) {
      if (!(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
        throw new IllegalStateException(
            "Not a number from the source: '" + new String(value, StandardCharsets.UTF_8) + "'");
      }
    }
    append(value);
  }

  /** Appends {@code value} as it is. */
  private void append(byte[] value) {
    if (bytes.length - length < value.length) {
      grow(value.length);
    }
    System.arraycopy(value, 0, bytes, length, value.length);
    length += value.length;
  }

  /**
   * Appends {@code value} with its special bytes escaped; most values have none, and are copied
   * whole once a scan has found none.
   */
  private void escaped(byte[] value) {
    int clean = 0;
    while (clean < value.length && !SPECIAL[value[clean] & 0xff]) {
      clean++;
    }
    if (clean == value.length) {
      append(value);
      return;
    }
    if (bytes.length - length < value.length * 2) {
      grow(value.length * 2);
    }
    byte[] out = bytes;
    System.arraycopy(value, 0, out, length, clean);
    int at = length + clean;
    for (int i = clean; i < value.length; i++) {
      byte c = value[i];
      switch (c) {
        case '\\' -> {
          out[at++] = '\\';
          out[at++] = '\\';
        }
        case '\t' -> {
          out[at++] = '\\';
          out[at++] = 't';
        }
        case '\n' -> {
          out[at++] = '\\';
          out[at++] = 'n';
        }
        case '\r' -> {
          out[at++] = '\\';
          out[at++] = 'r';
        }
        case 0 -> {
          out[at++] = '\\';
          out[at++] = '0';
        }
        default -> out[at++] = c;
      }
    }
    length = at;
  }
}
