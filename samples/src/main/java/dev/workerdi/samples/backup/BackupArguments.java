package dev.workerdi.samples.backup;

import dev.workerdi.samples.SampleCommandLine;
import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli mixin of the options shared by {@code backup} and {@code backup restore}: the two
 * servers and their users, the databases, the copy's shape and its policies. Passwords come from
 * {@code $BACKUP_SOURCE_PASSWORD}/{@code $BACKUP_TARGET_PASSWORD}, from a prompt ({@code
 * --source-password} alone, or {@code --ask-passwords} for both), or, for scripts with no other
 * way, from the command line. Not thread-safe; picocli fills it in once.
 */
final class BackupArguments {
  static final String SOURCE_PASSWORD_ENV = "BACKUP_SOURCE_PASSWORD";
  static final String TARGET_PASSWORD_ENV = "BACKUP_TARGET_PASSWORD";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--source-url",
      paramLabel = "URL",
      description =
          "source server, e.g. jdbc:mysql://db1:3306/" + " (default: an embedded MariaDB)")
  String sourceUrl;

  @Option(
      names = "--source-user",
      paramLabel = "USER",
      defaultValue = "root",
      description = "source user (default: ${DEFAULT-VALUE})")
  String sourceUser;

  @Option(
      names = "--source-password",
      paramLabel = "PW",
      arity = "0..1",
      interactive = true,
      prompt = "Password of the source user: ",
      description =
          "--source-password alone prompts for it; without"
              + " the option, $"
              + SOURCE_PASSWORD_ENV
              + " or empty. A value written here is visible to other users")
  private char[] sourcePassword;

  @Option(
      names = "--source-db",
      paramLabel = "NAME",
      defaultValue = "backup_source",
      description = "database to copy (default: ${DEFAULT-VALUE})")
  String sourceDatabase;

  @Option(
      names = "--target-url",
      paramLabel = "URL",
      description =
          "target server (default: the source's embedded server, else an embedded MariaDB)")
  String targetUrl;

  @Option(
      names = "--target-user",
      paramLabel = "USER",
      defaultValue = "root",
      description = "target user (default: ${DEFAULT-VALUE})")
  String targetUser;

  @Option(
      names = "--target-password",
      paramLabel = "PW",
      arity = "0..1",
      interactive = true,
      prompt = "Password of the target user: ",
      description =
          "--target-password alone prompts for it; without"
              + " the option, $"
              + TARGET_PASSWORD_ENV
              + " or empty. A value written here is visible to other users")
  private char[] targetPassword;

  @Option(
      names = "--ask-passwords",
      description =
          "prompt on the terminal for the source and target passwords"
              + " (not echoed) instead of options or environment variables")
  boolean askPasswords;

  @Option(
      names = "--target-db",
      paramLabel = "NAME",
      defaultValue = "backup_target",
      description = "database to copy into, created if missing (default: ${DEFAULT-VALUE})")
  String targetDatabase;

  @Option(
      names = "--concurrency",
      paramLabel = "K",
      defaultValue = "4",
      converter = WholeNumber.class,
      description = "coroutines copying at once, each with 2 leases (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--chunk-rows",
      paramLabel = "N",
      defaultValue = "5000",
      converter = WholeNumber.class,
      description = "rows per chunk = per target transaction (default: ${DEFAULT-VALUE})")
  int chunkRows;

  @Option(
      names = "--workers",
      paramLabel = "W",
      defaultValue = "2",
      converter = WholeNumber.class,
      description = "workers of the host, each with its own pools (default: ${DEFAULT-VALUE})")
  int workers;

  @Option(
      names = "--generate",
      paramLabel = "ROWS",
      converter = WholeNumber.class,
      description =
          "first create the source with ~ROWS generated rows (default: 200000 when the source is embedded)")
  Integer generate;

  @Option(
      names = "--verify",
      paramLabel = "MODE",
      defaultValue = "auto",
      converter = VerifyMode.class,
      description =
          "auto (checksum-table for InnoDB tables on one MariaDB version, else read-back)"
              + " | read-back | checksum-table | sql-hash (default: ${DEFAULT-VALUE})")
  BackupOptions.Verify verify;

  @Option(
      names = "--to-dir",
      paramLabel = "DIR",
      description =
          "back up into this directory (schema files,"
              + " compressed chunk files with checksums, metadata with the snapshot position) instead of a target database")
  Path toDirectory;

  @Option(
      names = "--from-dir",
      paramLabel = "DIR",
      description = "restore: the backup directory to restore")
  Path fromDirectory;

  @Option(
      names = "--into",
      paramLabel = "NAME",
      description = "restore: the database to restore into (same as" + " --target-db)")
  String into;

  @Option(
      names = "--no-lock",
      description =
          "no global lock: the copy is then NOT one consistent snapshot"
              + " (for users without RELOAD; a loud warning says so)")
  boolean noLock;

  @Option(
      names = "--lock-wait",
      paramLabel = "S",
      defaultValue = "60",
      converter = WholeNumber.class,
      description = "seconds to wait for the global lock (default: ${DEFAULT-VALUE})")
  int lockWaitSeconds;

  @Option(
      names = "--definer-denied",
      paramLabel = "WHAT",
      defaultValue = "stop",
      converter = DefinerPolicy.class,
      description =
          "stop | use-target-user: when the target user may not set an object's DEFINER"
              + " (default: ${DEFAULT-VALUE})")
  BackupOptions.DefinerDenied definerDenied;

  @Option(
      names = "--users",
      description =
          "also copy the users with privileges on the database, and those" + " privileges")
  boolean users;

  @Option(
      names = "--no-load-data",
      description =
          "write with multi-row INSERTs, not LOAD DATA LOCAL INFILE"
              + " (which lets the target server ask this client for a file)")
  boolean noLoadData;

  @Option(
      names = "--fresh",
      description = "drop and recreate the target database instead of resuming")
  boolean fresh;

  @Option(
      names = "--keep-checkpoints",
      description = "keep _backup_checkpoint after a verified backup")
  boolean keepCheckpoints;

  @Option(
      names = "--throttle-ms",
      paramLabel = "MS",
      defaultValue = "0",
      converter = WholeNumber.class,
      description = "pause after each chunk in each coroutine (default: ${DEFAULT-VALUE})")
  int throttleMs;

  @Option(names = "--quiet", description = "no progress display")
  boolean quiet;

  /**
   * The source and target passwords: prompted for with {@code --ask-passwords}, else given, else
   * the environment.
   */
  String[] passwords() {
    if (!askPasswords) {
      return new String[] {
        given(sourcePassword, SOURCE_PASSWORD_ENV), given(targetPassword, TARGET_PASSWORD_ENV)
      };
    }
    Console console = System.console();
    SampleCommandLine.require(
        spec,
        console != null,
        "--ask-passwords needs a terminal: pass $"
            + SOURCE_PASSWORD_ENV
            + " / $"
            + TARGET_PASSWORD_ENV
            + " instead");
    return new String[] {
      fromDirectory != null
          ? ""
          : new String(console.readPassword("Password of the source user: ")),
      toDirectory != null ? "" : new String(console.readPassword("Password of the target user: "))
    };
  }

  /**
   * The options of this run on {@code servers}; {@link IllegalArgumentException} when they do not
   * fit together.
   */
  BackupOptions.Builder builder(String sourceServer, String targetServer, String[] passwords) {
    BackupOptions.Builder builder = BackupOptions.builder();
    if (sourceServer != null) {
      builder.source(sourceServer, sourceUser, passwords[0]);
    }
    if (targetServer != null) {
      builder.target(targetServer, targetUser, passwords[1]);
    }
    if (toDirectory != null) {
      builder.toDirectory(toDirectory);
    }
    if (fromDirectory != null) {
      builder.restoreFrom(fromDirectory);
    }
    return builder
        .databases(sourceDatabase, into != null ? into : targetDatabase)
        .concurrency(concurrency)
        .chunkRows(chunkRows)
        .workers(workers)
        .verify(verify)
        .fresh(fresh)
        .keepCheckpoints(keepCheckpoints)
        .throttle(Duration.ofMillis(throttleMs))
        .noLock(noLock)
        .lockWaitSeconds(lockWaitSeconds)
        .onDefinerDenied(definerDenied)
        .users(users)
        .loadData(!noLoadData);
  }

  private static String given(char[] password, String environment) {
    if (password != null) {
      return new String(password);
    }
    String value = System.getenv(environment);
    return value == null ? "" : value;
  }

  /** A whole number, with {@code _} or {@code ,} allowed between digits ({@code 200_000}). */
  static final class WholeNumber implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        return Integer.parseInt(value.replace("_", "").replace(",", ""));
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number");
      }
    }
  }

  /** {@code --verify}'s modes. */
  static final class VerifyMode implements ITypeConverter<BackupOptions.Verify> {
    @Override
    public BackupOptions.Verify convert(String mode) {
      return switch (mode.toLowerCase(Locale.ROOT)) {
        case "auto" -> BackupOptions.Verify.AUTO;
        case "checksum-table", "checksum" -> BackupOptions.Verify.CHECKSUM_TABLE;
        case "sql-hash", "hash" -> BackupOptions.Verify.SQL_HASH;
        case "read-back" -> BackupOptions.Verify.READ_BACK;
        default ->
            throw new TypeConversionException(
                "must be auto, read-back, checksum-table or sql-hash, not '" + mode + "'");
      };
    }
  }

  /** {@code --definer-denied}'s policies. */
  static final class DefinerPolicy implements ITypeConverter<BackupOptions.DefinerDenied> {
    @Override
    public BackupOptions.DefinerDenied convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "stop" -> BackupOptions.DefinerDenied.STOP;
        case "use-target-user" -> BackupOptions.DefinerDenied.USE_TARGET_USER;
        default ->
            throw new TypeConversionException(
                "must be stop or use-target-user, not '" + value + "'");
      };
    }
  }
}
