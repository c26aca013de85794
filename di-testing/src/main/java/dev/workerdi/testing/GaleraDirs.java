package dev.workerdi.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file-system and port chores of a {@link GaleraCluster}: free ports, directories, handing them
 * to the {@code mysql} user, deleting them. Stateless and thread-safe.
 */
final class GaleraDirs {
  private GaleraDirs() {}

  /**
   * When the nodes run as {@code mysql}, it must own their files (rsync SST writes as that user).
   */
  static void handOver(Path root) {
    if (!GaleraSupport.runsAsRoot()) {
      return;
    }
    try {
      UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
      var owner = users.lookupPrincipalByName("mysql");
      GroupPrincipal group = users.lookupPrincipalByGroupName("mysql");
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attributes)
                throws IOException {
              own(path);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes)
                throws IOException {
              own(path);
              return FileVisitResult.CONTINUE;
            }

            private void own(Path path) throws IOException {
              PosixFileAttributeView view =
                  Files.getFileAttributeView(path, PosixFileAttributeView.class);
              view.setOwner(owner);
              view.setGroup(group);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot hand " + root + " over to the mysql user", e);
    }
  }

  /**
   * Deletes the cluster's files; what cannot be deleted stays (the error is not worth a failed
   * test).
   */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.getLogger(GaleraDirs.class.getName())
          .log(System.Logger.Level.WARNING, "Cannot delete " + root, e);
    }
  }

  static void mkdirs(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + path, e);
    }
  }

  static int[] freePorts(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0);
        sockets.add(socket);
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find free ports", e);
    } finally {
      sockets.forEach(
          socket -> {
            try {
              socket.close();
            } catch (IOException ignored) {
              // the port is free either way
            }
          });
    }
  }
}
