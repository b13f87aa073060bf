package dev.waxseal.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the server and PostgreSQL that a test can break as a network does: {@link
 * #stall()} stops forwarding bytes in both directions (connections stay open, nothing arrives, as
 * when a link or a firewall silently drops packets) until {@link #resume()}; {@link #switchTo(int)}
 * sends new connections to another upstream and {@link #cutAll()} resets the old ones, as a DNS
 * name or a virtual IP moving to a promoted standby does.
 */
public final class FaultProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private volatile int upstreamPort;
  private volatile boolean stalled;
  private volatile boolean open = true;

  /** Starts a proxy on a free loopback port forwarding to {@code upstreamPort} on 127.0.0.1. */
  public FaultProxy(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptForever, "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Stops forwarding: bytes sent either way are held, new connections get no answer. */
  public void stall() {
    stalled = true;
  }

  /** Forwards again, held bytes first. */
  public void resume() {
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  /** New connections go to {@code port} from now on. */
  public void switchTo(int port) {
    this.upstreamPort = port;
  }

  /** Resets every open connection (both sides see them closed). */
  public void cutAll() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }

  @Override
  public void close() {
    open = false;
    resume();
    closeQuietly(listener);
    cutAll();
  }

  private void acceptForever() {
    while (open) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        Thread t = new Thread(() -> connect(client), "fault-proxy-connect");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (open) {
          continue;
        }
        return;
      }
    }
  }

  private void connect(Socket client) {
    try {
      awaitForwarding();
      Socket upstream = new Socket();
      sockets.add(upstream);
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
      pump(client, upstream);
      pump(upstream, client);
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  awaitForwarding();
                  out.write(buffer, 0, n);
                  out.flush();
                }
                awaitForwarding();
                to.shutdownOutput(); // pass the end of the stream on, as TCP does
              } catch (IOException e) {
                closeQuietly(to);
              } finally {
                closeQuietly(from);
                sockets.remove(from);
              }
            },
            "fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void awaitForwarding() throws IOException {
    synchronized (gate) {
      while (stalled) {
        try {
          gate.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while stalled", e);
        }
      }
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
