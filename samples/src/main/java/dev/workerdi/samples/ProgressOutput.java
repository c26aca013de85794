package dev.workerdi.samples;

import java.io.Console;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a sample's step: a progress bar (me.tongfei progressbar) when the output is the
 * terminal, otherwise plain lines ({@code " task: 500/2,000 (25%)"}) at most once per {@link
 * #PLAIN_INTERVAL_NANOS} and once at the end, so that logs and CI output stay readable.
 * Thread-safe: {@link #step()} may be called from many coroutines.
 */
public final class ProgressOutput implements AutoCloseable {
  /** At most one plain line per second. */
  static final long PLAIN_INTERVAL_NANOS = 1_000_000_000L;

  private final String task;
  private final long total;
  private final PrintStream out;
  private final ProgressBar bar;
  private final AtomicLong done = new AtomicLong();
  private final ReentrantLock printing = new ReentrantLock();
  private long lastLine = System.nanoTime();
  private boolean closed;

  private ProgressOutput(String task, long total, PrintStream out, ProgressBar bar) {
    this.task = task;
    this.total = total;
    this.out = out;
    this.bar = bar;
  }

  /**
   * Progress of {@code total} steps written to {@code out}: a bar only if {@code out} is the
   * terminal.
   */
  public static ProgressOutput start(String task, long total, PrintStream out) {
    if (out == System.out && onTerminal()) {
      return new ProgressOutput(
          task,
          total,
          out,
          new ProgressBarBuilder()
              .setTaskName("  " + task)
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(200)
              .setConsumer(new ConsoleProgressBarConsumer(out))
              .build());
    }
    return new ProgressOutput(task, total, out, null);
  }

  /** Whether the program runs on an interactive terminal. */
  public static boolean onTerminal() {
    Console console = System.console();
    return console != null && console.isTerminal();
  }

  /** One more step done. */
  public void step() {
    stepBy(1);
  }

  /**
   * {@code steps} more steps done. When the total was an estimate and the steps done pass it, the
   * total shown grows with them: never more than 100%.
   */
  public void stepBy(long steps) {
    long now = done.addAndGet(steps);
    if (bar != null) {
      if (now > bar.getMax()) {
        bar.maxHint(now);
      }
      bar.stepBy(steps);
    } else if (System.nanoTime() - lastLine >= PLAIN_INTERVAL_NANOS && printing.tryLock()) {
      try {
        if (!closed && System.nanoTime() - lastLine >= PLAIN_INTERVAL_NANOS) {
          line(now);
        }
      } finally {
        printing.unlock();
      }
    }
  }

  /** Steps done so far. */
  public long done() {
    return done.get();
  }

  /** Ends the display: the bar's last frame, or the last plain line. Idempotent. */
  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      return;
    }
    printing.lock();
    try {
      if (!closed) {
        closed = true;
        line(done.get());
      }
    } finally {
      printing.unlock();
    }
  }

  private void line(long now) {
    lastLine = System.nanoTime();
    long shown = Math.max(total, now);
    out.printf("  %s: %,d/%,d (%d%%)%n", task, now, shown, shown == 0 ? 100 : now * 100 / shown);
  }
}
