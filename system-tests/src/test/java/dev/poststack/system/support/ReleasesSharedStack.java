package dev.poststack.system.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test class that runs a stack of its own (three brokers, a fresh clone): {@link
 * SystemStackExtension} closes the shared stack before the class starts, so the two never compete
 * for the machine's cores; a later class that asks for the shared stack gets a new one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReleasesSharedStack {}
