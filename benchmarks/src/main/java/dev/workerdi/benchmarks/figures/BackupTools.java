package dev.workerdi.benchmarks.figures;

import dev.workerdi.benchmarks.BenchServer;
import dev.workerdi.samples.backup.BackupCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes figure 5 times: the samples' {@code BackupCommand} in its own JVM (so JVM start is
 * counted), and {@code mydumper}/{@code myloader} when they are installed. Stateless.
 */
final class BackupTools {
  private BackupTools() {}

  /** The executable {@code name} on the {@code PATH}, if any. */
  static Optional<Path> which(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * mydumper and myloader: found on the {@code PATH}, else installed with {@code apt-get} when this
   * runs as root where apt-get exists (Debian's {@code mydumper} package), else empty (the figure
   * then skips that baseline with a note).
   */
  static Optional<Path[]> mydumper() throws InterruptedException {
    if (which("mydumper").isEmpty()
        && which("apt-get").isPresent()
        && "root".equals(System.getProperty("user.name"))) {
      try {
        new ProcessBuilder(
                "sh", "-c", "apt-get update -qq && apt-get install -y -qq mydumper >/dev/null 2>&1")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor(10, TimeUnit.MINUTES);
      } catch (IOException e) {
        // not installable here: the baseline is skipped with a note
      }
    }
    Optional<Path> dumper = which("mydumper");
    Optional<Path> loader = which("myloader");
    return dumper.isPresent() && loader.isPresent()
        ? Optional.of(new Path[] {dumper.get(), loader.get()})
        : Optional.empty();
  }

  /**
   * The backup JVM's options for a short-lived command-line run: the C1 compiler only (the server
   * compiler's background compiling costs more CPU than its faster code saves in a run of seconds,
   * and the CPU is shared with the database server), the serial collector and, from JDK 22 (whose
   * binary also runs the backup), no wait at exit for threads in native code: without {@code
   * -XX:UserThreadWaitAttemptsAtExit=0} the JVM's exit waits 300 ms for the virtual threads' I/O
   * poller, parked in {@code epoll_wait}, which never comes back by itself. The README's backup
   * section gives the same options to users.
   */
  static final List<String> JVM_OPTIONS =
      Runtime.version().feature() >= 22
          ? List.of(
              "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:UserThreadWaitAttemptsAtExit=0")
          : List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /**
   * Whether the backup's JVM can start from an AOT cache: this JVM (whose binary also runs the
   * backup) has JDK 25's one-step AOT cache ({@code -XX:AOTCacheOutput}, JEP 514: classes loaded
   * and linked, and method profiles, from a training run), and the class path holds only JAR files
   * (the JVM refuses to write a cache for a class path with directories, as in a module's tests).
   */
  static boolean aotCacheSupported() {
    return Runtime.version().feature() >= 25
        && Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .allMatch(entry -> entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry)));
  }

  /** The JVM options of a training run that writes the AOT cache {@code cache} as it exits. */
  static List<String> aotTraining(Path cache) {
    return List.of("-XX:AOTCacheOutput=" + cache);
  }

  /** The JVM options of a run that starts from the AOT cache {@code cache}. */
  static List<String> aotCache(Path cache) {
    return List.of("-XX:AOTCache=" + cache);
  }

  /** {@code BackupCommand} with {@code args} in a new JVM with this JVM's class path. */
  static List<String> ours(String... args) {
    return ours(List.of(), args);
  }

  /**
   * {@code BackupCommand} with {@code args} in a new JVM with this JVM's class path, {@link
   * #JVM_OPTIONS} and {@code jvmOptions}.
   */
  static List<String> ours(List<String> jvmOptions, String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--sun-misc-unsafe-memory-access=allow",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                BackupCommand.class.getName()));
    command.addAll(1, JVM_OPTIONS);
    command.addAll(1 + JVM_OPTIONS.size(), jvmOptions);
    command.addAll(List.of(args));
    command.add("--quiet");
    return command;
  }

  /**
   * {@code tool} (mydumper or myloader) with 4 threads, {@code directoryOption dir}, the database,
   * {@code extra} and the connection options for {@code server}.
   */
  static List<String> pairCommand(
      Path tool,
      String directoryOption,
      Path dir,
      String database,
      BenchServer server,
      String... extra) {
    List<String> command =
        new ArrayList<>(
            List.of(
                tool.toString(),
                "--threads",
                "4",
                directoryOption,
                dir.toString(),
                "--database",
                database));
    command.addAll(List.of(extra));
    command.addAll(connection(server));
    return command;
  }

  /** The connection options of mydumper and myloader for {@code server}. */
  static List<String> connection(BenchServer server) {
    return List.of(
        "--host",
        server.host(),
        "--port",
        Integer.toString(server.port()),
        "--user",
        server.user());
  }

  /**
   * Runs {@code command} to the end; returns its seconds and its output. Fails with the output if
   * it fails.
   */
  static Timed run(BenchServer server, List<String> command) throws Exception {
    Path log = Files.createTempFile("workerdi-bench-backup", ".log");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("BACKUP_SOURCE_PASSWORD", server.password());
      builder.environment().put("BACKUP_TARGET_PASSWORD", server.password());
      if (!server.password().isEmpty()) {
        builder.environment().put("MYSQL_PWD", server.password());
      }
      long started = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(log));
      }
      return new Timed((System.nanoTime() - started) / 1e9, Files.readString(log));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** A process's seconds and output. */
  record Timed(double seconds, String output) {
    /** The line of the output that starts with {@code prefix}, or "". */
    String line(String prefix) {
      return output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
    }
  }

  /** Deletes {@code dir} and everything in it. */
  static void delete(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
