package dev.workerdi.samples.backup;

/**
 * A backup that stopped before it finished. Its message says what happened, in which phase, and
 * whether running again resumes; it never contains a password.
 */
public final class BackupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BackupException(String message, Throwable cause) {
    super(message + (cause == null ? "" : ": " + describe(cause)), cause);
  }

  private static String describe(Throwable cause) {
    if (cause instanceof BackupException
        || cause instanceof IllegalStateException
        || cause instanceof IllegalArgumentException) {
      return cause.getMessage();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
