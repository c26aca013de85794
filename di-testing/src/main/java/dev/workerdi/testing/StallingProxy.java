package dev.workerdi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on {@code 127.0.0.1} that a test controls: it forwards both ways to an upstream
 * address until {@link #stall()}, then stops forwarding (and accepting) without closing anything,
 * like a network path that silently drops traffic, until {@link #clear()}. Bytes read before a
 * stall are held and delivered after it. For fault tests of code that talks to a database over TCP.
 * Thread-safe; one virtual thread per direction per connection.
 */
public final class StallingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final String upstreamHost;
  private final int upstreamPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition flowing = lock.newCondition();
  private volatile boolean stalled;
  private volatile boolean closed;

  /**
   * Starts listening on a free port of 127.0.0.1, forwarding to {@code upstreamHost:upstreamPort}.
   */
  public StallingProxy(String upstreamHost, int upstreamPort) throws IOException {
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().name("proxy-accept-" + port()).start(this::acceptLoop);
  }

  /** The port to connect to instead of the upstream's. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Stops forwarding and accepting; open connections stay open. */
  public void stall() {
    stalled = true;
  }

  /** Forwards again, held bytes first. */
  public void clear() {
    lock.lock();
    try {
      stalled = false;
      flowing.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void awaitFlowing() throws InterruptedException {
    lock.lock();
    try {
      while (stalled && !closed) {
        flowing.await();
      }
    } finally {
      lock.unlock();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        awaitFlowing();
        Socket client = listener.accept();
        awaitFlowing();
        Socket server = new Socket();
        server.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5_000);
        sockets.add(client);
        sockets.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException | InterruptedException e) {
        if (!closed) {
          System.err.println("proxy: " + e);
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual()
        .name("proxy-pump")
        .start(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = read(in, buffer)) >= 0; ) {
                  awaitFlowing();
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // one side closed: close both below
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            });
  }

  /** Reads only while flowing: a stalled path leaves the bytes in the kernel's buffers. */
  private int read(InputStream in, byte[] buffer) throws IOException, InterruptedException {
    awaitFlowing();
    return in.read(buffer);
  }

  private void closeQuietly(Socket socket) {
    sockets.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    clear();
    listener.close();
    sockets.forEach(this::closeQuietly);
  }
}
