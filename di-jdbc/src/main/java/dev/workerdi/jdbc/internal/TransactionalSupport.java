package dev.workerdi.jdbc.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.matcher.Matcher;
import com.google.inject.matcher.Matchers;
import dev.workerdi.jdbc.Transactional;
import dev.workerdi.lifecycle.ValidationCheck;
import java.lang.reflect.Method;

/**
 * Installs {@link Transactional}'s interceptor and its checks (at injector creation, and the one
 * static validation runs) once per injector, however many {@code JdbcModule}s install it (modules
 * that are equal are installed once by Guice). Immutable and thread-safe. Not a supported API.
 */
public final class TransactionalSupport extends AbstractModule {

  @Override
  protected void configure() {
    bindInterceptor(
        Matchers.any(), new Annotated(), new TransactionInterceptor(getProvider(Injector.class)));
    TransactionalCheck check = new TransactionalCheck();
    bindListener(Matchers.any(), check);
    requestInjection(check);
    ValidationCheck.contribute(binder(), new TransactionalValidation());
  }

  /** Methods with the annotation; not the bridge methods the compiler adds for generics. */
  private static final class Annotated implements Matcher<Method> {
    @Override
    public boolean matches(Method method) {
      return !method.isSynthetic() && method.isAnnotationPresent(Transactional.class);
    }

    @Override
    public String toString() {
      return "annotatedWith(@Transactional)";
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TransactionalSupport;
  }

  @Override
  public int hashCode() {
    return TransactionalSupport.class.hashCode();
  }
}
