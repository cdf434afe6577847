package dev.poststack.launcher.spi;

/**
 * Operator action behind {@code poststack admin hosts repair [--all]}: has the provisioner enqueue
 * the host entries the compacted topic lacks (or, with {@code all}, every entry, which rebuilds a
 * lost topic). Implemented by module admin; found with {@link java.util.ServiceLoader} (file {@code
 * META-INF/services/dev.poststack.launcher.spi.HostsRepairer}, public no-argument constructor).
 */
public interface HostsRepairer {

  /** Returns the number of entries enqueued for the relay. */
  long repair(StackEndpoints stack, boolean all) throws Exception;
}
