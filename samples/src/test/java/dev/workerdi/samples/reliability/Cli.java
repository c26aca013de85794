package dev.workerdi.samples.reliability;

import dev.workerdi.testing.EmbeddedMariaDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a sample's {@code main} the way a user does, in its own JVM (the samples end with {@code
 * System.exit}): same Java, same class path, warnings-only logging. Stateless.
 */
final class Cli {
  private Cli() {}

  /** What the command did. */
  record Result(int exit, String out, String err) {
    /** The error output without stack frames: what a user reads first. */
    String errorText() {
      return err.lines()
          .filter(line -> !line.startsWith("\tat ") && !line.matches("\\s*\\.\\.\\. \\d+ more"))
          .collect(Collectors.joining("\n"))
          .strip();
    }
  }

  static Result run(Class<?> main, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    String basedir = System.getProperty(EmbeddedMariaDb.BASEDIR_PROPERTY);
    if (basedir != null) {
      command.add("-D" + EmbeddedMariaDb.BASEDIR_PROPERTY + "=" + basedir);
    }
    command.add(main.getName());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().remove("BACKUP_SOURCE_PASSWORD");
      builder.environment().remove("BACKUP_TARGET_PASSWORD");
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            main.getSimpleName() + " " + List.of(args) + " did not end within 120 s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
