package dev.workerdi.samples;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs a sample's picocli command the same way for every sample: exit status 0 on success, 2 for
 * bad usage (the problem, then the usage, on standard error), 1 for a failure (one line per cause,
 * no stack trace; passwords never appear). A single argument that is blank, or that starts with
 * {@code --} and holds spaces, is what Maven's {@code exec} makes of {@code -Ddemo.args=...}: it is
 * read as no arguments, or split at the spaces (also when it starts with a subcommand, as in {@code
 * restore --from-dir DIR}). Any other argument is taken as given, so {@code --password ""} still
 * means an empty password. Stateless.
 */
public final class SampleCommandLine {
  /** Exit status of a failed run. */
  public static final int FAILED = 1;

  /** Exit status of bad usage. */
  public static final int USAGE = 2;

  private SampleCommandLine() {}

  /** The configured picocli command line for {@code command}. */
  public static CommandLine of(Object command) {
    CommandLine line = new CommandLine(command);
    line.setExecutionExceptionHandler(SampleCommandLine::failed);
    line.setUsageHelpAutoWidth(true);
    return line;
  }

  /** Parses {@code args}, runs {@code command} and returns its exit status. */
  public static int execute(Object command, String... args) {
    return execute(of(command), args);
  }

  /** Parses {@code args}, runs the command {@code line} selects and returns its exit status. */
  public static int execute(CommandLine line, String... args) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    return line.execute(unwrapMavenArgument(args));
  }

  /**
   * {@link #execute} then {@link System#exit} with its status: the body of each sample's {@code
   * main}.
   */
  public static void exit(Object command, String... args) {
    System.exit(execute(command, args));
  }

  /** {@link #execute(CommandLine, String...)} then {@link System#exit} with its status. */
  public static void exit(CommandLine line, String... args) {
    System.exit(execute(line, args));
  }

  /** Bad usage unless {@code ok}: exit status 2, {@code problem}, then the usage. */
  public static void require(CommandSpec spec, boolean ok, String problem) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), problem);
    }
  }

  static String[] unwrapMavenArgument(String[] args) {
    if (args.length != 1) {
      return args;
    }
    String only = args[0].strip();
    if (only.isEmpty()) {
      return new String[0];
    }
    return only.startsWith("--") || only.matches("[a-z]+\\s+--.*") ? only.split("\\s+") : args;
  }

  private static int failed(Exception e, CommandLine line, ParseResult parsed) {
    PrintWriter err = line.getErr();
    String said = describe(e);
    err.println(line.getCommandName() + " failed: " + said);
    for (Throwable cause = e.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (!said.contains(describe(cause))) { // not already part of the message above
        said = describe(cause);
        err.println("  caused by: " + said);
      }
    }
    err.flush();
    return FAILED;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.replace("\n", "\n  ");
  }
}
