package dev.workerdi.core.internal;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.spi.Failures;
import dev.workerdi.core.spi.ScopeStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The instances of one coroutine: the {@link InstanceStore} contract sized for what a coroutine
 * holds (one or two instances, a lease most often), so that opening and ending a coroutine costs a
 * few small objects. Slots are a short array of keys and values searched in order, replaced under
 * the store's one {@link ReentrantLock} and read without it; builds run under that lock (a
 * coroutine's instances are built by its own thread, so the lock is not contended, and a thread
 * that asks for a slot it is building gets a circular-resolution error). Closed in reverse order of
 * creation. Thread-safe. Not a supported API.
 */
public final class CoroutineStore implements ScopeStore {
  private static final Object NULL = new Object();
  private static final Object BUILDING = new Object();
  private static final Object[] EMPTY = {};
  private static final VarHandle ELEMENTS = MethodHandles.arrayElementVarHandle(Object[].class);

  private final Object owner;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * Keys and values alternating; grown by copy under the lock, a value set in place with release.
   */
  private volatile Object[] slots = EMPTY;

  private Object[] created = EMPTY;
  private int count;
  private volatile boolean closed;

  /** The store of coroutine {@code owner} (as printed in errors). */
  public CoroutineStore(Object owner) {
    this.owner = owner;
  }

  @Override
  public Object builtOr(Object slotKey, Object absent) {
    Object[] table = slots;
    for (int i = 0; i < table.length; i += 2) {
      Object key = table[i];
      if (key == slotKey || key.equals(slotKey)) {
        Object value = ELEMENTS.getAcquire(table, i + 1);
        return value == BUILDING ? absent : unmask(value);
      }
    }
    return absent;
  }

  @Override
  public Object get(Object slotKey, Object displayKey, String declaredAt, Supplier<?> builder) {
    Object value = builtOr(slotKey, BUILDING);
    if (value != BUILDING) {
      return value;
    }
    if (closed) {
      throw Failures.closed(owner(), displayKey);
    }
    lock.lock();
    try {
      return build(slotKey, displayKey, declaredAt, builder);
    } finally {
      lock.unlock();
    }
  }

  private Object build(Object slotKey, Object displayKey, String declaredAt, Supplier<?> builder) {
    int at = indexOf(slots, slotKey);
    if (at >= 0) {
      Object value = slots[at + 1];
      if (value == BUILDING) {
        throw CoreErrors.circular(displayKey, declaredAt);
      }
      return unmask(value);
    }
    Object[] table = Arrays.copyOf(slots, slots.length + 2);
    at = table.length - 2;
    table[at] = slotKey;
    table[at + 1] = BUILDING;
    slots = table;
    Object built;
    try {
      built = builder.get();
      record(built, displayKey);
    } catch (RuntimeException | Error e) {
      forget(slotKey);
      throw e;
    }
    ELEMENTS.setRelease(table, at + 1, built == null ? NULL : built);
    return built;
  }

  /** Drops a slot whose build failed, so that a later get builds it again. */
  private void forget(Object slotKey) {
    Object[] table = slots;
    int at = indexOf(table, slotKey);
    if (at >= 0) {
      Object[] next = new Object[table.length - 2];
      System.arraycopy(table, 0, next, 0, at);
      System.arraycopy(table, at + 2, next, at, table.length - at - 2);
      slots = next;
    }
  }

  private static int indexOf(Object[] table, Object slotKey) {
    for (int i = 0; i < table.length; i += 2) {
      if (table[i] == slotKey || table[i].equals(slotKey)) {
        return i;
      }
    }
    return -1;
  }

  private void record(Object instance, Object displayKey) {
    lock.lock();
    try {
      if (closed) {
        InstanceStore.close(instance, null);
        throw Failures.closed(owner(), displayKey);
      }
      if (count == created.length) {
        created = Arrays.copyOf(created, Math.max(2, count * 2));
      }
      created[count++] = instance;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void defer(AutoCloseable closeable, Object displayKey) {
    record(closeable, displayKey);
  }

  @Override
  public boolean isBuilt(Object slotKey) {
    return builtOr(slotKey, BUILDING) != BUILDING;
  }

  @Override
  public int size() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes every {@link AutoCloseable} instance once, newest first; later {@code get}s fail.
   *
   * @throws DiException {@link ErrorId#CLOSE_FAILED} after closing all, if any close threw
   */
  public void close() {
    Object[] toClose;
    int closing;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      toClose = created;
      closing = count;
      created = EMPTY;
      count = 0;
      slots = EMPTY;
    } finally {
      lock.unlock();
    }
    List<Throwable> failures = null;
    for (int i = closing - 1; i >= 0; i--) {
      failures = InstanceStore.close(toClose[i], failures);
    }
    if (failures != null) {
      throw InstanceStore.closeFailed(owner(), failures);
    }
  }

  private String owner() {
    return "coroutine " + owner;
  }

  private static Object unmask(Object value) {
    return value == NULL ? null : value;
  }

  @Override
  public String toString() {
    return InstanceStore.describe(owner(), size(), closed);
  }
}
