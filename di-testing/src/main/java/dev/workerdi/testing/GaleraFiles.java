package dev.workerdi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The files of one Galera node: its own directory, data directory and {@code --defaults-file} (so
 * that neither {@code mariadbd} nor the SST scripts read {@code /etc/mysql}), with its SQL, Galera,
 * IST and SST ports on {@code 127.0.0.1}. Immutable and thread-safe.
 */
final class GaleraFiles {
  private final Path dir;
  private final int sqlPort;
  private final int galeraPort;

  private GaleraFiles(Path dir, int sqlPort, int galeraPort) {
    this.dir = dir;
    this.sqlPort = sqlPort;
    this.galeraPort = galeraPort;
  }

  Path dir() {
    return dir;
  }

  Path defaultsFile() {
    return dir.resolve("my.cnf");
  }

  Path errorLog() {
    return dir.resolve("error.log");
  }

  Path data() {
    return dir.resolve("data");
  }

  int sqlPort() {
    return sqlPort;
  }

  int galeraPort() {
    return galeraPort;
  }

  /** Creates the directories and picks free ports for {@code count} nodes under {@code root}. */
  static List<GaleraFiles> create(Path root, int count) {
    List<GaleraFiles> nodes = new ArrayList<>();
    int[] ports = GaleraDirs.freePorts(count * 4);
    for (int i = 0; i < count; i++) {
      Path dir = root.resolve("node" + (i + 1));
      GaleraDirs.mkdirs(dir.resolve("data"));
      nodes.add(new GaleraFiles(dir, ports[i * 4], ports[i * 4 + 1]));
    }
    String members =
        nodes.stream().map(n -> "127.0.0.1:" + n.galeraPort).collect(Collectors.joining(","));
    for (int i = 0; i < count; i++) {
      nodes.get(i).write(i + 1, members, ports[i * 4 + 2], ports[i * 4 + 3]);
    }
    return List.copyOf(nodes);
  }

  private void write(int index, String members, int istPort, int sstPort) {
    String config =
        String.join(
            "\n",
            "[mariadbd]",
            "datadir=" + data(),
            "socket=" + dir.resolve("mysqld.sock"),
            "pid-file=" + dir.resolve("mysqld.pid"),
            "log-error=" + errorLog(),
            "tmpdir=" + dir,
            "port=" + sqlPort,
            "bind-address=127.0.0.1",
            GaleraSupport.runsAsRoot() ? "user=mysql" : "",
            "innodb_buffer_pool_size=64M",
            "innodb_log_file_size=48M",
            // On, for the budget: performance_schema.session_connect_attrs names each connection's
            // program.
            "performance_schema=ON",
            "max_connections=200",
            "binlog_format=ROW",
            "innodb_autoinc_lock_mode=2",
            "wsrep_on=ON",
            "wsrep_provider=" + GaleraSupport.provider(),
            "wsrep_cluster_name=workerdi-test",
            "wsrep_cluster_address=gcomm://" + members,
            "wsrep_node_address=127.0.0.1:" + galeraPort,
            "wsrep_node_name=node" + index,
            "wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:"
                + galeraPort
                + ";ist.recv_addr=127.0.0.1:"
                + istPort
                + ";gcache.size=128M\"",
            "wsrep_sst_receive_address=127.0.0.1:" + sstPort,
            "wsrep_sst_method=rsync",
            "[client]",
            "socket=" + dir.resolve("mysqld.sock"),
            "");
    try {
      Files.writeString(defaultsFile(), config);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + defaultsFile(), e);
    }
  }
}
