package dev.workerdi.benchmarks.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of CPU samples while a load runs, then summed by the innermost frame outside the
 * JDK: a library method by its name; HikariCP, Guice and the benchmark's own code each as one
 * group; the driver's samples by the driver method its caller called (and by that caller when it is
 * a library method); and samples entirely in the JDK as one more. Samples are {@code
 * jdk.CPUTimeSample} (JDK 25 on Linux: threads sampled by the CPU time they use, throttle 1 ms,
 * native and kernel time included), else {@code jdk.ExecutionSample} (threads running Java code,
 * every 5 ms). Not thread-safe; one per profiled load.
 */
final class CpuProfile implements AutoCloseable {
  static final String CPU_TIME = "jdk.CPUTimeSample";
  static final String EXECUTION = "jdk.ExecutionSample";
  private static final String CPU_TIME_LOST = "jdk.CPUTimeSamplesLost";
  private static final String DRIVER = "(Connector/J)";
  private static final String LIBRARY = "dev.workerdi.";
  private static final String BENCHMARKS = "dev.workerdi.benchmarks.";
  private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
  // code outside the library, summed by where it comes from
  private static final Map<String, String> GROUPS =
      Map.of(
          "com.mysql.",
          DRIVER,
          "com.zaxxer.",
          "(HikariCP)",
          "com.google.inject.",
          "(Guice)",
          "dev.workerdi.benchmarks.",
          "(the benchmark's request and load driver)");

  private final Recording recording = new Recording();

  /** Starts sampling. */
  CpuProfile() {
    recording.enable(CPU_TIME).with("throttle", "1 ms").withStackTrace();
    recording.enable(CPU_TIME_LOST);
    recording.enable(EXECUTION).withPeriod(Duration.ofMillis(5)).withStackTrace();
    recording.setName("workerdi-bench-cpu");
    recording.start();
  }

  /** Stops, and returns the {@code top} places with the most samples. */
  Summary stop(int top) throws IOException {
    recording.stop();
    Path file = Files.createTempFile("workerdi-cpu", ".jfr");
    try {
      recording.dump(file);
      List<RecordedEvent> events = RecordingFile.readAllEvents(file);
      boolean cpuTime = events.stream().anyMatch(e -> e.getEventType().getName().equals(CPU_TIME));
      String kind = cpuTime ? CPU_TIME : EXECUTION;
      Map<String, Integer> byPlace = new HashMap<>();
      int samples = 0;
      long lost = 0;
      int truncated = 0;
      for (RecordedEvent event : events) {
        String name = event.getEventType().getName();
        if (name.equals(kind)) {
          byPlace.merge(where(event.getStackTrace()), 1, Integer::sum);
          samples++;
          truncated += event.getStackTrace() != null && event.getStackTrace().isTruncated() ? 1 : 0;
        } else if (name.equals(CPU_TIME_LOST) && event.hasField("lostSamples")) {
          lost += event.getLong("lostSamples");
        }
      }
      List<Map.Entry<String, Integer>> sorted = new ArrayList<>(byPlace.entrySet());
      sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
      List<Place> places = new ArrayList<>();
      for (Map.Entry<String, Integer> place : sorted.subList(0, Math.min(top, sorted.size()))) {
        places.add(new Place(place.getKey(), place.getValue() / (double) samples));
      }
      return new Summary(kind, places, samples, lost, truncated);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static String where(RecordedStackTrace stack) {
    if (stack == null) {
      return "(no stack)";
    }
    String entry = null; // the outermost driver frame so far, when the sample is in the driver
    for (RecordedFrame frame : stack.getFrames()) {
      if (!frame.isJavaFrame()) {
        continue;
      }
      String type = frame.getMethod().getType().getName();
      if (JDK.stream().anyMatch(type::startsWith)) {
        continue;
      }
      String place = place(type, frame.getMethod().getName());
      if (place.equals(DRIVER)) {
        entry = simpleName(type) + "." + frame.getMethod().getName();
        continue;
      }
      if (entry == null) {
        return place;
      }
      // the driver working for the library (a reset, a clean-up) is named with its caller
      return DRIVER
          + " "
          + entry
          + (type.startsWith(LIBRARY) && !type.startsWith(BENCHMARKS) ? " under " + place : "");
    }
    return entry != null ? DRIVER + " " + entry : "(JDK only: scheduling, I/O, collections)";
  }

  private static String place(String type, String method) {
    for (Map.Entry<String, String> group : GROUPS.entrySet()) {
      if (type.startsWith(group.getKey())) {
        return group.getValue();
      }
    }
    return simpleName(type) + "." + method;
  }

  private static String simpleName(String type) {
    int lambda = type.indexOf("$$Lambda");
    String named = lambda < 0 ? type : type.substring(0, lambda) + "$$Lambda";
    return named.substring(named.lastIndexOf('.') + 1);
  }

  @Override
  public void close() {
    recording.close();
  }

  /**
   * The places with the most samples.
   *
   * @param event the JFR event sampled
   * @param places the places, most samples first
   * @param samples how many samples in all
   * @param lost how many CPU-time samples JFR dropped (its queue was full)
   * @param truncated how many samples have a stack cut at JFR's stack depth (then the outer frames
   *     that would name the caller are missing)
   */
  record Summary(String event, List<Place> places, int samples, long lost, int truncated) {
    /**
     * The places as {@code `place` NN % (≈ X µs)}, the microseconds being their share of {@code
     * microsPerRequest}, the CPU time per request of the profiled run.
     */
    String describe(double microsPerRequest) {
      List<String> parts = new ArrayList<>();
      for (Place place : places) {
        parts.add(
            String.format(
                Locale.ROOT,
                "`%s` %.0f %% (≈ %.1f µs)",
                place.name(),
                100 * place.share(),
                place.share() * microsPerRequest));
      }
      return String.join(", ", parts);
    }
  }

  /**
   * One place of a profile.
   *
   * @param name the method or group
   * @param share its fraction of the samples
   */
  record Place(String name, double share) {}
}
