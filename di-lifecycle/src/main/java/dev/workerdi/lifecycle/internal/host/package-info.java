/**
 * The worker host: {@code DefaultWorkerHost} (the facade behind {@code WorkerHost}), the one
 * pre-start run ({@code PreStartRun}, throwing or collecting), the workers ({@code Workers}, {@code
 * WorkerRuntime}), the hooks ({@code Hook}, {@code Hooks}, {@code PhaseRunner}, {@code
 * SourceOrder}) and their error factory {@code LifecycleErrors}. It does not use the validation
 * package.
 *
 * <p><b>Not a supported API.</b> The classes in this package are the module's implementation: they
 * may change or disappear in any release, and no other module (nor application) may use them; the
 * architecture tests enforce this.
 */
package dev.workerdi.lifecycle.internal.host;
