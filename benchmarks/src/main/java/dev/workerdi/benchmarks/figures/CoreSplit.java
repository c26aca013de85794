package dev.workerdi.benchmarks.figures;

import dev.workerdi.benchmarks.BenchServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The database server and this JVM pinned to separate cores with {@code taskset} for a measured
 * run, so that a figure compares the clients and not how they steal the server's CPU: the embedded
 * {@code mariadbd} on the first CPU this JVM may use, the JVM on the second. {@link #pin()} sets
 * the affinity of every thread of both processes ({@code taskset -a}), so call it again after new
 * threads were created (a thread inherits the affinity of the thread that creates it); {@link
 * #unpin()} and {@link #close()} give both processes back the CPU lists they had. Not thread-safe:
 * one figure drives it.
 */
final class CoreSplit implements AutoCloseable {
  private static final String TASKSET = "taskset";

  private final Path taskset;
  private final long server;
  private final long client;
  private final String serverCpus;
  private final String clientCpus;
  private final String serverCore;
  private final String clientCore;
  private boolean pinned;

  private CoreSplit(
      Path taskset,
      long server,
      long client,
      String serverCpus,
      String clientCpus,
      String serverCore,
      String clientCore) {
    this.taskset = taskset;
    this.server = server;
    this.client = client;
    this.serverCpus = serverCpus;
    this.clientCpus = clientCpus;
    this.serverCore = serverCore;
    this.clientCore = clientCore;
  }

  /**
   * A split for {@code server}'s process and this JVM.
   *
   * @throws IllegalStateException saying why there is none: the server is not the embedded one
   *     (bench.url), {@code taskset} is missing, its process is not found, or this JVM may use
   *     fewer than two CPUs
   */
  static CoreSplit of(BenchServer server) throws IOException, InterruptedException {
    if (!server.embedded()) {
      throw new IllegalStateException(
          "the server is given by bench.url, so its process is not this run's to pin");
    }
    Path taskset =
        findOnPath(TASKSET)
            .orElseThrow(() -> new IllegalStateException("`taskset` is not on the PATH"));
    ProcessHandle process =
        server
            .process()
            .orElseThrow(
                () -> new IllegalStateException("the embedded server's mariadbd was not found"));
    long client = ProcessHandle.current().pid();
    String clientCpus = affinity(taskset, client);
    List<String> cpus = expand(clientCpus);
    if (cpus.size() < 2) {
      throw new IllegalStateException("this JVM may run on one CPU only (" + clientCpus + ")");
    }
    return new CoreSplit(
        taskset,
        process.pid(),
        client,
        affinity(taskset, process.pid()),
        clientCpus,
        cpus.get(0),
        cpus.get(1));
  }

  /** What {@link #pin()} does, for the figure's notes. */
  String describe() {
    return "`taskset -a -p -c "
        + serverCore
        + "` on mariadbd (pid "
        + server
        + ") and `taskset -a -p -c "
        + clientCore
        + "` on the benchmark JVM (pid "
        + client
        + "), back to "
        + serverCpus
        + " and "
        + clientCpus
        + " after each pinned run";
  }

  /** Pins every current thread of the server and of this JVM to its own core. */
  void pin() throws IOException, InterruptedException {
    pinned = true;
    set(server, serverCore);
    set(client, clientCore);
  }

  /** Gives every current thread of both processes its original CPU list back. */
  void unpin() throws IOException, InterruptedException {
    set(server, serverCpus);
    set(client, clientCpus);
    pinned = false;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (pinned) {
      unpin();
    }
  }

  private void set(long pid, String cpus) throws IOException, InterruptedException {
    // -a walks the process's threads; one that ends meanwhile fails the call, so try again
    String failure = "";
    for (int attempt = 0; attempt < 5; attempt++) {
      Result result = run(taskset, "-a", "-p", "-c", cpus, String.valueOf(pid));
      if (result.exit() == 0) {
        return;
      }
      failure = result.output();
    }
    throw new IllegalStateException("taskset -a -p -c " + cpus + " " + pid + " failed: " + failure);
  }

  /**
   * The CPU list of {@code pid}, as {@code taskset -p -c} prints it ({@code 0,1} or {@code 0-3}).
   */
  private static String affinity(Path taskset, long pid) throws IOException, InterruptedException {
    Result result = run(taskset, "-p", "-c", String.valueOf(pid));
    int colon = result.output().lastIndexOf(':');
    if (result.exit() != 0 || colon < 0) {
      throw new IllegalStateException(
          "taskset -p -c " + pid + " failed: " + result.output().strip());
    }
    return result.output().substring(colon + 1).strip();
  }

  /** The CPUs of a list such as {@code 0,2-3}, in order. */
  static List<String> expand(String list) {
    List<String> cpus = new ArrayList<>();
    for (String part : list.split(",")) {
      String range = part.strip();
      if (range.isEmpty()) {
        continue;
      }
      int dash = range.indexOf('-');
      if (dash < 0) {
        cpus.add(range);
      } else {
        int from = Integer.parseInt(range.substring(0, dash));
        int to = Integer.parseInt(range.substring(dash + 1));
        for (int cpu = from; cpu <= to; cpu++) {
          cpus.add(String.valueOf(cpu));
        }
      }
    }
    return cpus;
  }

  private static Optional<Path> findOnPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }

  private static Result run(Path taskset, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(taskset.toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** A finished {@code taskset}: its exit code and output. */
  private record Result(int exit, String output) {}
}
