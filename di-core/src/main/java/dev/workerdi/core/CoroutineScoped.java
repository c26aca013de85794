package dev.workerdi.core;

import com.google.inject.ScopeAnnotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One instance per coroutine (one task on its own virtual thread), released (closed, if {@link
 * AutoCloseable}) when the coroutine ends, even when it throws or is interrupted. Resolving it
 * outside a coroutine fails with {@link ErrorId#OUT_OF_SCOPE}. Bound by {@link Di#module()}.
 */
@Documented
@ScopeAnnotation
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface CoroutineScoped {}
