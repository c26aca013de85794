package dev.workerdi.samples.backup;

import dev.workerdi.testing.EmbeddedMariaDb;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The backup sample's command line: copies a MySQL/MariaDB database into another, concurrently and
 * resumably, and verifies the copy. Without {@code --source-url}/{@code --target-url} it starts an
 * embedded MariaDB for the missing side and, for an embedded source, generates a sample database
 * first. Run with {@code --help} for the options. Exit status: 0 verified, 1 failed or different,
 * 2 bad usage.
 */
public final class BackupCommand {
  private static final List<CommandLine.Option> OPTIONS = List.of(
      new CommandLine.Option("source-url", "URL", "source server, e.g. jdbc:mysql://db1:3306/ (default: embedded)"),
      new CommandLine.Option("source-user", "USER", "source user (default root)"),
      new CommandLine.Option("source-password", "PW", "source password (default $BACKUP_SOURCE_PASSWORD, or empty)"),
      new CommandLine.Option("source-db", "NAME", "database to copy (default backup_source)"),
      new CommandLine.Option("target-url", "URL", "target server (default: the source's embedded server, else embedded)"),
      new CommandLine.Option("target-user", "USER", "target user (default root)"),
      new CommandLine.Option("target-password", "PW", "target password (default $BACKUP_TARGET_PASSWORD, or empty)"),
      new CommandLine.Option("ask-passwords", null, "prompt on the terminal for the source and target passwords"
          + " (not echoed) instead of options or environment variables"),
      new CommandLine.Option("target-db", "NAME", "database to copy into, created if missing (default backup_target)"),
      new CommandLine.Option("concurrency", "K", "coroutines copying at once, each with 2 leases (default 4)"),
      new CommandLine.Option("chunk-rows", "N", "rows per chunk = per target transaction (default 5000)"),
      new CommandLine.Option("workers", "W", "workers of the host, each with its own pools (default 2)"),
      new CommandLine.Option("generate", "ROWS", "first create the source with ~ROWS generated rows"
          + " (default 200000 when the source is embedded)"),
      new CommandLine.Option("verify", "MODE", "auto | checksum-table | sql-hash (default auto)"),
      new CommandLine.Option("to-dir", "DIR", "back up into this directory (schema files, compressed chunk files"
          + " with checksums, metadata with the snapshot position) instead of a target database"),
      new CommandLine.Option("from-dir", "DIR", "restore: the backup directory to restore (see 'restore' below)"),
      new CommandLine.Option("into", "NAME", "restore: the database to restore into (same as --target-db)"),
      new CommandLine.Option("no-lock", null, "no global lock: the copy is then NOT one consistent snapshot"
          + " (for users without RELOAD; a loud warning says so)"),
      new CommandLine.Option("lock-wait", "S", "seconds to wait for the global lock (default 60)"),
      new CommandLine.Option("definer-denied", "WHAT", "stop | use-target-user: when the target user may not"
          + " set an object's DEFINER (default stop)"),
      new CommandLine.Option("users", null, "also copy the users with privileges on the database, and those"
          + " privileges"),
      new CommandLine.Option("no-load-data", null, "write with multi-row INSERTs, not LOAD DATA LOCAL INFILE"
          + " (which lets the target server ask this client for a file)"),
      new CommandLine.Option("fresh", null, "drop and recreate the target database instead of resuming"),
      new CommandLine.Option("keep-checkpoints", null, "keep _backup_checkpoint after a verified backup"),
      new CommandLine.Option("throttle-ms", "MS", "pause after each chunk in each coroutine (default 0)"),
      new CommandLine.Option("quiet", null, "no progress display"),
      new CommandLine.Option("help", null, "this help"));

  private BackupCommand() {}

  public static void main(String[] args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command with these streams; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine line;
    // one argument holding them all, as exec:exec may pass them
    String[] words = args.length == 1 && args[0].contains(" ") ? args[0].trim().split("\\s+") : args;
    boolean restore = words.length > 0 && words[0].equals("restore");
    try {
      line = new CommandLine(OPTIONS).parse(restore ? Arrays.copyOfRange(words, 1, words.length) : words);
      if (restore && !line.has("help") && !line.has("from-dir")) {
        throw new IllegalArgumentException("restore needs --from-dir DIR (and --into NAME)");
      }
      if (!restore && line.has("from-dir")) {
        throw new IllegalArgumentException("--from-dir is for 'restore': backup restore --from-dir DIR --into NAME");
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (line.has("help")) {
      out.print(usage());
      return 0;
    }
    String sourcePassword = line.get("source-password", env("BACKUP_SOURCE_PASSWORD"));
    String targetPassword = line.get("target-password", env("BACKUP_TARGET_PASSWORD"));
    if (line.has("ask-passwords")) {
      Console console = System.console();
      if (console == null) {
        err.println("--ask-passwords needs a terminal: pass $BACKUP_SOURCE_PASSWORD / $BACKUP_TARGET_PASSWORD instead");
        return 2;
      }
      sourcePassword = line.has("from-dir") ? "" : new String(console.readPassword("Password of the source user: "));
      targetPassword = line.has("to-dir") ? "" : new String(console.readPassword("Password of the target user: "));
    }
    try (Servers servers = Servers.open(line, out)) {
      BackupOptions options = options(line, servers, sourcePassword, targetPassword, out);
      int generate = line.number("generate", servers.sourceEmbedded() && !restore ? 200_000 : 0);
      if (generate > 0) {
        out.printf("Generating about %,d rows into %s ...%n", generate, options.sourceDatabase());
        SampleData.Result made = SampleData.generate(servers.sourceUrl(), line.get("source-user", "root"),
            sourcePassword, options.sourceDatabase(), generate);
        out.printf("Generated %,d rows in %d tables in %.2f s%n", made.totalRows(), made.rows().size(),
            made.elapsed().toNanos() / 1e9);
      }
      out.println((restore ? "Restoring with " : "Backing up with ") + options);
      BackupReport report = Backup.run(options);
      out.println(report.summary());
      return report.allEqual() ? 0 : 1;
    } catch (IllegalArgumentException e) {
      err.println(Jdbc.mask(e.getMessage(), sourcePassword, targetPassword));
      return 2;
    } catch (RuntimeException e) {
      err.println("Backup failed: " + Jdbc.mask(e.getMessage(), sourcePassword, targetPassword));
      return 1;
    }
  }

  private static BackupOptions options(CommandLine line, Servers servers, String sourcePassword, String targetPassword,
      PrintStream out) {
    BackupOptions.Builder builder = BackupOptions.builder();
    if (servers.sourceUrl() != null) {
      builder.source(servers.sourceUrl(), line.get("source-user", "root"), sourcePassword);
    }
    if (servers.targetUrl() != null) {
      builder.target(servers.targetUrl(), line.get("target-user", "root"), targetPassword);
    }
    if (line.has("to-dir")) {
      builder.toDirectory(Path.of(line.get("to-dir", "")));
    }
    if (line.has("from-dir")) {
      builder.restoreFrom(Path.of(line.get("from-dir", "")));
    }
    return builder
        .databases(line.get("source-db", "backup_source"), line.get("into", line.get("target-db", "backup_target")))
        .concurrency(line.number("concurrency", 4))
        .chunkRows(line.number("chunk-rows", 5_000))
        .workers(line.number("workers", 2))
        .verify(verify(line.get("verify", "auto")))
        .fresh(line.has("fresh"))
        .keepCheckpoints(line.has("keep-checkpoints"))
        .throttle(Duration.ofMillis(line.number("throttle-ms", 0)))
        .noLock(line.has("no-lock"))
        .lockWaitSeconds(line.number("lock-wait", 60))
        .onDefinerDenied(definerDenied(line.get("definer-denied", "stop")))
        .users(line.has("users"))
        .loadData(!line.has("no-load-data"))
        .progress(line.has("quiet") ? null : out, System.console() != null)
        .build();
  }

  private static BackupOptions.Verify verify(String mode) {
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "auto" -> BackupOptions.Verify.AUTO;
      case "checksum-table", "checksum" -> BackupOptions.Verify.CHECKSUM_TABLE;
      case "sql-hash", "hash" -> BackupOptions.Verify.SQL_HASH;
      default -> throw new IllegalArgumentException("--verify must be auto, checksum-table or sql-hash, not " + mode);
    };
  }

  private static BackupOptions.DefinerDenied definerDenied(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "stop" -> BackupOptions.DefinerDenied.STOP;
      case "use-target-user" -> BackupOptions.DefinerDenied.USE_TARGET_USER;
      default -> throw new IllegalArgumentException("--definer-denied must be stop or use-target-user, not " + value);
    };
  }

  private static String env(String name) {
    String value = System.getenv(name);
    return value == null ? "" : value;
  }

  static String usage() {
    return """
        Usage: backup [options]
               backup restore --from-dir DIR --into NAME [options]
        Copies every table of a MySQL/MariaDB database into another (same server or another one):
        all K coroutines read one consistent snapshot of the source (taken under a brief global lock;
        --no-lock skips it), the schema from SHOW CREATE TABLE, the rows in key ranges copied by K
        coroutines at once, each range committed together with a checkpoint so that an interrupted run
        resumes where it stopped; then views, routines and triggers with their definers, then a
        verification of every chunk against the snapshot, then events.
        Without --source-url an embedded MariaDB is started and a sample database generated first.

        Options:
        """ + new CommandLine(OPTIONS).help() + """

        Restore (backup restore --from-dir DIR --into NAME [--target-url ...]): loads a backup directory
        into a database, K coroutines at once, each chunk committed with its checkpoint (an interrupted
        restore resumes), then verifies every chunk against the source digests the backup recorded.

        Examples:
          backup                                           # embedded server, 200,000 generated rows
          backup --generate 20000 --concurrency 1
          backup --source-url jdbc:mysql://db1:3306/ --source-db shop \\
                 --target-url jdbc:mysql://db2:3306/ --target-db shop_copy --target-password secret
          backup --source-url jdbc:mysql://db1:3306/ --source-db shop --to-dir /backups/shop
          backup restore --from-dir /backups/shop --into shop_restored --target-url jdbc:mysql://db2:3306/
        """;
  }

  /** The servers of one command: the given URLs, or an embedded MariaDB started for the missing ones. */
  private record Servers(EmbeddedMariaDb embedded, String sourceUrl, String targetUrl, boolean sourceEmbedded)
      implements AutoCloseable {
    static Servers open(CommandLine line, PrintStream out) {
      String source = line.get("source-url", null);
      String target = line.get("target-url", null);
      boolean needSource = !line.has("from-dir");
      boolean needTarget = !line.has("to-dir");
      EmbeddedMariaDb embedded = null;
      if (needSource && source == null || needTarget && target == null) {
        out.println("Starting an embedded MariaDB ...");
        embedded = EmbeddedMariaDb.start();
        out.println("Started " + embedded);
      }
      return new Servers(embedded, source != null || !needSource ? source : embedded.jdbcUrl(""),
          target != null || !needTarget ? target : embedded.jdbcUrl(""), needSource && source == null);
    }

    @Override
    public void close() {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
