package dev.workerdi.core.internal;

import dev.workerdi.core.spi.Spelling;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Suggests the class a recipe probably meant when its class name does not exist: the binary name of
 * a nested class written with dots ({@code a.Outer.Inner} → {@code a.Outer$Inner}), or the closest
 * class name in the same package (from the class path's directories and jars). Loads no class and
 * initialises nothing. Stateless and thread-safe. Not a supported API.
 */
final class ClassNameHints {
  private ClassNameHints() {}

  /** A class name that exists and that {@code missing} was probably meant to be. */
  static Optional<String> suggest(String missing, ClassLoader loader) {
    if (missing == null || missing.isBlank()) {
      return Optional.empty();
    }
    Optional<String> nested = binaryName(missing, loader);
    return nested.isPresent() ? nested : closeInPackage(missing, loader);
  }

  /** {@code a.Outer.Inner} → {@code a.Outer$Inner} (and deeper), when that class exists. */
  private static Optional<String> binaryName(String missing, ClassLoader loader) {
    char[] chars = missing.toCharArray();
    for (int i = chars.length - 1; i >= 0; i--) {
      if (chars[i] == '.') {
        chars[i] = '$';
        String candidate = new String(chars);
        if (exists(candidate, loader)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> closeInPackage(String missing, ClassLoader loader) {
    int dot = missing.lastIndexOf('.');
    String pkg = dot < 0 ? "" : missing.substring(0, dot);
    Set<String> names = classesIn(pkg, loader);
    return Spelling.closest(missing.substring(dot + 1), names)
        .map(simple -> pkg.isEmpty() ? simple : pkg + "." + simple);
  }

  /** The simple (binary) names of the classes of {@code pkg} on the class path. */
  private static Set<String> classesIn(String pkg, ClassLoader loader) {
    Set<String> names = new TreeSet<>();
    if (pkg.isEmpty() || loader == null) {
      return names;
    }
    try {
      Enumeration<URL> roots = loader.getResources(pkg.replace('.', '/'));
      while (roots.hasMoreElements()) {
        collect(roots.nextElement(), names);
      }
    } catch (IOException | RuntimeException e) {
      return names;
    }
    return names;
  }

  private static void collect(URL root, Set<String> names) throws IOException {
    if ("file".equals(root.getProtocol())) {
      try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
        files.map(file -> file.getFileName().toString()).forEach(file -> addClass(file, names));
      } catch (URISyntaxException e) {
        return;
      }
    } else if (root.openConnection() instanceof JarURLConnection connection) {
      connection.setUseCaches(false);
      String prefix = connection.getEntryName() + "/";
      try (JarFile jar = connection.getJarFile()) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          String entry = entries.nextElement().getName();
          if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0) {
            addClass(entry.substring(prefix.length()), names);
          }
        }
      }
    }
  }

  private static void addClass(String file, Set<String> names) {
    if (file.endsWith(".class")
        && !file.equals("package-info.class")
        && !file.equals("module-info.class")) {
      names.add(file.substring(0, file.length() - ".class".length()));
    }
  }

  private static boolean exists(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
