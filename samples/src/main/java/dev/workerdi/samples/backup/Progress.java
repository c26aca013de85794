package dev.workerdi.samples.backup;

import dev.workerdi.samples.ProgressOutput;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress of the copy phase, in rows, shown by the samples' {@link ProgressOutput} (a bar on
 * the terminal, plain lines otherwise). A resumed run starts at the rows already copied; the
 * planned total is an estimate for integer keys (InnoDB's row count), so it grows when the rows
 * copied pass it. Counters are updated by the copying coroutines. Thread-safe.
 */
final class Progress implements AutoCloseable {
  private final ProgressOutput output;
  private final AtomicLong rows = new AtomicLong();

  /** Progress of {@code plan} written to {@code out}, or shown nowhere when {@code out} is null. */
  Progress(PrintStream out, Plan plan) {
    this.output = out == null ? null : ProgressOutput.start("backup rows", plan.totalRows(), out);
    if (output != null && plan.doneRows() > 0) {
      output.stepBy(plan.doneRows());
    }
  }

  void rowsCommitted(long count) {
    rows.addAndGet(count);
    if (output != null) {
      output.stepBy(count);
    }
  }

  /** Rows committed by this run so far. */
  long rows() {
    return rows.get();
  }

  /** Ends the display with the final state. */
  @Override
  public void close() {
    if (output != null) {
      output.close();
    }
  }
}
