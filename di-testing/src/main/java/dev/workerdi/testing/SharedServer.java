package dev.workerdi.testing;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The one server of this JVM: started lazily by the first caller, stopped by {@link #stop()} (the
 * JUnit root store closes a {@link Lease}) or by a JVM shutdown hook, and started again if asked
 * for after a stop. Thread-safe: a {@link ReentrantLock} guards the state, so concurrent first
 * callers start one server and wait for it.
 */
final class SharedServer {
  private static final ReentrantLock LOCK = new ReentrantLock();
  private static RunningServer current;
  private static boolean hookInstalled;

  private SharedServer() {}

  static DatabaseServer acquire() {
    LOCK.lock();
    try {
      if (current == null) {
        current = ServerSelection.start();
        if (!hookInstalled) {
          Runtime.getRuntime()
              .addShutdownHook(new Thread(SharedServer::stop, "workerdi-test-database-stop"));
          hookInstalled = true;
        }
      }
      return current.server();
    } finally {
      LOCK.unlock();
    }
  }

  static void stop() {
    LOCK.lock();
    try {
      RunningServer running = current;
      current = null;
      if (running != null) {
        running.close();
      }
    } finally {
      LOCK.unlock();
    }
  }

  /** Put in the JUnit root store: closing it at the end of the test run stops the server. */
  record Lease(DatabaseServer server) implements AutoCloseable {
    static Lease take() {
      return new Lease(acquire());
    }

    @Override
    public void close() {
      stop();
    }
  }
}
