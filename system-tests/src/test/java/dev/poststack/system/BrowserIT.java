package dev.poststack.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.poststack.system.support.Browser;
import dev.poststack.system.support.BrowserExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The browser harness itself, on a two-file site served from loopback: no stack needed, so a broken
 * Chromium install shows here in seconds rather than after a stack start.
 */
@ExtendWith(BrowserExtension.class)
class BrowserIT {
  private static final String PAGE =
      """
      <!doctype html><html><head><title>t</title><link rel="stylesheet" href="/style.css"></head>
      <body><h1 id="greeting">hello</h1><button id="change" onclick="later()">change</button>
      <script>function later() { setTimeout(() => {
        document.getElementById('greeting').textContent = 'changed'; }, 300); }</script>
      </body></html>
      """;
  private static final String CSS = "h1 { color: #246; font-family: sans-serif; }\n".repeat(40);

  private HttpServer server;
  private String base;

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", x -> send(x, "text/html", PAGE));
    server.createContext(
        "/style.css",
        x -> {
          // cacheable, so a second visit takes it from the cache unless the cache was emptied
          x.getResponseHeaders().set("Cache-Control", "max-age=3600");
          send(x, "text/css", CSS);
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aPageLoadsItsTextChangesAfterAClickAndItsScreenshotsArePngs(Browser browser)
      throws IOException {
    browser.open(base + "/");
    assertThat(browser.path()).isEqualTo("/");
    assertThat(browser.visible(By.id("greeting")).getText()).isEqualTo("hello");

    browser.click(By.id("change"));
    assertThat(browser.awaitText(By.id("greeting"), "changed"::equals, "the changed greeting"))
        .isEqualTo("changed");

    assertThat(Files.readAllBytes(browser.screenshot("browser-it")))
        .startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.readAllBytes(browser.fullPageScreenshot("browser-it-full")))
        .startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void timingsReportFirstPaintInteractiveAndTheBytesOfTheDocumentAndItsResources(Browser browser) {
    browser.open(base + "/");

    Browser.PageTimings t = browser.timings();

    assertThat(t.firstPaintMs()).isPositive();
    assertThat(t.domInteractiveMs()).isPositive().isLessThanOrEqualTo(t.firstPaintMs() + 5_000);
    // both bodies came over the network (plus their headers)
    assertThat(t.transferredBytes())
        .isGreaterThan(
            PAGE.getBytes(StandardCharsets.UTF_8).length
                + CSS.getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void aClearedCacheMakesTheNextVisitFetchEveryAssetAgain(Browser browser) {
    int page = PAGE.getBytes(StandardCharsets.UTF_8).length;
    int css = CSS.getBytes(StandardCharsets.UTF_8).length;
    browser.open(base + "/");
    assertThat(browser.timings().transferredBytes()).isGreaterThan(page + css);

    browser.open(base + "/?again");
    assertThat(browser.timings().transferredBytes())
        .as("the stylesheet from the cache")
        .isLessThan(page + css);

    browser.clearCache();
    browser.open(base + "/?cold");
    assertThat(browser.timings().transferredBytes()).isGreaterThan(page + css);
  }

  private static void send(com.sun.net.httpserver.HttpExchange x, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    x.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }
}
