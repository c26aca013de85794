package dev.workerdi.samples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small command-line parser for the samples: {@code --name value} options and {@code --flag}
 * switches, with errors that say which option is wrong and what it expects. Not thread-safe.
 */
public final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final String usage;

  private Args(String usage) {
    this.usage = usage;
  }

  /** Parses {@code args}; {@code flags} take no value. Blank arguments are ignored. */
  public static Args parse(String[] args, List<String> flags, String usage) {
    Args parsed = new Args(usage);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i].trim();
      if (arg.isEmpty()) {
        continue;
      }
      if (!arg.startsWith("--")) {
        throw parsed.error("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      if (flags.contains(name)) {
        parsed.values.put(name, "true");
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        parsed.values.put(name, args[++i]);
      } else {
        throw parsed.error("option --" + name + " needs a value");
      }
    }
    return parsed;
  }

  /** What a sample's {@code main} does once its arguments are parsed and its database is open. */
  @FunctionalInterface
  public interface Body {
    void run(Args args, SampleDatabase db) throws Exception;
  }

  /**
   * The common {@code main} of the samples: parses {@code argv}, prints the usage for {@code --help},
   * opens the database ({@code --url} or embedded), runs {@code body}, and closes the database.
   */
  public static void runMain(String[] argv, List<String> flags, String usage, Body body) throws Exception {
    List<String> all = new java.util.ArrayList<>(flags);
    all.add("help");
    Args args;
    try {
      args = parse(argv, all, usage);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (args.flag("help")) {
      System.out.println(usage);
      return;
    }
    try (SampleDatabase db = SampleDatabase.open(args)) {
      body.run(args, db);
    }
  }

  public boolean flag(String name) {
    return values.containsKey(name);
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int integer(String name, int fallback, int min) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number < min) {
        throw error("--" + name + " must be at least " + min + ", not " + number);
      }
      return number;
    } catch (NumberFormatException e) {
      throw error("--" + name + " expects a whole number, not '" + value + "'");
    }
  }

  public String usage() {
    return usage;
  }

  /** An error for a bad command line: its message names the problem, then the usage. */
  public IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(problem + "\n\n" + usage);
  }
}
