package dev.poststack.dashboard;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The dashboard as the API host serves it: imported by the API's application, it adds the pages
 * under {@code /dashboard} and the filter that lets them pass the browser's address on to the API.
 * The pages reach the API over HTTP like any client (ADR 0013).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties(DashboardProperties.class)
public class DashboardConfiguration {}
