package dev.workerdi.samples.backup;

import com.google.inject.Injector;
import dev.workerdi.lifecycle.WorkerHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The copy phase: K coroutines spread over the host's workers, each with its own source and target
 * lease (coroutine-scoped, returned when the coroutine ends), taking chunks from one shared queue
 * until it is empty. The first failure (or a cancel) stops the others after their current chunk,
 * which commits or rolls back whole. Thread-safe; one instance per run.
 */
final class ParallelCopy {
  private final WorkerHost host;
  private final BackupOptions options;
  private final Progress progress;
  private final AtomicBoolean cancelled;
  private final Queue<Chunk> queue;
  private final AtomicInteger committed = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private long rows;

  ParallelCopy(WorkerHost host, BackupOptions options, Progress progress, AtomicBoolean cancelled, List<Chunk> todo) {
    this.host = host;
    this.options = options;
    this.progress = progress;
    this.cancelled = cancelled;
    this.queue = new ConcurrentLinkedQueue<>(todo);
  }

  /** Copies every chunk. Throws the first coroutine's failure. */
  void run() {
    int coroutines = Math.max(1, Math.min(options.concurrency, queue.size()));
    List<CompletableFuture<Long>> copiers = new ArrayList<>();
    for (int i = 0; i < coroutines; i++) {
      copiers.add(host.submit(i % options.workers, this::copier));
    }
    for (CompletableFuture<Long> copier : copiers) {
      try {
        rows += copier.join();
      } catch (CompletionException e) {
        failure.compareAndSet(null, e.getCause());
      }
    }
    if (failure.get() != null) {
      throw new BackupException("copying stopped after " + committed.get() + " chunk(s) of this run (committed"
          + " chunks are kept: run again to resume)", failure.get());
    }
    if (cancelled.get() && !queue.isEmpty()) {
      throw new BackupException("copying was cancelled after " + committed.get() + " chunk(s) of this run"
          + " (committed chunks are kept: run again to resume)", null);
    }
  }

  /** Rows copied by this run. */
  long rows() {
    return rows;
  }

  /** One coroutine: its own two leases, chunks until the queue is empty or the run stops. */
  private long copier() throws Exception {
    Injector injector = host.injector();
    ChunkCopier copier = new ChunkCopier(BackupHost.source(injector).connection(),
        BackupHost.target(injector).connection(), options.chunkRows, this::crashIfAsked);
    long rows = 0;
    for (Chunk chunk; failure.get() == null && !cancelled.get() && (chunk = queue.poll()) != null; ) {
      try {
        rows += copier.copy(chunk, progress::rowsCommitted);
      } catch (Exception e) {
        failure.compareAndSet(null, e);
        throw e;
      }
      committed.incrementAndGet();
      progress.chunkDone(chunk);
      if (!options.throttle.isZero()) {
        Thread.sleep(options.throttle);
      }
    }
    return rows;
  }

  private void crashIfAsked() {
    if (options.crashAfterChunks >= 0 && committed.get() >= options.crashAfterChunks) {
      throw new IllegalStateException("simulated crash after " + committed.get() + " committed chunk(s)"
          + " (crashAfterChunks=" + options.crashAfterChunks + "), before the next chunk's commit");
    }
  }

  int committedChunks() {
    return committed.get();
  }
}
