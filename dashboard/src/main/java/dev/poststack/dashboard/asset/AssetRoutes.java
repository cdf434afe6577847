package dev.poststack.dashboard.asset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Every file the pages load, served by us (no CDN): our stylesheet and script from this jar, and
 * htmx from its WebJar (its version pinned in the parent pom). htmx's URL names its version, so a
 * browser may keep it for a year; ours are kept for an hour.
 */
@Configuration(proxyBeanMethods = false)
public class AssetRoutes {
  public static final String HTMX_VERSION = htmxVersion();
  public static final String HTMX_PATH = "/dashboard/assets/htmx-" + HTMX_VERSION + ".min.js";

  @Bean
  RouterFunction<ServerResponse> dashboardAssets() {
    ClassPathResource htmx =
        new ClassPathResource(
            "META-INF/resources/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js");
    return RouterFunctions.route()
        .GET(
            HTMX_PATH,
            request ->
                ServerResponse.ok()
                    .contentType(MediaType.valueOf("text/javascript"))
                    .cacheControl(
                        CacheControl.maxAge(java.time.Duration.ofDays(365))
                            .cachePublic()
                            .immutable())
                    .bodyValue(htmx))
        .build()
        .and(
            RouterFunctions.resources(
                "/dashboard/assets/**", new ClassPathResource("dashboard/assets/")));
  }

  private static String htmxVersion() {
    try (InputStream in =
        AssetRoutes.class.getResourceAsStream(
            "/META-INF/maven/org.webjars.npm/htmx.org/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("htmx's WebJar is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
