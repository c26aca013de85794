package dev.workerdi.core;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Classes that recipes in the tests name. */
public final class Fixtures {
  private Fixtures() {}

  /** A client with two constructors, counting how many were built. */
  public static final class Client {
    static final AtomicInteger BUILT = new AtomicInteger();
    final String host;
    final long port;
    final String password;

    public Client(String host, long port) {
      this(host, port, null);
    }

    public Client(String host, long port, String password) {
      this.host = host;
      this.port = port;
      this.password = password;
      BUILT.incrementAndGet();
    }
  }

  /** Two constructors equally good for ("a", "b"). */
  public static final class Ambiguous {
    public Ambiguous(CharSequence a, Object b) {}

    public Ambiguous(Object a, CharSequence b) {}
  }

  /** An abstract class. */
  public abstract static class Shape {
    public Shape() {}
  }

  /** An interface. */
  public interface Service {}

  /** An enum. */
  public enum Color {
    RED
  }

  /** A non-static inner class. */
  public final class Inner {
    public Inner() {}
  }

  /** A constructor that always fails. */
  public static final class Exploding {
    public Exploding(String reason) {
      throw new IllegalStateException("cannot connect: " + reason);
    }
  }

  /** Only a static factory. */
  public static final class Pooled {
    final int size;

    private Pooled(int size) {
      this.size = size;
    }

    public static Pooled of(int size) {
      return new Pooled(size);
    }
  }

  /** A factory that returns null. */
  public static final class NullFactory {
    private NullFactory() {}

    public static NullFactory create() {
      return null;
    }
  }

  /** Configuration from a map. */
  public static final class MapConfig {
    final Map<String, Object> values;

    public MapConfig(Map<String, Object> values) {
      this.values = values;
    }
  }

  /** Configuration from properties. */
  public static final class PropsConfig {
    final Properties values;

    public PropsConfig(Properties values) {
      this.values = values;
    }
  }

  /** Slow to build, to widen races between concurrent first gets. */
  public static final class Slow {
    static final AtomicInteger BUILT = new AtomicInteger();

    public Slow() throws InterruptedException {
      BUILT.incrementAndGet();
      Thread.sleep(20);
    }
  }

  /** Records the order in which instances are closed. */
  public static final class Resource implements AutoCloseable {
    static final List<String> CLOSED = new CopyOnWriteArrayList<>();
    final String name;

    public Resource(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      CLOSED.add(name);
    }
  }

  /** Needs itself while being built. */
  public static final class SelfReferencing {
    static Di container;

    public SelfReferencing() {
      container.get("SELF");
    }
  }

  /** Varargs constructors, resolved as a Java call would be. */
  public static final class Hosts {
    public final String name;
    public final String[] hosts;
    public final int[] ports;

    public Hosts(String name, String... hosts) {
      this.name = name;
      this.hosts = hosts;
      this.ports = new int[0];
    }

    public Hosts(String name, int... ports) {
      this.name = name;
      this.hosts = new String[0];
      this.ports = ports;
    }
  }

  /** A constructor taking a primitive. */
  public static final class Port {
    public Port(String host, int port) {}
  }
}
