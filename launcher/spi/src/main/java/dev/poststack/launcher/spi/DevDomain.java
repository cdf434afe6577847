package dev.poststack.launcher.spi;

/** The dev domain as the API shows it: numeric id, {@code dom_…} public id and name. */
public record DevDomain(long id, String publicId, String name) {}
