package dev.workerdi.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives tests a three-node {@link GaleraCluster} on loopback, shared by
 * every test class of the JVM: started on first use, stopped when the test run ends. Resolves
 * parameters of type {@link GaleraCluster}. Where Galera cannot run ({@link
 * GaleraSupport#missing()}) the tests fail with what is missing: a cluster suite that was asked for
 * never passes silently.
 *
 * <p>Tests that stop, kill or pause nodes must leave the cluster whole again ({@link
 * GaleraCluster#awaitAllSynced()}) for the next test. Stateless and thread-safe.
 */
public final class GaleraTestCluster implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(GaleraTestCluster.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == GaleraCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SharedCluster.Lease.class, key -> SharedCluster.Lease.take(), SharedCluster.Lease.class)
        .cluster();
  }
}
