package dev.workerdi.samples;

import picocli.CommandLine.Option;

/** The picocli mixin for {@code -h}/{@code --help} on every sample command. Not thread-safe. */
public final class HelpOption {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help and exit")
  private boolean help;
}
