package dev.workerdi.samples.backup;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The progress display of the copy phase: tables done, rows, rows per second and the time left.
 * On a terminal ({@code System.console() != null}) one line redrawn in place with a bar; otherwise
 * a plain line every interval (for logs and CI). Counters are updated by the copying coroutines;
 * a daemon thread prints. Thread-safe.
 */
final class Progress implements AutoCloseable {
  private static final int BAR = 24;

  private final PrintStream out;
  private final boolean console;
  private final int tables;
  private final long totalRows;
  private final long startRows;
  private final Map<String, AtomicInteger> chunksLeft = new HashMap<>();
  private final AtomicInteger tablesDone = new AtomicInteger();
  private final AtomicLong rows = new AtomicLong();
  private final long started = System.nanoTime();
  private final ReentrantLock printing = new ReentrantLock();
  private final Thread ticker;
  private int width;

  Progress(PrintStream out, boolean console, Duration interval, Plan plan) {
    this.out = out;
    this.console = console;
    this.tables = plan.schema().tables().size();
    this.totalRows = plan.totalRows();
    this.startRows = plan.doneRows();
    for (Table table : plan.schema().tables()) {
      List<Chunk> chunks = plan.chunksOf(table);
      int left = (int) chunks.stream().filter(c -> !c.done()).count();
      chunksLeft.put(table.name(), new AtomicInteger(left));
      if (left == 0) {
        tablesDone.incrementAndGet();
      }
    }
    Duration tick = console ? interval.dividedBy(4) : interval;
    this.ticker = out == null ? null : Thread.ofPlatform().daemon().name("backup-progress").start(() -> tick(tick));
  }

  void rowsCommitted(long count) {
    rows.addAndGet(count);
  }

  void chunkDone(Chunk chunk) {
    if (chunksLeft.get(chunk.table().name()).decrementAndGet() == 0) {
      tablesDone.incrementAndGet();
    }
  }

  /** Rows committed by this run so far. */
  long rows() {
    return rows.get();
  }

  private void tick(Duration every) {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(every);
        print(false);
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  /** The progress now, as one line. */
  String line() {
    long done = startRows + rows.get();
    long total = Math.max(totalRows, done); // planned rows are estimates (InnoDB's row count for integer keys)
    double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
    double rate = rows.get() / seconds;
    double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
    String eta = rate < 1 ? "?" : Duration.ofSeconds((long) ((total - done) / rate)).toString().substring(2).toLowerCase();
    String bar = console ? "[" + "#".repeat((int) (fraction * BAR)) + ".".repeat(BAR - (int) (fraction * BAR)) + "] " : "";
    return String.format("backup %s%3d%%  %d/%d tables  %,d/%,d rows  %,.0f rows/s  ETA %s", bar,
        (int) (fraction * 100), tablesDone.get(), tables, done, total, rate, eta);
  }

  private void print(boolean last) {
    printing.lock();
    try {
      if (console) {
        String line = line();
        out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())) + (last ? System.lineSeparator() : ""));
        width = line.length();
      } else {
        out.println(line());
      }
      out.flush();
    } finally {
      printing.unlock();
    }
  }

  /** Stops the display and prints the final state. */
  @Override
  public void close() {
    if (ticker != null) {
      ticker.interrupt();
      print(true);
    }
  }
}
