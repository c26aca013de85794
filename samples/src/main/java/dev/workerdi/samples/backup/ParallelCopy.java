package dev.workerdi.samples.backup;

import com.google.inject.Injector;
import dev.workerdi.lifecycle.WorkerHost;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The copy phase: K coroutines spread over the host's workers, each with its own source and target
 * lease (coroutine-scoped, returned when the coroutine ends), taking chunks from one shared {@link
 * ChunkQueue} (a table each while there are tables nobody copies) until it is empty. First the
 * snapshot: while {@link SnapshotLock} holds the source's global lock, every coroutine opens {@code
 * START TRANSACTION WITH CONSISTENT SNAPSHOT} on its source lease; the lock is released as soon as
 * all have (a coroutine that could not open it in time fails the run). All reads, and the digests
 * of what is read, then come from that one point in time. The coroutine that commits a table's last
 * chunk then hands the table to the {@link Finisher} (with its snapshot connection, still open),
 * before it takes its next chunk, so that the work a table needs once copied overlaps the copy of
 * the others; tables with no chunk left to copy (an interrupted run copied them) are finished by
 * the coroutines once the chunks are all taken. The first failure (or a cancel) stops the others
 * after their current chunk, which commits or rolls back whole. Thread-safe; one instance per run.
 */
final class ParallelCopy {
  private static final long LOCK_HOLD_SECONDS = 60;

  private final WorkerHost host;
  private final BackupOptions options;
  private final Progress progress;
  private final AtomicBoolean cancelled;
  private final ChunkQueue queue;
  private final ChunkWorker.Factory workers;
  private final boolean readsSource;
  private final Finisher finisher;
  private final Map<String, AtomicInteger> remaining = new ConcurrentHashMap<>();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Queue<Table> unfinished;
  private final Queue<Chunk> copied = new ConcurrentLinkedQueue<>();
  private final AtomicInteger committed = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicBoolean lockReleased = new AtomicBoolean();
  private SnapshotPoint point = SnapshotPoint.none();
  private long rows;

  /**
   * @param plan the run's plan: its chunks still to copy ({@link Plan#todo}) and its tables
   * @param readsSource whether the coroutines read a source database (then in one snapshot), or
   *     files
   * @param finisher what is done with each table once its chunks are all committed
   */
  ParallelCopy(
      WorkerHost host,
      BackupOptions options,
      Progress progress,
      AtomicBoolean cancelled,
      Plan plan,
      boolean readsSource,
      Finisher finisher,
      ChunkWorker.Factory workers) {
    List<Chunk> todo = plan.todo();
    this.finisher = finisher;
    todo.forEach(
        c ->
            remaining
                .computeIfAbsent(c.table().name(), n -> new AtomicInteger())
                .incrementAndGet());
    this.unfinished =
        new ConcurrentLinkedQueue<>(
            plan.schema().tables().stream().filter(t -> !remaining.containsKey(t.name())).toList());
    this.workers = workers;
    this.readsSource = readsSource;
    this.host = host;
    this.options = options;
    this.progress = progress;
    this.cancelled = cancelled;
    this.queue = new ChunkQueue(todo);
  }

  /** Copies every chunk. Throws the first coroutine's failure. */
  void run() {
    int coroutines = Math.max(1, Math.min(options.concurrency, queue.size()));
    CountDownLatch opened = new CountDownLatch(coroutines);
    List<CompletableFuture<Long>> copiers = new ArrayList<>();
    SnapshotLock lock =
        readsSource && options.lock
            ? SnapshotLock.acquire(options.source(), options.lockWaitSeconds)
            : null;
    try {
      point = lock == null ? SnapshotPoint.none() : lock.point();
      for (int i = 0; i < coroutines; i++) {
        copiers.add(host.submit(i % options.workers, () -> copier(opened)));
      }
      awaitSnapshots(opened);
    } finally {
      lockReleased.set(true);
      if (lock != null) {
        lock.close();
      }
    }
    join(copiers);
  }

  private static void awaitSnapshots(CountDownLatch opened) {
    try {
      opened.await(LOCK_HOLD_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void join(List<CompletableFuture<Long>> copiers) {
    for (CompletableFuture<Long> copier : copiers) {
      try {
        rows += copier.join();
      } catch (CompletionException e) {
        failure.compareAndSet(null, e.getCause());
      }
    }
    if (failure.get() != null) {
      throw new BackupException(
          "copying stopped after "
              + committed.get()
              + " chunk(s) of this run (committed"
              + " chunks are kept: run again to resume)",
          failure.get());
    }
    if (cancelled.get() && !(queue.isEmpty() && unfinished.isEmpty())) {
      throw new BackupException(
          "copying was cancelled after "
              + committed.get()
              + " chunk(s) of this run"
              + " (committed chunks are kept: run again to resume)",
          null);
    }
  }

  /** Rows copied by this run. */
  long rows() {
    return rows;
  }

  /** The snapshot this run read. */
  SnapshotPoint point() {
    return point;
  }

  /**
   * What the copy does with a table once all its chunks are committed, in the coroutine that
   * committed the last one. Implementations are thread-safe: coroutines finish tables at once.
   */
  @FunctionalInterface
  interface Finisher {
    /** Nothing to do. */
    Finisher NONE = (table, injector, source) -> {};

    /**
     * Called once per table that has chunks to copy in this run, by the coroutine that takes its
     * first one, before it copies it: work that needs the snapshot but not the copied rows (done
     * here, it overlaps the copy instead of adding to the last table's finish). Nothing by default.
     *
     * @param source the coroutine's source connection, in its snapshot, or {@code null} when the
     *     source is a directory
     */
    default void started(Table table, Connection source) throws Exception {}

    /**
     * Finishes {@code table}.
     *
     * @param injector the host's injector (for the coroutine's own leases)
     * @param source the coroutine's source connection, still in its snapshot, or {@code null} when
     *     the source is a directory
     */
    void finished(Table table, Injector injector, Connection source) throws Exception;
  }

  /** The chunks this run copied, done, with the digests of what was read. */
  List<Chunk> copied() {
    return List.copyOf(copied);
  }

  /**
   * One coroutine: its own two leases, its snapshot, chunks until the queue is empty or the run
   * stops.
   */
  private long copier(CountDownLatch opened) throws Exception {
    Injector injector = host.injector();
    Connection source = null;
    try {
      if (readsSource) {
        source = BackupHost.source(injector).connection();
        openSnapshot(source);
      }
    } finally {
      opened.countDown();
    }
    try {
      long rows =
          copyChunks(
              workers.open(injector, source, point.describe(), this::crashIfAsked),
              injector,
              source);
      finishLeftovers(injector, source);
      if (source != null) {
        Jdbc.execute(source, "COMMIT");
      }
      return rows;
    } catch (Exception e) {
      if (source != null) {
        endQuietly(source, e);
      }
      throw e;
    }
  }

  /**
   * Ends the snapshot transaction after a failure; the connection may be broken (its lease is reset
   * anyway).
   */
  private static void endQuietly(Connection source, Exception failure) {
    try {
      Jdbc.execute(source, "ROLLBACK");
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private void openSnapshot(Connection source) throws SQLException {
    Jdbc.execute(source, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    Jdbc.execute(source, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
    if (options.lock && lockReleased.get()) {
      throw new IllegalStateException(
          "a copying coroutine could not open its snapshot within "
              + LOCK_HOLD_SECONDS
              + " s of the global lock, so it would not read the same point in time as the others: the source's"
              + " pool could not give it a connection in time");
    }
  }

  /** Finishes the tables that had no chunk to copy, once the chunks are all taken. */
  private void finishLeftovers(Injector injector, Connection source) throws Exception {
    for (Table table;
        failure.get() == null && !cancelled.get() && (table = unfinished.poll()) != null; ) {
      finish(table, injector, source);
    }
  }

  private void finish(Table table, Injector injector, Connection source) throws Exception {
    try {
      finisher.finished(table, injector, source);
    } catch (Exception e) {
      failure.compareAndSet(null, e);
      throw e;
    }
  }

  private long copyChunks(ChunkWorker copier, Injector injector, Connection source)
      throws Exception {
    long rows = 0;
    ChunkQueue.Cursor chunks = queue.cursor();
    for (Chunk chunk;
        failure.get() == null && !cancelled.get() && (chunk = chunks.next()) != null; ) {
      try {
        if (started.add(chunk.table().name())) {
          finisher.started(chunk.table(), source);
        }
        Chunk done = copier.copy(chunk, progress::rowsCommitted);
        copied.add(done);
        rows += done.copiedRows();
      } catch (Exception e) {
        failure.compareAndSet(null, e);
        throw e;
      }
      committed.incrementAndGet();
      if (remaining.get(chunk.table().name()).decrementAndGet() == 0) {
        finish(chunk.table(), injector, source);
      }
      if (!options.throttle.isZero()) {
        Thread.sleep(options.throttle);
      }
    }
    return rows;
  }

  private void crashIfAsked() {
    if (options.crashAfterChunks >= 0 && committed.get() >= options.crashAfterChunks) {
      throw new IllegalStateException(
          "simulated crash after "
              + committed.get()
              + " committed chunk(s)"
              + " (crashAfterChunks="
              + options.crashAfterChunks
              + "), before the next chunk's commit");
    }
  }

  int committedChunks() {
    return committed.get();
  }
}
