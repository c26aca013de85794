package dev.workerdi.testing;

import java.lang.System.Logger.Level;

/**
 * A started {@link DatabaseServer} and what stops it (the embedded server, the container, or
 * nothing for a server from the environment, whose test databases are dropped instead). Immutable;
 * {@link #close()} is called once, under {@link SharedServer}'s lock.
 */
record RunningServer(DatabaseServer server, AutoCloseable backend) implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RunningServer.class.getName());

  @Override
  public void close() {
    try {
      if (server.kind() == DatabaseServer.Kind.ENV) {
        server.dropCreatedDatabases();
      }
    } catch (Exception e) {
      LOG.log(
          Level.WARNING,
          "Cannot drop the test databases " + server.createdDatabases() + " on " + server,
          e);
    }
    try {
      backend.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Cannot stop " + server, e);
    }
  }
}
