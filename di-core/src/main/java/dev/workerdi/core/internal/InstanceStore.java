package dev.workerdi.core.internal;

import dev.workerdi.core.DiException;
import dev.workerdi.core.ErrorId;
import dev.workerdi.core.spi.Failures;
import dev.workerdi.core.spi.ScopeStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The instances of one worker, one coroutine or one process: at most one per slot key, built once
 * even when many virtual threads ask at the same moment, closed in reverse order of creation.
 *
 * <p>Builders run under a per-slot {@link ReentrantLock} (not {@code synchronized}, so a virtual
 * thread blocked on a slow build does not pin its carrier); a thread that asks for a slot it is
 * building gets a circular-resolution error. Reads of built slots take no lock. Thread-safe. Not a
 * supported API.
 */
public final class InstanceStore implements ScopeStore {
  private static final Object NULL = new Object();

  private final String kind;
  private final Object owner;
  private static final Slot[] NO_SLOTS = {};

  private final ConcurrentHashMap<Object, Slot> slots = new ConcurrentHashMap<>();
  private final ReentrantLock indexLock = new ReentrantLock();
  private volatile Slot[] byIndex = NO_SLOTS; // written under indexLock
  private final ReentrantLock orderLock = new ReentrantLock();
  private final List<Object> created = new ArrayList<>();
  private volatile boolean closed;

  /**
   * A store whose errors call its owner {@code kind + " " + owner} (for example "worker 'w-1'").
   */
  public InstanceStore(String kind, Object owner) {
    this.kind = kind;
    this.owner = owner;
  }

  private String owner() {
    return kind + " " + owner;
  }

  /**
   * The instance in {@code slotKey}, built by {@code builder} if absent.
   *
   * @param displayKey the key as shown in errors
   * @param declaredAt where the binding was declared, for errors
   */
  @Override
  public Object get(Object slotKey, Object displayKey, String declaredAt, Supplier<?> builder) {
    Slot slot = slots.get(slotKey);
    Object value = slot == null ? null : slot.value;
    if (value != null) {
      return unmask(value);
    }
    if (closed) {
      throw Failures.closed(owner(), displayKey);
    }
    return build(slotFor(slotKey), displayKey, declaredAt, builder);
  }

  @Override
  public Object builtOr(Object slotKey, Object absent) {
    Slot slot = indexed(slotKey);
    if (slot == null) {
      slot = slots.get(slotKey);
    }
    Object value = slot == null ? null : slot.value;
    return value == null ? absent : unmask(value);
  }

  /**
   * The slot of an {@link IndexedSlotKey} by its index: an array read instead of a hash lookup.
   * Null when the key has no index, is not indexed here yet, or another container's key holds the
   * index in this store (the hash map then answers).
   */
  private Slot indexed(Object slotKey) {
    if (slotKey instanceof IndexedSlotKey key) {
      Slot[] table = byIndex;
      int at = key.slotIndex();
      if (at < table.length) {
        Slot slot = table[at]; // a Slot's key is final: seeing the slot is seeing its key
        if (slot != null && slot.key == slotKey) {
          return slot;
        }
      }
    }
    return null;
  }

  /** The slot of {@code slotKey}, created if absent, and indexed when its key has an index. */
  private Slot slotFor(Object slotKey) {
    Slot slot = slots.computeIfAbsent(slotKey, Slot::new);
    if (slotKey instanceof IndexedSlotKey key && indexed(slotKey) == null) {
      indexLock.lock();
      try {
        Slot[] table = byIndex;
        int at = key.slotIndex();
        if (at >= table.length) {
          table = Arrays.copyOf(table, Math.max(at + 1, table.length * 2));
        }
        if (table[at] == null) {
          table[at] = slot;
        }
        byIndex = table;
      } finally {
        indexLock.unlock();
      }
    }
    return slot;
  }

  private Object build(Slot slot, Object displayKey, String declaredAt, Supplier<?> builder) {
    slot.lock.lock();
    try {
      if (slot.value != null) {
        return unmask(slot.value);
      }
      if (slot.building) {
        throw CoreErrors.circular(displayKey, declaredAt);
      }
      slot.building = true;
      try {
        Object built = builder.get();
        record(built, displayKey);
        slot.value = built == null ? NULL : built;
        return built;
      } finally {
        slot.building = false;
      }
    } finally {
      slot.lock.unlock();
    }
  }

  private void record(Object built, Object displayKey) {
    orderLock.lock();
    try {
      if (closed) {
        close(built, null);
        throw Failures.closed(owner(), displayKey);
      }
      created.add(built);
    } finally {
      orderLock.unlock();
    }
  }

  /** Closes {@code closeable} with the store, in reverse order with the instances built so far. */
  @Override
  public void defer(AutoCloseable closeable, Object displayKey) {
    record(closeable, displayKey);
  }

  /** Whether the slot holds a built instance. */
  @Override
  public boolean isBuilt(Object slotKey) {
    Slot slot = slots.get(slotKey);
    return slot != null && slot.value != null;
  }

  /** How many instances were built and not yet closed. */
  @Override
  public int size() {
    orderLock.lock();
    try {
      return created.size();
    } finally {
      orderLock.unlock();
    }
  }

  /** Whether {@link #close()} has run. */
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
    List<Object> toClose;
    orderLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(created);
      created.clear();
      byIndex = NO_SLOTS;
      slots.clear();
    } finally {
      orderLock.unlock();
    }
    List<Throwable> failures = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      failures = close(toClose.get(i), failures);
    }
    if (failures != null) {
      throw closeFailed(owner(), failures);
    }
  }

  /** {@link ErrorId#CLOSE_FAILED} for {@code owner}, with every failure suppressed in it. */
  static DiException closeFailed(String owner, List<Throwable> failures) {
    DiException error =
        DiException.builder(
                ErrorId.CLOSE_FAILED,
                failures.size() + " instance(s) of " + owner + " failed to close")
            .field("first", failures.get(0))
            .fix("See the suppressed exceptions; every other instance was closed.")
            .build();
    failures.forEach(error::addSuppressed);
    return error;
  }

  /**
   * Closes {@code instance} if it is {@link AutoCloseable}; what its close throws is added to
   * {@code failures}, which is created on the first failure ({@code null} until then).
   *
   * @return {@code failures}, or the list created for this first failure
   */
  static List<Throwable> close(Object instance, List<Throwable> failures) {
    if (instance instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception | LinkageError e) {
        List<Throwable> all = failures == null ? new ArrayList<>() : failures;
        all.add(e);
        return all;
      }
    }
    return failures;
  }

  private static Object unmask(Object value) {
    return value == NULL ? null : value;
  }

  @Override
  public String toString() {
    return describe(owner(), size(), closed);
  }

  /** {@code InstanceStore[owner, n instance(s)]}, with {@code , closed} once closed. */
  static String describe(String owner, int size, boolean closed) {
    return "InstanceStore["
        + owner
        + ", "
        + size
        + " instance(s)"
        + (closed ? ", closed" : "")
        + "]";
  }

  private static final class Slot {
    final Object key;
    final ReentrantLock lock = new ReentrantLock();
    volatile Object value;
    boolean building;

    Slot(Object key) {
      this.key = key;
    }
  }
}
