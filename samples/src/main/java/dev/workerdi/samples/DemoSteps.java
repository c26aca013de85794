package dev.workerdi.samples;

import java.io.PrintStream;

/** The demo's steps that wrap other samples. Stateless. */
final class DemoSteps {
  private DemoSteps() {}

  static void backup(SampleDatabase db, int rows, PrintStream out) {
    out.println("Backup: (pending the backup sample) " + rows + " rows on " + db.describe());
  }
}
