package dev.workerdi.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the results were measured on: cores, memory, JDK, OS, load. Stateless. */
public final class Machine {
  private Machine() {}

  /** Logical processors this JVM sees. */
  public static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** {@code /proc/loadavg}'s first three numbers, or the JVM's 1-minute figure. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (IOException | RuntimeException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** The 1-minute load average. */
  public static double load1() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** The JDK: vendor, version and VM. */
  public static String jdk() {
    return System.getProperty("java.vm.vendor")
        + " "
        + Runtime.version()
        + " ("
        + System.getProperty("java.vm.name")
        + ")";
  }

  /** Physical memory, in GiB, when the JVM can tell. */
  public static String memory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return String.format(
          Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
    }
    return "?";
  }

  /** The operating system and CPU model. */
  public static String os() {
    String cpu = "";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> ", " + l.substring(l.indexOf(':') + 1).trim())
              .orElse("");
    } catch (IOException | RuntimeException e) {
      // not Linux: the OS alone
    }
    return System.getProperty("os.name")
        + " "
        + System.getProperty("os.version")
        + " "
        + System.getProperty("os.arch")
        + cpu;
  }
}
