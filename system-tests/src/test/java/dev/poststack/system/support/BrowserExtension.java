package dev.poststack.system.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A fresh {@link Browser} for each {@code Browser} parameter of a test method (two parameters, two
 * people), closed when the method ends; a failed method first leaves {@code
 * target/screenshots/failed-<Class>-<method>[-n].png} of each. Without Chromium and chromedriver
 * every class is skipped with the reason (under CI=true: fails, see {@link Browser#failUnderCi}).
 */
public final class BrowserExtension
    implements ExecutionCondition, ParameterResolver, AfterTestExecutionCallback {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(BrowserExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> why = Browser.unavailableReason();
    why.ifPresent(Browser::failUnderCi);
    return why.isEmpty()
        ? ConditionEvaluationResult.enabled("Chromium and chromedriver are here")
        : ConditionEvaluationResult.disabled("no browser here: " + why.get());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Browser.class
        && context.getTestMethod().isPresent();
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Browser browser = Browser.start();
    browsers(context).list.add(browser);
    return browser;
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isEmpty()) {
      return;
    }
    List<Browser> list = browsers(context).list;
    for (int i = 0; i < list.size(); i++) {
      try {
        list.get(i)
            .screenshot(
                "failed-"
                    + context.getRequiredTestClass().getSimpleName()
                    + "-"
                    + context.getRequiredTestMethod().getName()
                    + (i == 0 ? "" : "-" + (i + 1)));
      } catch (RuntimeException e) {
        // a browser that died cannot take its picture; the failure itself is what matters
      }
    }
  }

  /** The method's browsers, in its own store: JUnit closes them when the method is done. */
  private static Browsers browsers(ExtensionContext context) {
    return context
        .getStore(NS)
        .computeIfAbsent(Browsers.class, k -> new Browsers(), Browsers.class);
  }

  private static final class Browsers implements AutoCloseable {
    final List<Browser> list = new ArrayList<>();

    @Override
    public void close() {
      for (Browser b : list) {
        try {
          b.close();
        } catch (RuntimeException e) {
          // closing the others matters more than why one would not quit
        }
      }
    }
  }
}
