package dev.workerdi.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options of one run, from system properties: {@code bench.quick} (a short run for development,
 * written under {@code target/bench-quick/}), {@code bench.url} (a server to measure instead of the
 * embedded MariaDB, with {@code bench.user} and {@code bench.password}, or the environment variable
 * {@code WORKERDI_JDBC_PASSWORD}), {@code bench.only} (a comma-separated list of figure numbers),
 * {@code bench.dir} (the benchmarks module's directory). Immutable.
 *
 * @param quick whether to use the short sizes
 * @param url the server URL, or null for an embedded MariaDB
 * @param user the user for {@code url}
 * @param password the password for {@code url}; never printed
 * @param only the figures to run, empty for all
 * @param moduleDir the benchmarks module's directory
 * @param smoke whether this is a smoke test (tiny sizes, nothing written but the plots to a temp
 *     dir)
 */
public record BenchConfig(
    boolean quick,
    String url,
    String user,
    String password,
    Set<String> only,
    Path moduleDir,
    boolean smoke) {

  /** The options given as system properties. */
  public static BenchConfig fromSystemProperties() {
    String url = blankToNull(System.getProperty("bench.url"));
    String password = System.getProperty("bench.password");
    if (password == null || password.isEmpty()) {
      password = System.getenv().getOrDefault("WORKERDI_JDBC_PASSWORD", "");
    }
    String user = blankToNull(System.getProperty("bench.user"));
    Set<String> only =
        Arrays.stream(System.getProperty("bench.only", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    Path dir = Path.of(System.getProperty("bench.dir", ".")).toAbsolutePath().normalize();
    boolean quick =
        Boolean.parseBoolean(
            System.getProperty("bench.quick", "false").trim().toLowerCase(Locale.ROOT));
    return new BenchConfig(quick, url, user == null ? "root" : user, password, only, dir, false);
  }

  /** Tiny sizes for the smoke tests, against the embedded server, written to {@code dir}. */
  public static BenchConfig smoke(Path dir) {
    return new BenchConfig(true, null, "root", "", Set.of(), dir, true);
  }

  /** Whether figure {@code id} is selected. */
  public boolean runs(String id) {
    return only.isEmpty() || only.contains(id);
  }

  /**
   * Where RESULTS.md and the plots go: the module itself, or target/bench-quick for a quick run.
   */
  public Path outputDir() {
    return smoke || !quick ? moduleDir : moduleDir.resolve("target").resolve("bench-quick");
  }

  /** Picks the size for this mode: full, quick, or smoke test. */
  public int size(int full, int quickSize, int smokeSize) {
    return smoke ? smokeSize : quick ? quickSize : full;
  }

  /** The command that produced these results, as documented. */
  public String command() {
    StringBuilder command =
        new StringBuilder("./mvnw -q -pl benchmarks -am -Pbench verify -DskipTests");
    if (quick) {
      command.append(" -Dbench.quick=true");
    }
    if (url != null) {
      command.append(" -Dbench.url=").append(url);
    }
    if (!only.isEmpty()) {
      command.append(" -Dbench.only=").append(String.join(",", only.stream().sorted().toList()));
    }
    return command.toString();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  @Override
  public String toString() {
    return "BenchConfig[quick="
        + quick
        + ", url="
        + (url == null ? "(embedded)" : url)
        + ", only="
        + only
        + "]";
  }
}
