package dev.workerdi.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one exception type of this project: every misuse and every failure to build or resolve a
 * binding is reported as a {@code DiException} carrying an {@link ErrorId}.
 *
 * <p>Messages have a fixed format: a first line {@code [DI-nnn] headline}, then one labelled line
 * per fact (key, phase, declared, caller, ...), and last the {@code fix:} line saying what to do.
 * Values that may hold secrets are masked before they reach a message. Build messages with {@link
 * #builder(ErrorId, String)}; instances are immutable and thread-safe.
 */
public final class DiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int LABEL_WIDTH = 11;

  private final ErrorId id;

  private DiException(ErrorId id, String message, Throwable cause) {
    super(message, cause);
    this.id = id;
  }

  /** Which kind of error this is. */
  public ErrorId id() {
    return id;
  }

  /**
   * This error with context lines added right after its headline, for example the phase and hook in
   * which a start failed: the same id, cause, stack trace and remaining lines, so that callers
   * still catch it by {@link #id()}. Lines are added in the map's iteration order; {@code null}
   * values are left out.
   */
  public DiException withContext(Map<String, ?> context) {
    String message = getMessage();
    int headline = message.indexOf('\n') < 0 ? message.length() : message.indexOf('\n');
    StringBuilder text = new StringBuilder(message.substring(0, headline));
    context.forEach(
        (label, value) -> {
          if (value != null) {
            Builder.line(text, label, String.valueOf(value));
          }
        });
    DiException copy =
        new DiException(id, text.append(message.substring(headline)).toString(), getCause());
    copy.setStackTrace(getStackTrace());
    for (Throwable suppressed : getSuppressed()) {
      copy.addSuppressed(suppressed);
    }
    return copy;
  }

  /** Starts a message with its id and one-line headline. */
  public static Builder builder(ErrorId id, String headline) {
    return new Builder(id, headline);
  }

  /** Assembles a {@link DiException} in the catalog's format. Not thread-safe; use once. */
  public static final class Builder {
    private final ErrorId id;
    private final String headline;
    private final List<String[]> fields = new ArrayList<>();
    private String fix;
    private Throwable cause;

    private Builder(ErrorId id, String headline) {
      this.id = Objects.requireNonNull(id, "id");
      this.headline = Objects.requireNonNull(headline, "headline");
    }

    /** Adds a labelled line; a {@code null} value is left out. */
    public Builder field(String label, Object value) {
      if (value != null) {
        fields.add(new String[] {label, String.valueOf(value)});
      }
      return this;
    }

    /** The last line: what the user should do. */
    public Builder fix(String fix) {
      this.fix = fix;
      return this;
    }

    /**
     * The underlying exception, kept as the cause; its message is shown on a {@code cause:} line.
     */
    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    /** Formats the message and creates the exception. */
    public DiException build() {
      StringBuilder text =
          new StringBuilder().append('[').append(id.code()).append("] ").append(headline);
      for (String[] field : fields) {
        line(text, field[0], field[1]);
      }
      if (cause != null) {
        line(text, "cause", describe(cause));
      }
      if (fix != null) {
        line(text, "fix", fix);
      }
      return new DiException(id, text.toString(), cause);
    }

    private static void line(StringBuilder text, String label, String value) {
      text.append("\n  ").append(label).append(':');
      if (!value.startsWith("\n")) {
        text.append(" ".repeat(Math.max(1, LABEL_WIDTH - label.length())));
      }
      text.append(value.replace("\n", "\n" + " ".repeat(LABEL_WIDTH + 3)));
    }

    private static String describe(Throwable cause) {
      String message = cause.getMessage();
      return cause.getClass().getName() + (message == null ? "" : ": " + message);
    }
  }
}
