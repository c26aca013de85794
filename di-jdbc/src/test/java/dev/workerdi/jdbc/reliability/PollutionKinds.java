package dev.workerdi.jdbc.reliability;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The battery's kinds of session pollution ({@code dev.workerdi.jdbc.reset.Pollution},
 * package-private there), reached by reflection so that this suite runs exactly the battery's
 * definitions (how to dirty a session, how the next lease would notice) instead of a copy that
 * could drift. Tests run on the class path, so the package-private members are accessible.
 * Immutable and thread-safe.
 */
final class PollutionKinds {
  private static final String POLLUTION = "dev.workerdi.jdbc.reset.Pollution";

  /**
   * Where a pollution happens: the pool's database, a second one, and a number unique to the run.
   */
  record Place(String database, String other, long mark) {}

  /** One kind: its name and the battery's own methods. */
  static final class Kind {
    private final Enum<?> constant;
    private final Method dirty;
    private final Method leaked;
    private final Constructor<?> place;

    private Kind(Enum<?> constant, Method dirty, Method leaked, Constructor<?> place) {
      this.constant = constant;
      this.dirty = dirty;
      this.leaked = leaked;
      this.place = place;
    }

    String name() {
      return constant.name();
    }

    /** Leaves this kind of state on the session. */
    void dirty(Connection c, Place p) throws SQLException {
      call(dirty, c, p);
    }

    /**
     * Whether this kind of state is still there, seen from the next lease of the same connection.
     */
    boolean leaked(Connection c, Place p) throws SQLException {
      return (Boolean) call(leaked, c, p);
    }

    private Object call(Method method, Connection c, Place p) throws SQLException {
      try {
        return method.invoke(constant, c, place.newInstance(p.database(), p.other(), p.mark()));
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof SQLException sql) {
          throw sql;
        }
        throw new IllegalStateException(name() + " failed", e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "The battery's Pollution." + method.getName() + " cannot be called", e);
      }
    }

    @Override
    public String toString() {
      return name();
    }
  }

  private PollutionKinds() {}

  /**
   * Runs the battery's set-up ({@code Pollution.prepare}) over the administrator's connection
   * {@code c}.
   */
  static void prepare(Connection c, String grantee) {
    try {
      Method prepare =
          Class.forName(POLLUTION).getDeclaredMethod("prepare", Connection.class, String.class);
      prepare.setAccessible(true);
      prepare.invoke(null, c, grantee);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("The battery's set-up failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The pollution battery " + POLLUTION + " changed shape", e);
    }
  }

  /** Runs the battery's clean-up ({@code Pollution.cleanUp}): drops its server-wide role. */
  static void cleanUp(Connection c) {
    try {
      Method cleanUp = Class.forName(POLLUTION).getDeclaredMethod("cleanUp", Connection.class);
      cleanUp.setAccessible(true);
      cleanUp.invoke(null, c);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("The battery's clean-up failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The pollution battery " + POLLUTION + " changed shape", e);
    }
  }

  /**
   * Every kind of the battery that keeps its connection (not those that retire it) and takes no
   * server-wide lock (those need RELOAD and would stall every other coroutine's writes: the battery
   * checks them one lease at a time), in its order.
   */
  static List<Kind> all() {
    try {
      Class<?> pollution = Class.forName(POLLUTION);
      Class<?> placeType = Class.forName(POLLUTION + "$Place");
      Method dirty = pollution.getDeclaredMethod("dirty", Connection.class, placeType);
      Method leaked = pollution.getDeclaredMethod("leaked", Connection.class, placeType);
      Constructor<?> place =
          placeType.getDeclaredConstructor(String.class, String.class, long.class);
      dirty.setAccessible(true);
      leaked.setAccessible(true);
      place.setAccessible(true);
      List<Kind> kinds = new ArrayList<>();
      Method retires = pollution.getDeclaredMethod("retires");
      retires.setAccessible(true);
      Method locksTheServer = pollution.getDeclaredMethod("locksTheServer");
      locksTheServer.setAccessible(true);
      for (Object constant : pollution.getEnumConstants()) {
        if (!(Boolean) retires.invoke(constant) && !(Boolean) locksTheServer.invoke(constant)) {
          kinds.add(new Kind((Enum<?>) constant, dirty, leaked, place));
        }
      }
      return List.copyOf(kinds);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The pollution battery " + POLLUTION + " changed shape", e);
    }
  }
}
