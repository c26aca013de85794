package dev.workerdi.lifecycle;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs once when the framework initialises, before any worker: register configuration and recipes
 * here (EasySwoole's {@code frameInitialize}). Worker-bound bindings cannot be resolved.
 *
 * <p>Put it on a method of a Guice module given to {@link WorkerHost}; the method's parameters are
 * injected (by type and binding annotation). Within the phase, hooks run in module order, then in
 * declaration order. A hook that throws aborts the start (or is reported at stop) naming the phase,
 * the module and the method. Phase: {@link dev.workerdi.core.Phase#FRAME_INITIALIZE}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FrameInitialize {}
