package dev.workerdi.samples.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Checksum;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes chunks read from the source (in the coroutine's snapshot) to a backup directory: the rows
 * as tab-separated lines (or, for tables with spatial columns, multi-row {@code INSERT}s of about 1
 * MB, one per line), gzip-compressed at the fastest level, with the source digest of the rows
 * (computed by the source while reading) and the checksum of the file ({@link DumpFiles#checksum})
 * in its {@code .done} file. The data file is forced to disk and renamed before the {@code .done}
 * file is written the same way, so after a crash or {@code kill -9} a chunk is either done with a
 * complete file or written again by the next run. Not thread-safe: one per coroutine.
 */
final class ChunkFileWriter implements ChunkWorker {
  private static final int STATEMENT_CHARS = 1 << 20;
  private static final int BLOCK_BYTES = 1 << 20;

  private final Connection source;
  private final Path dir;
  private final String snapshot;
  private final Runnable beforeCommit;
  private final boolean tabSeparated;
  private final boolean clientHash;

  ChunkFileWriter(
      Connection source, Path dir, String snapshot, Runnable beforeCommit, boolean tabSeparated)
      throws SQLException {
    this.tabSeparated = tabSeparated;
    this.clientHash = ClientRowHash.rawResults(source);
    this.source = source;
    this.dir = dir;
    this.snapshot = snapshot;
    this.beforeCommit = beforeCommit;
  }

  @Override
  public Chunk copy(Chunk chunk, LongConsumer committed) throws Exception {
    Table table = chunk.table();
    boolean tsv = tabSeparated && LoadData.supports(table);
    Path file = DumpFiles.chunkFile(dir, chunk, tsv);
    Files.deleteIfExists(DumpFiles.chunkFile(dir, chunk, !tsv));
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Checksum crc = DumpFiles.newChecksum();
    RowHash.Accumulator hash = RowHash.accumulator(table, clientHash);
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      try (OutputStream gzip =
              new FastGzip(
                  new CheckedOutputStream(new Unclosed(Channels.newOutputStream(channel)), crc));
          Writer text = new OutputStreamWriter(gzip, StandardCharsets.UTF_8);
          RowWriter insert =
              tsv
                  ? new TabSeparated(gzip, table)
                  : new MultiRowInsert(
                      sql -> text.append(sql).append('\n'), table, STATEMENT_CHARS);
          PreparedStatement select =
              source.prepareStatement(
                  chunk.selectSql(hash), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        if (table.keyed()) {
          new Keyset(table.key()).bind(select, 1, chunk.lo(), chunk.hi());
        }
        select.setFetchSize(Integer.MIN_VALUE);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            insert.add(rows);
            hash.add(rows);
          }
        }
        insert.flush();
        text.flush();
      }
      channel.force(true);
    }
    beforeCommit.run();
    Files.move(
        temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Chunk done = chunk.completed(hash.digest(), snapshot);
    DumpFiles.write(
        DumpFiles.doneFile(dir, chunk), doneProperties(done, DumpFiles.checksumText(crc)));
    committed.accept(done.copiedRows());
    return done;
  }

  private static Properties doneProperties(Chunk done, String checksum) {
    Properties p = new Properties();
    p.setProperty("rows", Long.toString(done.copiedRows()));
    p.setProperty("crcSum", Long.toString(done.sourceHash().crcSum()));
    p.setProperty("md5Xor", Long.toString(done.sourceHash().md5Xor()));
    p.setProperty(DumpFiles.CHECKSUM, checksum);
    p.setProperty("snapshot", done.snapshot());
    return p;
  }

  /** {@code chunk} done as its {@code .done} file says. */
  static Chunk doneChunk(Chunk chunk, Properties done) {
    RowHash hash =
        new RowHash(
            Long.parseLong(done.getProperty("rows")),
            Long.parseLong(done.getProperty("crcSum")),
            Long.parseLong(done.getProperty("md5Xor")));
    return chunk.completed(hash, done.getProperty("snapshot"));
  }

  /** gzip at the fastest level: the chunk files are written while the source is read. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  /**
   * Rows as tab-separated lines ({@link TsvRows}), written to the chunk file in blocks of about
   * {@value #BLOCK_BYTES} bytes.
   */
  private static final class TabSeparated implements RowWriter {
    private final OutputStream out;
    private final TsvRows rows;

    TabSeparated(OutputStream out, Table table) {
      this.out = out;
      this.rows = new TsvRows(table.copied(), BLOCK_BYTES + (64 << 10));
    }

    @Override
    public void add(ResultSet source) throws SQLException, IOException {
      rows.add(source);
      if (rows.length() >= BLOCK_BYTES) {
        flush();
      }
    }

    @Override
    public void flush() throws IOException {
      rows.writeTo(out);
      rows.clear();
    }

    @Override
    public void close() {
      // the chunk file is closed by its owner
    }
  }

  /**
   * The output stream of a channel that the channel's own try-with-resources closes, after forcing
   * it.
   */
  private static final class Unclosed extends OutputStream {
    private final OutputStream out;

    Unclosed(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
