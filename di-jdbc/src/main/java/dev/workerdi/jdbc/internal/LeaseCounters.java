package dev.workerdi.jdbc.internal;

import dev.workerdi.jdbc.LeaseStats;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link LeaseStats} of one pool: counters of its leases and a coarse histogram of acquisition
 * latency (power-of-two microsecond buckets), cheap enough for the hot path. Thread-safe. Not a
 * supported API.
 */
final class LeaseCounters implements LeaseStats {
  private static final int BUCKETS = 40;

  final LongAdder borrowed = new LongAdder();
  final LongAdder returned = new LongAdder();
  final LongAdder reclaimed = new LongAdder();
  final LongAdder rollbacks = new LongAdder();
  final LongAdder resets = new LongAdder();
  final LongAdder evicted = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  private final AtomicLongArray latency = new AtomicLongArray(BUCKETS);

  void recordAcquire(long nanos) {
    borrowed.increment();
    long micros = Math.max(1, nanos / 1_000);
    int bucket = Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
    latency.incrementAndGet(bucket);
  }

  @Override
  public long acquireMicros(double fraction) {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += latency.get(i);
    }
    if (total == 0) {
      return 0;
    }
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += latency.get(i);
      if (seen >= Math.ceil(fraction * total)) {
        return 1L << (i + 1);
      }
    }
    return 1L << BUCKETS;
  }

  @Override
  public long borrowed() {
    return borrowed.sum();
  }

  @Override
  public long returned() {
    return returned.sum();
  }

  @Override
  public long reclaimed() {
    return reclaimed.sum();
  }

  @Override
  public long rollbacks() {
    return rollbacks.sum();
  }

  @Override
  public long resets() {
    return resets.sum();
  }

  @Override
  public long evicted() {
    return evicted.sum();
  }

  @Override
  public long timeouts() {
    return timeouts.sum();
  }
}
