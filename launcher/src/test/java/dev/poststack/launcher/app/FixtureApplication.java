package dev.poststack.launcher.app;

import org.springframework.boot.SpringBootConfiguration;

/** The smallest Spring Boot app: stands in for the provisioner and the API in launcher tests. */
@SpringBootConfiguration
public class FixtureApplication {}
