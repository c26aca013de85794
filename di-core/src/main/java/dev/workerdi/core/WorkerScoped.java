package dev.workerdi.core;

import com.google.inject.ScopeAnnotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One instance per worker, built on first use inside that worker and closed (if {@link
 * AutoCloseable}) when the worker stops, newest first. Resolving it where no worker runs fails with
 * {@link ErrorId#EAGER_GET}. Bound by {@link Di#module()}.
 */
@Documented
@ScopeAnnotation
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface WorkerScoped {}
