package dev.poststack.api.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP endpoint on loopback (the JDK's server, an ephemeral port) that records every request
 * as received (raw body bytes, headers) and answers what the test says: a queue of statuses first,
 * then {@code answer} for each request.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One request as it arrived. */
  public record Received(String path, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
  private volatile Function<Received, Integer> answer = r -> 200;
  private volatile long holdMillis;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger maxInFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        exchange -> {
          Received r =
              new Received(
                  exchange.getRequestURI().toString(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  exchange.getRequestBody().readAllBytes());
          received.add(r);
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          try {
            Thread.sleep(holdMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
          }
          Integer scripted = script.poll();
          int status = scripted != null ? scripted : answer.apply(r);
          byte[] reply = ("status " + status).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.start();
  }

  /** The next requests get these statuses, in order; then {@link #answer} applies. */
  public WebhookReceiver thenAnswer(Integer... statuses) {
    script.addAll(List.of(statuses));
    return this;
  }

  public WebhookReceiver answer(Function<Received, Integer> answer) {
    this.answer = answer;
    return this;
  }

  /** Each request is answered only after this long: a slow endpoint. */
  public WebhookReceiver slow(java.time.Duration d) {
    this.holdMillis = d.toMillis();
    return this;
  }

  /** The most requests this receiver was answering at once. */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
