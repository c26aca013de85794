package dev.workerdi.samples.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The layout of a backup directory and its file operations. {@code plan} (the source, its character
 * set and every chunk's key range, written first), {@code schema/T.sql} ({@code CREATE TABLE}),
 * {@code objects/NNN.properties} (views, routines, triggers, events with their sessions), {@code
 * sequences} (each sequence's {@code CREATE SEQUENCE} and state, as properties), {@code
 * data/T.NNNNN.tsv.gz} (a chunk: gzip of tab-separated rows; {@code .sql.gz}, one multi-row {@code
 * INSERT} per line, for tables with spatial columns) with {@code data/T.NNNNN.done} (its rows,
 * source digest, CRC-32C and snapshot; a chunk is done when this file exists), and {@code metadata}
 * (the snapshot position and the totals, written last: a backup is finished when it exists). Table
 * names in file names keep letters, digits and {@code _}; other characters become {@code @XXXX}.
 * Every file is written to a temporary name, forced to disk and renamed. Stateless.
 */
final class DumpFiles {
  /** The {@code .done} property of the chunk file's {@link #checksum}. */
  static final String CHECKSUM = "crc32c";

  /** The {@code .done} property of the chunk file's SHA-256, in backups that recorded it. */
  private static final String SHA_256 = "sha256";

  static final String PLAN = "plan";
  static final String METADATA = "metadata";
  static final String SEQUENCES = "sequences";

  private DumpFiles() {}

  /** {@code name} as a portable file name. */
  static String fileName(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (c < 128 && (Character.isLetterOrDigit(c) || c == '_')) {
        out.append(c);
      } else {
        out.append('@').append(String.format("%04x", (int) c));
      }
    }
    return out.toString();
  }

  static Path schemaFile(Path dir, String table) {
    return dir.resolve("schema").resolve(fileName(table) + ".sql");
  }

  /**
   * The chunk's data file: {@code T.NNNNN.tsv.gz} (tab-separated rows, restored with {@code LOAD
   * DATA}; written for a table {@link LoadData#supports} unless {@code loadData(false)}), else
   * {@code T.NNNNN.sql.gz} (multi-row INSERTs).
   */
  static Path chunkFile(Path dir, Chunk chunk, boolean tabSeparated) {
    return dir.resolve("data")
        .resolve(
            String.format(
                "%s.%05d.%s.gz",
                fileName(chunk.table().name()), chunk.number(), tabSeparated ? "tsv" : "sql"));
  }

  /**
   * The data file a backup wrote for {@code chunk}: the tab-separated one if it exists, else the
   * INSERT one.
   */
  static Path chunkFile(Path dir, Chunk chunk) {
    Path tsv = chunkFile(dir, chunk, true);
    return Files.exists(tsv) ? tsv : chunkFile(dir, chunk, false);
  }

  static boolean tabSeparated(Path chunkFile) {
    return chunkFile.getFileName().toString().endsWith(".tsv.gz");
  }

  static Path doneFile(Path dir, Chunk chunk) {
    return dir.resolve("data")
        .resolve(String.format("%s.%05d.done", fileName(chunk.table().name()), chunk.number()));
  }

  /** Writes {@code text} to {@code file} atomically: a temporary file, forced, then renamed. */
  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel =
            FileChannel.open(
                temporary,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = Channels.newOutputStream(channel)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      channel.force(true);
    }
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static void write(Path file, Properties properties) throws IOException {
    StringWriter text = new StringWriter();
    properties.store(text, null);
    write(file, text.toString());
  }

  static Properties read(Path file) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    return properties;
  }

  /**
   * The checksum of a chunk file's bytes as its {@code .done} file records it: CRC-32C, in 8 hex
   * digits. It detects a damaged or truncated file (gzip's own CRC-32 covers only the uncompressed
   * rows, and only once they are read); it is no defence against someone who alters a backup on
   * purpose. CRC-32C rather than SHA-256, which a backup once recorded: the JVM computes CRC-32C
   * with the CPU's own instruction under the client compiler too, while SHA-256 without the server
   * compiler cost about 0.4 s of CPU per 40 MB of chunk files, written and again read.
   */
  static String checksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return checksumText(crc);
  }

  /** {@link #checksum} of what {@code crc} has read. */
  static String checksumText(Checksum crc) {
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }

  /** A new checksum for {@link #checksumText}, to be fed as a file is written. */
  static Checksum newChecksum() {
    return new CRC32C();
  }

  /**
   * Why the chunk file {@code bytes} does not match what its {@code .done} file {@code done}
   * recorded ("its CRC-32C is ..., the backup recorded ..."), or {@code null} when it matches. A
   * backup that recorded the file's SHA-256 ({@code sha256}) is checked with SHA-256; a {@code
   * .done} file with neither is a mismatch too.
   */
  static String mismatch(Properties done, byte[] bytes) {
    String crc = done.getProperty(CHECKSUM);
    if (crc != null) {
      return compare("CRC-32C", checksum(bytes), crc);
    }
    String sha = done.getProperty(SHA_256);
    if (sha == null) {
      return "its .done file records no checksum ("
          + CHECKSUM
          + "), so the file cannot be trusted: back the database up again";
    }
    try {
      return compare(
          "SHA-256",
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
          sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String compare(String method, String actual, String recorded) {
    return actual.equals(recorded)
        ? null
        : "its " + method + " is " + actual + ", the backup recorded " + recorded;
  }
}
