package dev.workerdi.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.workerdi.jdbc.LeaseStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a worker pool to Micrometer: HikariCP's own tracker for the pool ({@code
 * hikaricp.connections.*}) and this library's lease counters ({@code workerdi.leases.*}, tagged
 * with the pool's name). Loaded only when a registry was given, so Micrometer stays optional.
 * Stateless and thread-safe. Not a supported API.
 */
final class LeaseMetrics {
  private LeaseMetrics() {}

  static void trackPool(HikariConfig config, Object registry) {
    config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory((MeterRegistry) registry));
  }

  static void trackLeases(String pool, LeaseStats stats, Object registry) {
    MeterRegistry meters = (MeterRegistry) registry;
    counter(meters, pool, "workerdi.leases.borrowed", stats, LeaseStats::borrowed);
    counter(meters, pool, "workerdi.leases.returned", stats, LeaseStats::returned);
    counter(meters, pool, "workerdi.leases.reclaimed", stats, LeaseStats::reclaimed);
    counter(meters, pool, "workerdi.leases.rollbacks", stats, LeaseStats::rollbacks);
    counter(meters, pool, "workerdi.leases.resets", stats, LeaseStats::resets);
    counter(meters, pool, "workerdi.leases.evicted", stats, LeaseStats::evicted);
    counter(meters, pool, "workerdi.leases.timeouts", stats, LeaseStats::timeouts);
    gauge(meters, pool, "workerdi.leases.acquire.p50.micros", stats, s -> s.acquireMicros(0.5));
    gauge(meters, pool, "workerdi.leases.acquire.p99.micros", stats, s -> s.acquireMicros(0.99));
  }

  private static void counter(
      MeterRegistry meters,
      String pool,
      String name,
      LeaseStats stats,
      ToDoubleFunction<LeaseStats> value) {
    FunctionCounter.builder(name, stats, value).tag("pool", pool).register(meters);
  }

  private static void gauge(
      MeterRegistry meters,
      String pool,
      String name,
      LeaseStats stats,
      ToDoubleFunction<LeaseStats> value) {
    Gauge.builder(name, stats, value).tag("pool", pool).register(meters);
  }
}
