package dev.workerdi.samples;

import dev.workerdi.samples.backup.BackupCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/**
 * The {@code backup} subcommand of {@link Samples}: hands every argument after {@code backup},
 * {@code --help} included, to {@link BackupCommand#main}, which parses them, runs the backup and
 * exits with its own status. Not thread-safe; picocli runs it once.
 */
@Command(name = "backup", description = "Copies a database into another, concurrently and resumably, and verifies"
    + " the copy (run 'backup --help' for its options).")
final class BackupSubcommand implements Callable<Integer> {
  @Parameters(paramLabel = "BACKUP_OPTIONS", arity = "0..*", description = "the backup's own options")
  private List<String> arguments = new ArrayList<>();

  @Unmatched
  private List<String> unmatched = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> all = new ArrayList<>(arguments);
    all.addAll(unmatched);
    BackupCommand.main(all.toArray(String[]::new));
    return 0; // not reached: BackupCommand.main exits with the backup's status
  }
}
