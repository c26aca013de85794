package dev.workerdi.samples.jar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -jar workerdi-samples.jar ARGS} as a user would: the jar the build just packaged
 * (system property {@code samples.jar}), in its own JVM, with a given environment and standard
 * input. Stateless.
 */
final class JarRun {
  /** The system property failsafe sets to the packaged jar. */
  static final String JAR_PROPERTY = "samples.jar";

  private JarRun() {}

  /** What the command did. */
  record Result(int exit, String out, String err) {}

  static Path jar() {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "run by failsafe after package: no jar at samples.jar=" + jar);
    }
    return Path.of(jar);
  }

  static Result run(Map<String, String> environment, String input, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"), "-jar", jar().toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("jar-out", ".txt");
    Path err = Files.createTempFile("jar-err", ".txt");
    Path in =
        Files.writeString(Files.createTempFile("jar-in", ".txt"), input, StandardCharsets.UTF_8);
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("WORKERDI_"));
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("java -jar " + List.of(args) + " did not end within 120 s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      Files.deleteIfExists(in);
    }
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), "", args);
  }
}
