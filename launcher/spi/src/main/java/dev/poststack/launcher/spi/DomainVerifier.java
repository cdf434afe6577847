package dev.poststack.launcher.spi;

/**
 * Operator action behind {@code poststack admin domain verify --domain-id N}: marks a domain
 * verified without waiting for DNS (support cases, tests). Implemented by module admin; found with
 * {@link java.util.ServiceLoader} (file {@code
 * META-INF/services/dev.poststack.launcher.spi.DomainVerifier}, public no-argument constructor).
 */
public interface DomainVerifier {

  /**
   * Marks the domain verified.
   *
   * @throws java.util.NoSuchElementException when no domain has this id; its message is shown to
   *     the operator as is
   */
  VerifiedDomain verifyDomain(StackEndpoints stack, long domainId) throws Exception;

  /** The domain after verification. */
  record VerifiedDomain(long id, String name, String status) {}
}
