package dev.workerdi.samples.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small GNU-style option parser: {@code --name value}, {@code --name=value} and flags, each
 * declared with its help text, so that {@code --help} and the errors come from one list. Unknown
 * options and missing values fail with {@link IllegalArgumentException}. Not thread-safe.
 */
final class CommandLine {
  /** One option: its name without dashes, its value's name ({@code null} for a flag) and its help. */
  record Option(String name, String value, String help) {}

  private final List<Option> options;
  private final Map<String, String> values = new LinkedHashMap<>();

  CommandLine(List<Option> options) {
    this.options = List.copyOf(options);
  }

  /** Parses {@code args}; later occurrences win. */
  CommandLine parse(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument '" + arg + "' (options start with --; see --help)");
      }
      int equals = arg.indexOf('=');
      String name = arg.substring(2, equals < 0 ? arg.length() : equals);
      Option option = options.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("Unknown option --" + name + " (see --help)"));
      if (option.value() == null) {
        if (equals >= 0) {
          throw new IllegalArgumentException("--" + name + " takes no value");
        }
        values.put(name, "true");
      } else if (equals >= 0) {
        values.put(name, arg.substring(equals + 1));
      } else if (i + 1 < args.length) {
        values.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value: --" + name + " " + option.value());
      }
    }
    return this;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int number(String name, int fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " needs a whole number, not '" + value + "'");
    }
  }

  /** The options' help, one per line, aligned. */
  String help() {
    StringBuilder out = new StringBuilder();
    for (Option option : options) {
      String left = "  --" + option.name() + (option.value() == null ? "" : " " + option.value());
      out.append(String.format("%-28s %s%n", left, option.help()));
    }
    return out.toString();
  }
}
