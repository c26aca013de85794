package dev.workerdi.samples.backup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The {@link RowHash} of the rows a copy reads, computed by the client from the values it received
 * instead of by the source server: each row's text is built byte for byte as {@link
 * RowHash#rowExpression} builds it on the server ({@code CONCAT_WS('|', ...)} of every non-NULL
 * column's hash text, then the NULL bitmap), then its MD5 (and CRC32 for a table without a key) is
 * taken. So the digests equal the server's, and verification by the target server's SQL hash
 * compares them as before; the source server no longer hashes every row. It applies to tables whose
 * columns all have a hash text made of what the client receives (not JSON, not an unknown type) and
 * only when the session leaves results in each column's own character set ({@code
 * character_set_results} NULL, the driver's default), so that the bytes received are those of
 * {@code CAST(c AS BINARY)}. Not thread-safe: one per chunk.
 */
final class ClientRowHash implements RowHash.Accumulator {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private final List<Column> columns;
  private final boolean keyed;
  private final MessageDigest md5;
  private final CRC32 crc = new CRC32();
  private final byte[] nulls;
  private byte[] text = new byte[1 << 10];
  private int length;
  private long rows;
  private long crcSum;
  private long md5Xor;

  ClientRowHash(Table table) {
    this.columns = table.copied();
    this.keyed = table.keyed();
    this.nulls = new byte[columns.size()];
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the client can compute {@code table}'s row hash from the values it reads. */
  static boolean applies(Table table) {
    return table.copied().stream()
        .allMatch(c -> c.kind() != ColumnKind.OTHER && !c.dataType().equalsIgnoreCase("json"));
  }

  /**
   * Whether the values {@code source} receives are the bytes the server hashes: the session's
   * {@code character_set_results} is NULL (no conversion of results).
   */
  static boolean rawResults(Connection source) throws SQLException {
    return Jdbc.number(source, "SELECT @@character_set_results IS NULL") == 1;
  }

  @Override
  public void add(ResultSet row) throws SQLException {
    length = 0;
    int in = 1;
    boolean first = true;
    for (int i = 0, n = columns.size(); i < n; i++) {
      ColumnKind kind = columns.get(i).kind();
      byte[] value = row.getBytes(in);
      nulls[i] = (byte) (value == null ? '1' : '0');
      if (value != null) {
        if (!first) {
          put((byte) '|');
        }
        first = false;
        switch (kind) {
          case TEXT, ENUMERATED, BINARY -> {
            ascii(Integer.toString(value.length));
            put((byte) ':');
            put(value);
          }
          case SPATIAL -> {
            put(row.getBytes(in + 1));
            put((byte) ':');
            hex(value);
          }
          default -> put(value);
        }
      }
      in += kind.width();
    }
    if (!first) {
      put((byte) '|');
    }
    put(nulls);
    md5.update(text, 0, length);
    byte[] sum = md5.digest();
    long prefix = 0;
    for (int i = 0; i < 8; i++) {
      prefix = prefix << 8 | (sum[i] & 0xff);
    }
    md5Xor ^= prefix;
    if (!keyed) {
      crc.reset();
      crc.update(text, 0, length);
      crcSum += crc.getValue();
    }
    rows++;
  }

  @Override
  public RowHash digest() {
    return new RowHash(rows, crcSum, md5Xor);
  }

  private void ensure(int more) {
    if (text.length - length < more) {
      text = Arrays.copyOf(text, Math.max(text.length * 2, length + more));
    }
  }

  private void put(byte b) {
    ensure(1);
    text[length++] = b;
  }

  private void put(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, text, length, bytes.length);
    length += bytes.length;
  }

  private void ascii(String digits) {
    ensure(digits.length());
    for (int i = 0; i < digits.length(); i++) {
      text[length++] = (byte) digits.charAt(i);
    }
  }

  private void hex(byte[] bytes) {
    ensure(bytes.length * 2);
    for (byte b : bytes) {
      text[length++] = HEX[(b >> 4) & 0xf];
      text[length++] = HEX[b & 0xf];
    }
  }
}
