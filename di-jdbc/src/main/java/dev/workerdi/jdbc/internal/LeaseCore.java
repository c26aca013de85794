package dev.workerdi.jdbc.internal;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.spi.Confinement;
import dev.workerdi.jdbc.Lease;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link Lease}: the pooled connection, its owner thread, and the return path
 * (clean, then give back to HikariCP, or evict when cleaning failed). When its coroutine is
 * cancelled ({@link CoroutineContext#cancel}), a statement it has running is cancelled on the
 * server before the interrupt, so the connection stays sound. Thread-safe: the return happens once,
 * whichever thread (owner or reclaimer) gets there first, and never while a cancel is under way.
 * Not a supported API.
 */
final class LeaseCore implements Lease {
  private static final Logger LOG = LoggerFactory.getLogger(Lease.class);

  private final HikariWorkerPool pool;
  private final Connection pooled;
  private final Thread owner;
  private final long number;
  private final CoroutineContext coroutine;
  private final Throwable borrowedAt;
  private final Connection handle;
  private final AtomicBoolean released = new AtomicBoolean();
  private final SessionStateInterceptor session;
  private final long serverThread;
  private final ReentrantLock cancelling = new ReentrantLock();
  private volatile boolean retire;

  LeaseCore(
      HikariWorkerPool pool,
      Connection pooled,
      SessionStateInterceptor session,
      long serverThread,
      CoroutineContext coroutine,
      long number,
      boolean captureStack) {
    this.pool = pool;
    this.pooled = pooled;
    this.session = session;
    this.serverThread = serverThread;
    this.owner = Thread.currentThread();
    this.number = number;
    this.coroutine = coroutine;
    this.borrowedAt = captureStack ? new Throwable("borrowed here") : null;
    this.handle = LeaseConnection.create(this);
    if (coroutine != null && session != null) {
      coroutine.onCancel(this::cancelStatement);
    }
  }

  /**
   * The coroutine is being cancelled: stops the lease's running statement on the server, then lets
   * {@code interrupt} through; the connection cannot be returned (and cleaned) in between, so the
   * interrupt never lands in the middle of the return's own statements.
   */
  private void cancelStatement(Runnable interrupt) {
    if (released.get()) {
      interrupt.run();
      return;
    }
    pool.canceller().cancel(session, serverThread, cancelling, released::get, interrupt);
  }

  /**
   * The driver's own connection was handed out: the connection is evicted on return, not reused.
   */
  void retire() {
    retire = true;
  }

  @Override
  public Connection connection() {
    checkUsable();
    return handle;
  }

  /** The pooled connection, for the proxy, after the owner and release checks. */
  Connection checkedConnection() {
    checkUsable();
    return pooled;
  }

  private void checkUsable() {
    if (released.get()) {
      throw JdbcErrors.released(name());
    }
    Confinement.check(owner, this, coroutine, null);
  }

  @Override
  public boolean isReleased() {
    return released.get();
  }

  @Override
  public void close() {
    if (released.get()) {
      return;
    }
    Confinement.check(owner, this, coroutine, "close");
    giveBack();
  }

  /** Called when the coroutine ends: returns a lease its owner forgot, and reports it once. */
  void reclaim() {
    if (released.get()) {
      return;
    }
    pool.counters().reclaimed.increment();
    LOG.warn(JdbcErrors.leaked(name(), pool.state()).getMessage(), borrowedAt);
    giveBack();
  }

  private void giveBack() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    pool.forget(owner, this);
    // A cancelled coroutine returns its lease with its interrupt flag set; cleaning must not be
    // cut short by it (an interrupted virtual thread's socket I/O fails), so it is set aside
    // meanwhile.
    cancelling
        .lock(); // a cancel under way ends (interrupt delivered) before the connection is cleaned
    boolean interrupted = Thread.interrupted();
    try {
      pool.giveBack(pooled, interrupted, serverThread, retire);
    } finally {
      cancelling.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@code db-worker-0#12 of coroutine 'worker-0#3'}, built only for messages. */
  private String name() {
    return pool.name() + "#" + number + (coroutine == null ? "" : " of coroutine " + coroutine);
  }

  @Override
  public String toString() {
    return "Lease[" + name() + (released.get() ? ", returned" : "") + "]";
  }

  /** Adapts {@link #reclaim()} to {@link CoroutineContext#defer(AutoCloseable)}. */
  AutoCloseable reclaimer() {
    return this::reclaim;
  }
}
