package dev.workerdi.jdbc.internal;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.workerdi.core.CoroutineContext;
import dev.workerdi.core.DiException;
import dev.workerdi.core.WorkerContext;
import dev.workerdi.core.spi.Failures;
import dev.workerdi.jdbc.JdbcSettings;
import dev.workerdi.jdbc.Lease;
import dev.workerdi.jdbc.LeaseStats;
import dev.workerdi.jdbc.PoolState;
import dev.workerdi.jdbc.WorkerPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The implementation of {@link WorkerPool} and, for the library's own bindings, {@link
 * LeaseSource}: one {@link HikariDataSource} per worker, opened on first use, and the borrow and
 * return paths of leases. Thread-safe. Not a supported API.
 */
public final class HikariWorkerPool implements WorkerPool, LeaseSource {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final JdbcSettings settings;
  private final String workerName;
  private final int workerId;
  private final String name;
  private final LeaseCounters stats = new LeaseCounters();
  private volatile SessionCleaner cleaner;
  private final AtomicLong leaseNumbers = new AtomicLong();

  /**
   * The lease each thread holds from this pool now: a second borrow by the same thread fails at
   * once.
   */
  private final LeaseHolders holders = new LeaseHolders();

  private final ReentrantLock opening = new ReentrantLock();
  private volatile HikariDataSource dataSource;
  private volatile boolean closed;
  private final Set<Thread> replenishers = ConcurrentHashMap.newKeySet();
  private final Semaphore fanOutPermits;

  /**
   * The cause of HikariCP's last timeout (its last failure to open a connection), until a borrow
   * gets a connection again: borrowers timed out at the gate show it too.
   */
  private volatile Throwable connectFailure;

  /** One permit per connection, held from before the borrow until {@link #giveBack}. */
  private final PoolGate gate;

  private final Object meterRegistry;
  private final StatementCanceller canceller;
  private final ControlConnections control;

  /** The borrow-time quorum check, or null when the URL names one host (no cost at all). */
  private final QuorumCheck quorum;

  /**
   * A pool for {@code worker}; {@code meterRegistry} is a Micrometer {@code MeterRegistry}, or
   * null.
   */
  public HikariWorkerPool(
      JdbcSettings settings,
      WorkerContext worker,
      Object meterRegistry,
      ControlConnections control) {
    this.settings = settings;
    this.meterRegistry = meterRegistry;
    this.workerName = worker.name();
    this.workerId = worker.id();
    this.name = settings.poolName() + "-" + worker.name();
    this.fanOutPermits = new Semaphore(settings.maximumPoolSize(), true);
    this.gate = new PoolGate(settings.maximumPoolSize());
    this.canceller = new StatementCanceller(name, control, gate);
    this.control = control;
    this.quorum = QuorumCheck.forPool(name, settings.jdbcUrl());
  }

  StatementCanceller canceller() {
    return canceller;
  }

  @Override
  public String name() {
    return name;
  }

  /** Borrows by hand: released by {@code close()}, else reclaimed (see {@link LeaseCore}). */
  @Override
  public Lease lease() {
    LeaseCore lease = borrow(true);
    CoroutineContext.current().ifPresent(coroutine -> coroutine.defer(lease.reclaimer()));
    return lease;
  }

  @Override
  public WorkerPool pool() {
    return this;
  }

  /**
   * Borrows for the coroutine scope, which closes it when the coroutine ends ({@link LeaseCore}).
   */
  @Override
  public Lease scopedLease() {
    return borrow(false);
  }

  private LeaseCore borrow(boolean manual) {
    LeaseCore held = holders.current();
    if (held != null && !held.isReleased()) {
      throw JdbcErrors.secondLease(name, held.toString());
    }
    PooledLink link = link();
    CoroutineContext coroutine = CoroutineContext.current().orElse(null);
    LeaseCore lease =
        new LeaseCore(
            this, link, coroutine, leaseNumbers.incrementAndGet(), manual && settings.leakStacks());
    holders.hold(lease);
    return lease;
  }

  /**
   * One pooled connection for a lease (a borrow, or {@link LeaseCore#renew}): past the {@link
   * PoolGate}, from HikariCP within what is left of the connection timeout, checked for quorum on a
   * cluster URL, armed for clean-on-return; counted as borrowed. The gate's permit goes with the
   * connection, back in {@link #giveBack}, or here when the borrow fails.
   */
  PooledLink link() {
    HikariDataSource source = open();
    long started = System.nanoTime();
    long deadline = started + TimeUnit.MILLISECONDS.toNanos(source.getConnectionTimeout());
    enter(source, started, deadline);
    try {
      Connection pooled = connect(source, started, deadline);
      if (quorum != null) {
        pooled = verified(source, pooled, started, deadline);
      }
      stats.recordAcquire(System.nanoTime() - started);
      try {
        SessionStateInterceptor session = cleaner.onBorrow(pooled);
        long serverThread = session == null ? -1 : pooled.unwrap(JdbcConnection.class).getId();
        return new PooledLink(pooled, session, serverThread);
      } catch (SQLException e) {
        discard(pooled);
        throw JdbcErrors.unreachable(name, settings.jdbcUrl(), e);
      }
    } catch (RuntimeException | Error e) {
      gate.leave();
      throw e;
    }
  }

  /**
   * Passes the gate before {@code deadline}: a timeout or an interrupt there fails the borrow as
   * HikariCP's own would ({@code DI-301}, counted as a timeout, or {@code DI-310}).
   */
  private void enter(HikariDataSource source, long started, long deadline) {
    try {
      if (gate.enter(deadline - started)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JdbcErrors.acquireInterrupted(
          name,
          state(),
          new SQLException(
              source.getPoolName() + " - Interrupted during connection acquisition", e));
    }
    stats.timeouts.increment();
    PoolState state = state();
    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    throw JdbcErrors.acquireTimeout(
        name,
        state,
        waited,
        new SQLTransientConnectionException(
            source.getPoolName()
                + " - Connection is not available, request timed out after "
                + waited.toMillis()
                + "ms ("
                + state
                + ")",
            null,
            connectFailure));
  }

  private Connection connect(HikariDataSource source, long started, long deadline) {
    try {
      long left = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      Connection pooled =
          !source.isClosed() && source.getHikariPoolMXBean() instanceof HikariPool hikari
              ? hikari.getConnection(left)
              : source.getConnection();
      if (connectFailure != null) {
        connectFailure = null;
      }
      return pooled;
    } catch (SQLTransientConnectionException e) {
      // HikariCP's last failure to connect, if any: the cause the gate's own timeouts carry too
      connectFailure = e.getCause();
      stats.timeouts.increment();
      throw JdbcErrors.acquireTimeout(
          name, state(), Duration.ofNanos(System.nanoTime() - started), e);
    } catch (SQLException e) {
      if (closed) {
        throw Failures.closed("pool " + name, name);
      }
      if (e.getCause() instanceof InterruptedException) {
        throw JdbcErrors.acquireInterrupted(name, state(), e);
      }
      throw JdbcErrors.unreachable(name, settings.jdbcUrl(), e);
    }
  }

  /**
   * A cluster URL's borrow: marks the connection as leased (its link failures become {@code
   * NODE_LOST}) and runs the {@link QuorumCheck}. A node outside quorum fails the borrow with
   * {@code DI-340} and the connection goes back to the pool (it works again when quorum returns); a
   * connection that breaks during the check is evicted and the borrow tries once more.
   */
  private Connection verified(
      HikariDataSource source, Connection pooled, long started, long deadline) {
    for (int attempt = 1; ; attempt++) {
      try {
        JdbcConnection physical = pooled.unwrap(JdbcConnection.class);
        ClusterErrorInterceptor.leased(physical);
        quorum.verify(pooled, physical);
        return pooled;
      } catch (DiException e) {
        try {
          pooled.close();
        } catch (SQLException closing) {
          e.addSuppressed(closing);
        }
        throw e;
      } catch (SQLException e) {
        discard(pooled, true);
        if (attempt == 2) {
          throw JdbcErrors.unreachable(name, settings.jdbcUrl(), e);
        }
        pooled = connect(source, started, deadline);
      }
    }
  }

  /** Forgets {@code lease} as its owner's current one, once it is returned. */
  void forget(Thread owner, LeaseCore lease) {
    holders.forget(owner, lease);
  }

  /**
   * Carries out what {@link SessionCleaner#verdict} decides for a returned connection (the one
   * owner of that decision): gives it back to HikariCP, or evicts it, killing its server thread
   * first and replacing the pool's idle connections when the verdict says so.
   */
  void giveBack(PooledLink link, boolean cancelled, boolean retire) {
    try {
      stats.returned.increment();
      Connection pooled = link.pooled();
      ReturnVerdict verdict = cleaner.verdict(pooled, cancelled, link.serverThread() > 0, retire);
      try {
        carryOut(verdict, link);
      } catch (SQLException | RuntimeException e) {
        discard(pooled, cleaner.failed(e, cancelled).wholePool());
      }
    } finally {
      gate.leave(); // after the connection is back in HikariCP (or evicted), for the next in line
    }
  }

  private void carryOut(ReturnVerdict verdict, PooledLink link) throws SQLException {
    Connection pooled = link.pooled();
    if (verdict.killFirst()) {
      canceller.killConnection(link);
    }
    if (verdict.evicts()) {
      discard(pooled, verdict.wholePool());
      return;
    }
    switch (verdict.outcome()) {
      case ROLLED_BACK -> stats.rollbacks.increment();
      case RESET -> stats.resets.increment();
      default -> {}
    }
    pooled.close();
  }

  private void discard(Connection pooled, boolean wholePool) {
    discard(pooled);
    HikariDataSource source = dataSource;
    HikariPoolMXBean bean = source == null ? null : source.getHikariPoolMXBean();
    if (bean != null && wholePool) {
      bean.softEvictConnections();
    }
    // Any eviction, not only a whole pool's: coroutines already waiting are not new borrowers, so
    // without a nudge HikariCP would not replace even one evicted connection for them.
    if (bean != null && !closed && bean.getThreadsAwaitingConnection() > 0) {
      replenish(source);
    }
  }

  /**
   * HikariCP adds a connection only when a new borrower arrives, so after an eviction (of one
   * connection or of the whole pool) the coroutines already waiting could wait out their whole
   * timeout, or the pool stay smaller for them (when minimumIdle is below the maximum): one short
   * borrow on their behalf makes the pool open a replacement, which goes to a waiter.
   */
  private void replenish(HikariDataSource source) {
    Thread nudger =
        Thread.ofVirtual()
            .name(name + "-replenish")
            .unstarted(
                () -> {
                  try (Connection nudge = source.getConnection()) {
                    nudge.isClosed();
                  } catch (SQLException | RuntimeException e) {
                    LOG.debug("Pool {}: replenishing after an eviction failed", name, e);
                  } finally {
                    replenishers.remove(Thread.currentThread());
                  }
                });
    replenishers.add(nudger);
    nudger.start();
  }

  private void discard(Connection pooled) {
    stats.evicted.increment();
    HikariDataSource source = dataSource;
    if (source != null) {
      source.evictConnection(pooled);
    }
  }

  private HikariDataSource open() {
    HikariDataSource source = dataSource;
    if (closed) {
      throw Failures.closed("pool " + name, name);
    }
    if (source != null) {
      return source;
    }
    opening.lock();
    try {
      if (closed) {
        throw Failures.closed("pool " + name, name);
      }
      if (dataSource == null) {
        dataSource = create();
      }
      return dataSource;
    } finally {
      opening.unlock();
    }
  }

  private HikariDataSource create() {
    HikariConfig config = settings.hikariConfig(workerName);
    ClusterDefaults.apply(config, settings, workerId);
    SessionTracking.configure(config, settings.resetPolicy());
    cleaner = new SessionCleaner(settings.resetPolicy(), config);
    if (meterRegistry != null) {
      LeaseMetrics.trackPool(config, meterRegistry);
      LeaseMetrics.trackLeases(name, stats, meterRegistry);
    }
    try {
      HikariDataSource source = new HikariDataSource(config);
      canceller.attach(source);
      control.poolOpened();
      return source;
    } catch (HikariPool.PoolInitializationException e) {
      throw JdbcErrors.unreachable(
          name, settings.jdbcUrl(), e.getCause() != null ? e.getCause() : e);
    }
  }

  @Override
  public boolean callerHoldsOneOfMany() {
    LeaseCore held = holders.current();
    return held != null && !held.isReleased() && settings.maximumPoolSize() > 1;
  }

  @Override
  public Semaphore fanOutPermits() {
    return fanOutPermits;
  }

  @Override
  public void warmUp() {
    try (Lease lease = borrow(false)) {
      lease.connection();
    }
  }

  @Override
  public PoolState state() {
    HikariDataSource source = dataSource;
    HikariPoolMXBean bean = source == null ? null : source.getHikariPoolMXBean();
    if (bean == null) {
      return new PoolState(0, 0, 0, 0);
    }
    return new PoolState(
        bean.getTotalConnections(),
        bean.getActiveConnections(),
        bean.getIdleConnections(),
        bean.getThreadsAwaitingConnection() + gate.waiting());
  }

  @Override
  public LeaseStats stats() {
    return stats;
  }

  /** The counters behind {@link #stats()}, for the lease classes that record into them. */
  LeaseCounters counters() {
    return stats;
  }

  @Override
  public void close() {
    opening.lock();
    try {
      closed = true;
      replenishers.forEach(Thread::interrupt);
      if (dataSource != null) {
        dataSource.close();
        control.poolClosed();
      }
    } finally {
      opening.unlock();
    }
  }

  @Override
  public String toString() {
    return "WorkerPool[" + name + ", " + state() + "]";
  }
}
