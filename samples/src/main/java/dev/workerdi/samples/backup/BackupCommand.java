package dev.workerdi.samples.backup;

import dev.workerdi.samples.HelpOption;
import dev.workerdi.samples.SampleCommandLine;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The backup sample's command line (picocli, run by {@link SampleCommandLine} like every sample):
 * copies a MySQL/MariaDB database into another, concurrently and resumably, and verifies the copy;
 * {@code backup restore} loads a backup directory. Without {@code --source-url}/{@code
 * --target-url} it starts an embedded MariaDB for the missing side and, for an embedded source,
 * generates a sample database first. Exit status: 0 verified, 1 failed or different, 2 bad usage.
 * Not thread-safe; picocli runs it once.
 */
@Command(
    name = "backup",
    sortOptions = false,
    synopsisSubcommandLabel = "[restore]",
    description =
        "Copies every table of a MySQL/MariaDB database into another (same server or another"
            + " one): all K coroutines read one consistent snapshot of the source (taken under a brief global lock;"
            + " --no-lock skips it), the schema from SHOW CREATE TABLE, the rows in key ranges copied by K coroutines"
            + " at once, each range committed together with a checkpoint so that an interrupted run resumes where it"
            + " stopped; then views, routines and triggers with their definers, then a verification of every chunk"
            + " against the snapshot, then events. Without --source-url an embedded MariaDB is started and a sample"
            + " database generated first.",
    footer = {
      "",
      "Restore (backup restore --from-dir DIR --into NAME [--target-url ...]): loads a backup directory"
          + " into a database, K coroutines at once, each chunk committed with its checkpoint (an interrupted"
          + " restore resumes), then verifies every chunk against the source digests the backup recorded.",
      "",
      "Examples:",
      "  backup                       # embedded server, 200,000 generated rows",
      "  backup --generate 20000 --concurrency 1",
      "  BACKUP_TARGET_PASSWORD=... backup --source-url jdbc:mysql://db1:3306/ \\",
      "      --source-db shop --target-url jdbc:mysql://db2:3306/ --target-db shop_copy",
      "  backup --source-url jdbc:mysql://db1:3306/ --source-db shop \\",
      "      --to-dir /backups/shop",
      "  backup restore --from-dir /backups/shop --into shop_restored \\",
      "      --target-url jdbc:mysql://db2:3306/",
      "",
      "Exit status: 0 verified equal, 1 failed or different, 2 bad usage."
    })
public final class BackupCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private HelpOption help;

  @Mixin private BackupArguments arguments;

  private final PrintStream out;

  private BackupCommand(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    SampleCommandLine.exit(commandLine(System.out), args);
  }

  /**
   * The {@code backup} command line, with its {@code restore} subcommand, printing to {@code out}.
   * An option given twice takes its last value, so that a script can override one it was handed.
   */
  public static CommandLine commandLine(PrintStream out) {
    return SampleCommandLine.of(new BackupCommand(out))
        .addSubcommand(SampleCommandLine.of(new Restore(out)))
        .setOverwrittenOptionsAllowed(true);
  }

  /** Runs the command with these streams; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine line = commandLine(out);
    Charset charset = err.charset();
    line.setOut(new PrintWriter(out, true, out.charset()));
    line.setErr(new PrintWriter(err, true, charset));
    line.getSubcommands().values().forEach(sub -> sub.setOut(line.getOut()).setErr(line.getErr()));
    return SampleCommandLine.execute(line, args);
  }

  @Override
  public Integer call() {
    SampleCommandLine.require(
        spec,
        arguments.fromDirectory == null,
        "--from-dir is for 'restore': backup restore --from-dir DIR --into NAME");
    return BackupRunner.run(spec, arguments, false, out);
  }

  /** {@code backup restore}: loads a backup directory into a database. */
  @Command(
      name = "restore",
      sortOptions = false,
      description =
          "Restores a backup directory (--from-dir) into a database (--into), resumably, and verifies it.",
      footer = {"", "Exit status: 0 verified equal, 1 failed or different, 2 bad usage."})
  static final class Restore implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private HelpOption help;

    @Mixin private BackupArguments arguments;

    private final PrintStream out;

    Restore(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      SampleCommandLine.require(
          spec,
          spec.commandLine().getParent().getParseResult().matchedOptions().isEmpty(),
          "restore's options go after 'restore': backup restore --from-dir DIR --into NAME [options]");
      SampleCommandLine.require(
          spec, arguments.fromDirectory != null, "restore needs --from-dir DIR (and --into NAME)");
      return BackupRunner.run(spec, arguments, true, out);
    }
  }
}
