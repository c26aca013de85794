package dev.workerdi.samples.backup;

import dev.workerdi.testing.EmbeddedMariaDb;
import java.io.PrintStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What {@code backup} and {@code backup restore} do once parsed: the servers (given, or an embedded
 * MariaDB for a missing side), the sample data for an embedded source, the run and its report.
 * Options that do not fit together are bad usage (exit status 2); a failed run is a {@link
 * BackupException} (exit status 1); neither message shows a password. Stateless.
 */
final class BackupRunner {
  private BackupRunner() {}

  /** The exit status of one run: 0 verified equal, 1 different. */
  static int run(CommandSpec spec, BackupArguments arguments, boolean restore, PrintStream out) {
    String[] passwords = arguments.passwords();
    try (Servers servers = Servers.open(arguments, out)) {
      BackupOptions options =
          arguments
              .builder(servers.sourceUrl(), servers.targetUrl(), passwords)
              .progress(arguments.quiet ? null : out)
              .build();
      int generate =
          arguments.generate != null
              ? arguments.generate
              : servers.sourceEmbedded() && !restore ? 200_000 : 0;
      if (generate > 0) {
        out.printf("Generating about %,d rows into %s ...%n", generate, options.sourceDatabase());
        SampleData.Result made =
            SampleData.generate(
                servers.sourceUrl(),
                arguments.sourceUser,
                passwords[0],
                options.sourceDatabase(),
                generate);
        out.printf(
            "Generated %,d rows in %d tables in %.2f s%n",
            made.totalRows(), made.rows().size(), made.elapsed().toNanos() / 1e9);
      }
      out.println((restore ? "Restoring with " : "Backing up with ") + options);
      BackupReport report = Backup.run(options);
      out.println(report.summary());
      return report.allEqual() ? 0 : 1;
    } catch (ParameterException usage) {
      throw usage;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), Jdbc.mask(e.getMessage(), passwords));
    } catch (RuntimeException e) {
      throw new BackupException(Jdbc.mask(e.getMessage(), passwords), null);
    }
  }

  /**
   * The servers of one command: the given URLs, or an embedded MariaDB started for the missing
   * ones.
   */
  private record Servers(
      EmbeddedMariaDb embedded, String sourceUrl, String targetUrl, boolean sourceEmbedded)
      implements AutoCloseable {
    static Servers open(BackupArguments arguments, PrintStream out) {
      String source = arguments.sourceUrl;
      String target = arguments.targetUrl;
      boolean needSource = arguments.fromDirectory == null;
      boolean needTarget = arguments.toDirectory == null;
      EmbeddedMariaDb embedded = null;
      if (needSource && source == null || needTarget && target == null) {
        out.println("Starting an embedded MariaDB ...");
        embedded = EmbeddedMariaDb.start();
        out.println("Started " + embedded);
      }
      return new Servers(
          embedded,
          source != null || !needSource ? source : embedded.jdbcUrl(""),
          target != null || !needTarget ? target : embedded.jdbcUrl(""),
          needSource && source == null);
    }

    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
