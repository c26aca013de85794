package dev.workerdi.samples.backup;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * Restores chunks from a backup directory into the target: each chunk file's rows ({@code LOAD DATA
 * LOCAL} from the decompressed bytes for tab-separated files, else its statements) and the chunk's
 * checkpoint row (with the source digest from its {@code .done} file) commit in one target
 * transaction, and only when the file's checksum (CRC-32C) is the one recorded at backup time. So
 * after a crash or {@code kill -9} the target holds exactly the done chunks. With {@code readBack},
 * a committed chunk is read back from the target and hashed at once ({@link ReadBack}), so that its
 * verification overlaps the loading of the others. Not thread-safe: one per coroutine.
 */
final class ChunkFileLoader implements ChunkWorker {
  private final Connection target;
  private final Path dir;
  private final Runnable beforeCommit;
  private final boolean readBack;

  /**
   * @param readBack whether each chunk, once committed, is read back from the target and hashed
   *     ({@link ReadBack}) where that applies
   */
  ChunkFileLoader(Connection target, Path dir, Runnable beforeCommit, boolean readBack)
      throws SQLException {
    this.target = target;
    this.dir = dir;
    this.beforeCommit = beforeCommit;
    this.readBack = readBack && ClientRowHash.rawResults(target);
  }

  @Override
  public Chunk copy(Chunk chunk, LongConsumer committed) throws Exception {
    Chunk done = restore(chunk, committed);
    return readBack && ReadBack.applies(chunk.table(), true)
        ? done.readBack(ReadBack.of(target, done))
        : done;
  }

  private Chunk restore(Chunk chunk, LongConsumer committed) throws Exception {
    Path file = DumpFiles.chunkFile(dir, chunk);
    Properties done = DumpFiles.read(DumpFiles.doneFile(dir, chunk));
    target.setAutoCommit(false);
    try {
      byte[] bytes = Files.readAllBytes(file);
      String mismatch = DumpFiles.mismatch(done, bytes);
      if (mismatch != null) {
        throw new IllegalStateException(
            "The chunk file " + file + " is damaged: " + mismatch + "; nothing of it was loaded");
      }
      Checkpoints.clearUncommitted(target, chunk);
      if (DumpFiles.tabSeparated(file)) {
        LoadData.load(
            target,
            chunk.table(),
            new GZIPInputStream(new ByteArrayInputStream(bytes), 1 << 16),
            chunk.copiedRows());
      } else {
        load(bytes);
      }
      beforeCommit.run();
      Checkpoints.markDone(target, chunk);
      target.commit();
      target.setAutoCommit(true);
      committed.accept(chunk.copiedRows());
      return chunk.completed(chunk.sourceHash(), chunk.snapshot());
    } catch (Exception e) {
      try {
        target.rollback();
        target.setAutoCommit(true);
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  /** Runs the statements of a chunk file's bytes (checked already). */
  private void load(byte[] file) throws IOException, SQLException {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(new ByteArrayInputStream(file), 1 << 16),
                    StandardCharsets.UTF_8),
                1 << 16);
        Statement statement = target.createStatement()) {
      statement.setEscapeProcessing(false);
      for (String line; (line = lines.readLine()) != null; ) {
        if (!line.isEmpty()) {
          statement.executeUpdate(line);
        }
      }
    }
  }
}
