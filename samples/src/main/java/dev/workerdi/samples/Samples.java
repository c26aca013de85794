package dev.workerdi.samples;

import dev.workerdi.samples.backup.BackupCommand;
import dev.workerdi.samples.persistent.PersistentVsPooled;
import dev.workerdi.samples.queries.ConcurrentQueries;
import dev.workerdi.samples.server.WorkerServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The main class of {@code workerdi-samples.jar}: one subcommand per sample ({@code demo}, {@code
 * server}, {@code queries}, {@code persistent}, {@code backup}), each with its own {@code --help}
 * and exit status (0 success, 1 failure, 2 bad usage). Not thread-safe; run from {@code main}.
 */
@Command(
    name = "workerdi-samples",
    synopsisSubcommandLabel = "COMMAND",
    description = "The workerdi samples, on an embedded MariaDB 11.4 unless given --url.",
    footer = {
      "",
      "Run 'COMMAND --help' for a command's options. Exit status: 0 success, 1 failure, 2 bad usage."
    })
public final class Samples implements Runnable {
  @Spec private CommandSpec spec;

  @Mixin private HelpOption help;

  public static void main(String[] args) {
    SampleCommandLine.exit(commandLine(), args);
  }

  /** The command line with every subcommand, configured like each sample's own. */
  static CommandLine commandLine() {
    CommandLine line = SampleCommandLine.of(new Samples());
    line.addSubcommand(SampleCommandLine.of(new Demo()));
    line.addSubcommand(SampleCommandLine.of(WorkerServer.command()));
    line.addSubcommand(SampleCommandLine.of(new ConcurrentQueries()));
    line.addSubcommand(SampleCommandLine.of(new PersistentVsPooled()));
    line.addSubcommand(BackupCommand.commandLine(System.out));
    return line;
  }

  /** Without a subcommand: bad usage. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing the COMMAND: demo, server, queries, persistent or backup");
  }
}
