package dev.workerdi.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a Galera cluster can be started on this machine, and from what: the Galera provider
 * ({@code galera-4}, {@value #DEFAULT_PROVIDER}, or the system property {@value
 * #PROVIDER_PROPERTY}), the {@code mariadbd} and {@code mariadb-install-db} of an installed {@code
 * mariadb-server} (10.4 or later, built with wsrep), and {@code rsync} for state transfers.
 * Stateless and thread-safe.
 */
public final class GaleraSupport {
  /** System property naming {@code libgalera_smm.so}. */
  public static final String PROVIDER_PROPERTY = "workerdi.galera.provider";

  /** Where Debian's {@code galera-4} package installs the provider. */
  public static final String DEFAULT_PROVIDER = "/usr/lib/galera/libgalera_smm.so";

  private static final List<String> BIN_DIRS =
      List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin");

  private GaleraSupport() {}

  /**
   * Why a cluster cannot be started here (each missing piece and how to get it), or empty when it
   * can.
   */
  public static Optional<String> missing() {
    List<String> missing = new ArrayList<>();
    if (!Files.isReadable(Path.of(provider()))) {
      missing.add(
          "the Galera provider "
              + provider()
              + " (apt-get install galera-4, or set -D"
              + PROVIDER_PROPERTY
              + ")");
    }
    for (String tool : List.of("mariadbd", "mariadb-install-db", "rsync")) {
      if (find(tool).isEmpty()) {
        missing.add(
            tool
                + " (apt-get install "
                + (tool.equals("rsync") ? "rsync" : "mariadb-server")
                + ")");
      }
    }
    if (runsAsRoot() && !userExists()) {
      missing.add("the mysql user, to run the nodes as (rsync SST fails as root)");
    }
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of("missing " + String.join("; ", missing));
  }

  static String provider() {
    return System.getProperty(PROVIDER_PROPERTY, DEFAULT_PROVIDER);
  }

  static Optional<Path> find(String tool) {
    return BIN_DIRS.stream().map(dir -> Path.of(dir, tool)).filter(Files::isExecutable).findFirst();
  }

  static Path tool(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cannot start a Galera cluster: " + missing().orElse(name + " not found")));
  }

  static boolean runsAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static boolean userExists() {
    try {
      return Files.readAllLines(Path.of("/etc/passwd")).stream()
          .anyMatch(line -> line.startsWith("mysql:"));
    } catch (IOException e) {
      return false;
    }
  }
}
