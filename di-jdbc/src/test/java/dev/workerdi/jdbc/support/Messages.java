package dev.workerdi.jdbc.support;

import com.google.inject.CreationException;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import dev.workerdi.core.DiException;
import dev.workerdi.testing.FreshDatabase;
import dev.workerdi.testing.Golden;
import java.util.concurrent.ExecutionException;

/**
 * Finds the {@link DiException} behind a failure and pins its message with a golden file.
 * Stateless.
 */
public final class Messages {
  private Messages() {}

  /** The DiException behind what a host task, Guice or a JDBC wrapper threw. */
  public static DiException unwrap(Throwable thrown) {
    Throwable t = thrown;
    for (int depth = 0; t != null && depth < 10; depth++) {
      if (t instanceof DiException e) {
        return e;
      }
      if (t instanceof CreationException creation) {
        for (Message message : creation.getErrorMessages()) {
          if (message.getCause() != null) {
            return unwrap(message.getCause());
          }
        }
      }
      t =
          t instanceof ExecutionException || t instanceof ProvisionException || t.getCause() != null
              ? t.getCause()
              : null;
    }
    throw new AssertionError("no DiException in " + thrown, thrown);
  }

  /**
   * Asserts the message against {@code golden/HOST/NAME.txt}, where {@code host} is the name of the
   * host that produced it, with run-specific names (database, thread, connection numbers, ages)
   * made stable.
   */
  public static void assertGolden(String host, String name, Throwable error, FreshDatabase db) {
    String text = error.getMessage();
    if (db != null) {
      text = text.replace(db.name(), "<db>");
    }
    text =
        text.replaceAll(host + "-(\\d)-task-\\d+", host + "-$1-task-N")
            .replaceAll("'" + host + "-(\\d)#\\d+'", "'" + host + "-$1#N'")
            .replaceAll("(db-" + host + "-\\d)#\\d+", "$1#N")
            .replaceAll("ForkJoinPool-\\d+-worker-\\d+", "ForkJoinPool-N-worker-N")
            .replaceAll("\\d+ milliseconds ago", "N milliseconds ago");
    Golden.assertMatches(host + "/" + name, text);
  }
}
