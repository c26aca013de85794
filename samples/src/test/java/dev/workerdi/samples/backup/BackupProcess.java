package dev.workerdi.samples.backup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workerdi.testing.DatabaseServer;
import dev.workerdi.testing.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code BackupCommand} in its own JVM as a user runs it, slowed down (2 coroutines, chunks of 100
 * rows, 150 ms after each) so that a test can kill it with {@code kill -9} in the middle.
 * Stateless.
 */
final class BackupProcess {
  private BackupProcess() {}

  /** The command line of {@code BackupCommand} with these arguments, slowed down. */
  static List<String> command(String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    String basedir = System.getProperty(EmbeddedMariaDb.BASEDIR_PROPERTY);
    if (basedir != null) {
      command.add("-D" + EmbeddedMariaDb.BASEDIR_PROPERTY + "=" + basedir);
    }
    command.add(BackupCommand.class.getName());
    command.addAll(List.of(args));
    command.addAll(
        List.of("--concurrency", "2", "--chunk-rows", "100", "--throttle-ms", "150", "--quiet"));
    return command;
  }

  /**
   * Starts {@code command} with the server's password in the environment, waits until {@code when},
   * then kills it with SIGKILL; asserts that it ran until then.
   */
  static void killWhen(DatabaseServer server, List<String> command, Callable<Boolean> when)
      throws Exception {
    Path log = Files.createTempFile("bk14-kill", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("BACKUP_SOURCE_PASSWORD", server.password());
    builder.environment().put("BACKUP_TARGET_PASSWORD", server.password());
    Process process = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!when.call()) {
        assertTrue(process.isAlive(), "the process ended early: " + Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "no progress in time: " + Files.readString(log));
        Thread.sleep(50);
      }
      assertTrue(process.isAlive(), "killed in the middle: " + Files.readString(log));
    } finally {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    }
  }
}
