package dev.poststack.launcher.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Runs each app as its own Spring application context in this JVM: {@code new
 * SpringApplicationBuilder(mainClass).run(launcherProperties)}, with a class loader that hides the
 * other apps' resources.
 */
public final class SpringAppStarter implements AppStarter {
  private final ClassLoader classpath;

  public SpringAppStarter(ClassLoader classpath) {
    this.classpath = classpath;
  }

  @Override
  public RunningApp start(AppSpec spec) {
    List<String> hidden =
        spec.siblings().stream()
            .map(c -> SiblingHidingClassLoader.rootOf(classpath, c))
            .flatMap(Optional::stream)
            .toList();
    ClassLoader appLoader = new SiblingHidingClassLoader(classpath, hidden);
    Class<?> main;
    try {
      main = Class.forName(spec.mainClass(), false, appLoader);
    } catch (ClassNotFoundException e) {
      throw new AppMissingException(spec.mainClass());
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(appLoader);
    try {
      ConfigurableApplicationContext context =
          new SpringApplicationBuilder(main)
              .resourceLoader(new DefaultResourceLoader(appLoader))
              .run(asArguments(spec));
      return new SpringApp(spec.name(), context);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * The launcher's properties as {@code --key=value} arguments: those outrank the app's own
   * application.properties, where {@code builder.properties(map)} would only set defaults that any
   * {@code spring.r2dbc.url} in the app's files silently overrides.
   */
  static String[] asArguments(AppSpec spec) {
    return spec.properties().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }

  private record SpringApp(String name, ConfigurableApplicationContext context)
      implements RunningApp {

    @Override
    public Optional<String> property(String key) {
      return Optional.ofNullable(context.getEnvironment().getProperty(key));
    }

    @Override
    public <T> Optional<T> bean(Class<T> type) {
      return Optional.ofNullable(context.getBeanProvider(type).getIfAvailable());
    }

    @Override
    public void close() {
      context.close();
    }
  }
}
