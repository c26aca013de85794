package dev.workerdi.samples.server;

import dev.workerdi.lifecycle.WorkerHost;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty handler that runs every request as a coroutine of a worker: {@link #handle} only
 * submits the request to {@link WorkerHost#submit} (round robin over the workers) and returns; the
 * coroutine reads the body, calls {@link Routes}, writes the reply and completes Jetty's callback.
 * The request's lease is returned when its coroutine ends. A request that arrives while the host is
 * stopping gets 503. Built by Guice; thread-safe.
 */
@Singleton
final class CoroutineHandler extends Handler.Abstract.NonBlocking {
  private final WorkerHost host;
  private final Routes routes;

  @Inject
  CoroutineHandler(WorkerHost host, Routes routes) {
    this.host = host;
    this.routes = routes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    AtomicBoolean claimed =
        new AtomicBoolean(); // the coroutine or the rejection, whichever comes first, answers
    try {
      host.submit(() -> serve(request, response, callback, claimed))
          .whenComplete(
              (done, failure) -> {
                if (failure != null
                    && claimed.compareAndSet(false, true)) { // cancelled before it ran
                  Response.writeError(request, response, callback, 503, "the server is stopping");
                }
              });
    } catch (RuntimeException notRunning) {
      if (claimed.compareAndSet(false, true)) {
        Response.writeError(request, response, callback, 503, "the server is stopping");
      }
    }
    return true;
  }

  private Void serve(Request request, Response response, Callback callback, AtomicBoolean claimed) {
    if (!claimed.compareAndSet(false, true)) {
      return null;
    }
    try {
      String body = Content.Source.asString(request, StandardCharsets.UTF_8);
      Routes.Reply reply =
          routes.handle(request.getMethod(), Request.getPathInContext(request), body);
      response.setStatus(reply.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      response.getHeaders().put("X-Worker", Routes.worker());
      Content.Sink.write(response, true, reply.body() + "\n", callback);
    } catch (Exception e) {
      Response.writeError(request, response, callback, 500, e.getMessage(), e);
    }
    return null;
  }
}
