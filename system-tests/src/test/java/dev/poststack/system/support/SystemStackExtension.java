package dev.poststack.system.support;

import dev.poststack.agent.mailhost.MailHost;
import dev.poststack.testing.MailDaemonsRequired;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link SystemStack} for the whole run, kept in the root store (closed by JUnit when the run
 * ends) and handed to test classes as a constructor parameter. Without Dovecot and Postfix, or
 * without root, every class is skipped with the reason (under CI=true: fails, see {@link
 * MailDaemonsRequired}).
 */
public final class SystemStackExtension
    implements ExecutionCondition, ParameterResolver, BeforeAllCallback {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(SystemStackExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> why = MailHost.unavailableReason();
    why.ifPresent(MailDaemonsRequired::failUnderCi);
    return why.isEmpty()
        ? ConditionEvaluationResult.enabled("Dovecot, Postfix and root are here")
        : ConditionEvaluationResult.disabled("no mail host here: " + why.get());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (context.getRequiredTestClass().isAnnotationPresent(ReleasesSharedStack.class)) {
      Started shared = context.getRoot().getStore(NS).remove(Started.class, Started.class);
      if (shared != null) {
        shared.close();
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SystemStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Started started =
        context
            .getRoot()
            .getStore(NS)
            .computeIfAbsent(Started.class, k -> Started.attempt(), Started.class);
    if (started.failure() != null) {
      throw new IllegalStateException(
          "the system stack did not start (see the first class's failure)", started.failure());
    }
    return started.stack();
  }

  /** The one start attempt of this run: a failed start is not retried for every class. */
  private record Started(SystemStack stack, RuntimeException failure) implements AutoCloseable {
    static Started attempt() {
      try {
        return new Started(SystemStack.start(), null);
      } catch (RuntimeException e) {
        return new Started(null, e);
      }
    }

    @Override
    public void close() {
      if (stack != null) {
        stack.close();
      }
    }
  }
}
