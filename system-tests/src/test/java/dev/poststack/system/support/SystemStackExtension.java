package dev.poststack.system.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poststack.agent.mailhost.MailHost;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link SystemStack} for the whole run, kept in the root store (closed by JUnit when the run
 * ends) and handed to test classes as a constructor parameter. Without Dovecot and Postfix, or
 * without root, every class is skipped with the reason.
 */
public final class SystemStackExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SystemStackExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    Optional<String> why = MailHost.unavailableReason();
    assumeTrue(why.isEmpty(), () -> "no mail host here: " + why.orElse(""));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SystemStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NS).computeIfAbsent(SystemStack.class, k -> SystemStack.start(), SystemStack.class);
  }
}
