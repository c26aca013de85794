package dev.workerdi.testing;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;

/**
 * MySQL 8.4 in a Testcontainers container. The only class that names Testcontainers types: it is
 * loaded only after {@link ServerSelection} found them on the classpath. Stateless and thread-safe.
 */
final class MySqlContainerServer {
  static final String IMAGE = "mysql:8.4";
  private static final int MYSQL_PORT = 3306;

  private MySqlContainerServer() {}

  static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  static RunningServer start() {
    byte[] secret = new byte[12];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    MySQLContainer container =
        new MySQLContainer(IMAGE).withUsername("root").withPassword(password);
    container.start();
    try {
      String hosts =
          "jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(MYSQL_PORT) + "/";
      DatabaseServer server =
          DatabaseServer.open(
              DatabaseServer.Kind.TESTCONTAINERS,
              db -> hosts + db + "?sslMode=DISABLED&allowPublicKeyRetrieval=true",
              "root",
              password);
      return new RunningServer(server, container::stop);
    } catch (RuntimeException e) {
      container.stop();
      throw e;
    }
  }
}
