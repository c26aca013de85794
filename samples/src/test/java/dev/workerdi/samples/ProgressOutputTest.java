package dev.workerdi.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Progress written to a stream that is not the terminal: plain lines, the last one the total. */
class ProgressOutputTest {

  @Test
  void offTheTerminalItPrintsPlainLinesEndingWithTheTotal() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (ProgressOutput progress = ProgressOutput.start("round trips", 2_000, out);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 2_000; i++) {
        threads.submit(progress::step);
      }
      threads.shutdown();
      threads.awaitTermination(1, TimeUnit.MINUTES);
      assertEquals(2_000, progress.done());
    }
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("  round trips: 2,000/2,000 (100%)", lines.getLast());
    assertTrue(
        lines.stream().allMatch(line -> line.matches("  round trips: [\\d,]+/2,000 \\(\\d+%\\)")),
        lines::toString);
    assertTrue(
        !bytes.toString(StandardCharsets.UTF_8).contains("\r"),
        "no carriage returns off the terminal");
  }

  @Test
  void closingTwicePrintsTheLastLineOnce() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressOutput progress = ProgressOutput.start("steps", 0, out);
    progress.close();
    progress.close();
    assertEquals(
        "  steps: 0/0 (100%)" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anEstimatedTotalGrowsWithTheStepsDoneAndNeverShowsMoreThanAll() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (ProgressOutput progress = ProgressOutput.start("rows", 1_000, out)) {
      progress.stepBy(700);
      progress.stepBy(800);
      assertEquals(1_500, progress.done());
    }
    assertEquals(
        "  rows: 1,500/1,500 (100%)",
        bytes.toString(StandardCharsets.UTF_8).lines().toList().getLast());
  }
}
