package dev.workerdi.benchmarks.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of {@code jdk.VirtualThreadPinned} events (every one: threshold 0) while a load
 * runs, then parsed. Not thread-safe; one per measured load.
 */
final class Pinning implements AutoCloseable {
  private final Recording recording = new Recording();

  /** Starts recording. */
  Pinning() {
    recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
    recording.setName("workerdi-bench-pinning");
    recording.start();
  }

  /** Stops, and returns the events' count by the top application frame of their stacks. */
  Map<String, Integer> stop() throws IOException {
    recording.stop();
    Path file = Files.createTempFile("workerdi-pinning", ".jfr");
    try {
      recording.dump(file);
      List<RecordedEvent> events = RecordingFile.readAllEvents(file);
      Map<String, Integer> byFrame = new TreeMap<>();
      for (RecordedEvent event : events) {
        byFrame.merge(where(event), 1, Integer::sum);
      }
      return byFrame;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String where(RecordedEvent event) {
    if (event.getStackTrace() == null) {
      return "(no stack)";
    }
    for (RecordedFrame frame : event.getStackTrace().getFrames()) {
      String type = frame.getMethod().getType().getName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return type + "." + frame.getMethod().getName();
      }
    }
    return "(JDK frames only)";
  }

  @Override
  public void close() {
    recording.close();
  }
}
