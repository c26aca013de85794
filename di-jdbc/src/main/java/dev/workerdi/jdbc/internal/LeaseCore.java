package dev.workerdi.jdbc.internal;

import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.spi.Confinement;
import dev.workerdi.jdbc.Lease;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link Lease}: the pooled connection, its owner thread, and the one place a
 * lease is released. A lease ends in one of three ways, and all three come down to {@link
 * #release}, which returns the connection once through the pool ({@link HikariWorkerPool#giveBack}:
 * cleaned and kept, or evicted, as {@link SessionCleaner#verdict} decides):
 *
 * <ol>
 *   <li><b>The coroutine ends</b> (an injected {@code Lease} or {@code Connection}:
 *       coroutine-scoped, borrowed by {@link HikariWorkerPool#scopedLease}): the coroutine's store
 *       closes its instances newest first, which calls {@link #close()} on the coroutine's own
 *       thread.
 *   <li><b>Closed by hand</b> ({@code WorkerPool.lease()}, and each {@code FanOut} task's
 *       coroutine-scoped lease, closed by its try-with-resources before the task's coroutine ends):
 *       {@link #close()}, which only the lease's own coroutine may call; a second close, or the
 *       coroutine's store closing it again, does nothing.
 *   <li><b>Reclaimed</b> (a {@code WorkerPool.lease()} its owner forgot): {@link #reclaim()}, run
 *       when the coroutine ends through {@link CoroutineContext#defer}; counted and reported once
 *       (with the borrower's stack when {@code leakStacks} is on).
 * </ol>
 *
 * <p>A cancel ({@link CoroutineContext#cancel}) is not a fourth way: it cancels the lease's running
 * statement on the server before the interrupt (so the connection stays sound), and the coroutine
 * then ends as in 1 or 3; the release waits for a cancel under way and sets the interrupt aside
 * while the connection is cleaned. Thread-safe: the return happens once, whichever thread (owner or
 * reclaimer) gets there first, and never while a cancel is under way. Not a supported API.
 */
final class LeaseCore implements Lease {
  private static final Logger LOG = LoggerFactory.getLogger(Lease.class);

  private final HikariWorkerPool pool;
  private final Thread owner;
  private final long number;
  private final CoroutineContext coroutine;
  private final Throwable borrowedAt;
  private final Connection handle;
  private static final VarHandle RELEASED;

  static {
    try {
      RELEASED = MethodHandles.lookup().findVarHandle(LeaseCore.class, "released", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile boolean released; // set once, by RELEASED.compareAndSet

  /** The pooled connection; replaced only by {@link #renew}, on the owner's thread. */
  private volatile PooledLink link;

  private final ReentrantLock cancelling = new ReentrantLock();
  private volatile boolean retire;

  LeaseCore(
      HikariWorkerPool pool,
      PooledLink link,
      CoroutineContext coroutine,
      long number,
      boolean captureStack) {
    this.pool = pool;
    this.link = link;
    this.owner = Thread.currentThread();
    this.number = number;
    this.coroutine = coroutine;
    this.borrowedAt = captureStack ? new Throwable("borrowed here") : null;
    this.handle = LeaseConnection.create(this);
    if (coroutine != null && link.session() != null) {
      coroutine.onCancel(this::cancelStatement);
    }
  }

  /**
   * The coroutine is being cancelled: stops the lease's running statement on the server, then lets
   * {@code interrupt} through; the connection cannot be returned (and cleaned) in between, so the
   * interrupt never lands in the middle of the return's own statements.
   */
  private void cancelStatement(Runnable interrupt) {
    if (released) {
      // The lease is being returned, perhaps still cleaning (its statements on the wire): the
      // interrupt waits until the return is over, else it would close the socket mid-clean and
      // the connection be evicted.
      cancelling.lock();
      try {
        interrupt.run();
      } finally {
        cancelling.unlock();
      }
      return;
    }
    PooledLink current = link;
    pool.canceller().cancel(current, cancelling, this::isReleased, interrupt);
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
    return link.pooled();
  }

  /**
   * The node behind the lease's connection went away (a transaction's retry, between its attempts):
   * returns the broken connection (the pool evicts it) and borrows a fresh one from the pool, which
   * connects to a surviving node. The lease, its handle and the coroutine's scope slot stay the
   * same, so whatever resolves the coroutine's {@code Connection} or {@code Lease} again gets the
   * fresh connection. If the borrow fails, the lease ends released and the borrow's error is
   * thrown. Only the owner may call it, with no statement of the lease running.
   */
  void renew() {
    checkUsable();
    PooledLink broken = link;
    cancelling.lock(); // no cancel works on the old connection while it is swapped out
    boolean interrupted = Thread.interrupted();
    try {
      pool.giveBack(broken, false, retire);
      retire = false;
      link = pool.link();
    } catch (RuntimeException e) {
      if (RELEASED.compareAndSet(this, false, true)) {
        pool.forget(owner, this);
      }
      throw e;
    } finally {
      cancelling.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void checkUsable() {
    if (released) {
      throw JdbcErrors.released(name());
    }
    Confinement.check(owner, this, coroutine, null);
  }

  @Override
  public boolean isReleased() {
    return released;
  }

  /** Ways 1 and 2 (the coroutine ends, or closed by hand): see the class comment. */
  @Override
  public void close() {
    release(false);
  }

  /** Way 3: the coroutine ended with this lease still borrowed by hand. */
  void reclaim() {
    release(true);
  }

  /**
   * The one release path of the three ways: nothing once released; a close must come from the
   * lease's own coroutine, a reclaim is counted and reported; then the connection goes back once.
   */
  private void release(boolean reclaimed) {
    if (released) {
      return;
    }
    if (reclaimed) {
      pool.counters().reclaimed.increment();
      LOG.warn(JdbcErrors.leaked(name(), pool.state()).getMessage(), borrowedAt);
    } else {
      Confinement.check(owner, this, coroutine, "close");
    }
    giveBack();
  }

  private void giveBack() {
    if (!RELEASED.compareAndSet(this, false, true)) {
      return;
    }
    pool.forget(owner, this);
    // A cancelled coroutine returns its lease with its interrupt flag set; cleaning must not be
    // cut short by it (an interrupted virtual thread's socket I/O fails), so it is set aside
    // meanwhile.
    cancelling
        .lock(); // a cancel under way ends (interrupt delivered) before the connection is cleaned
    boolean interrupted = Thread.interrupted();
    PooledLink current = link;
    try {
      pool.giveBack(current, interrupted, retire);
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
    return "Lease[" + name() + (released ? ", returned" : "") + "]";
  }

  /** Adapts {@link #reclaim()} (way 3) to {@link CoroutineContext#defer(AutoCloseable)}. */
  AutoCloseable reclaimer() {
    return this::reclaim;
  }
}
