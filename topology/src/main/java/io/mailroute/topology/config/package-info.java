/**
 * The topology's own settings: the {@code mailroute.*} keys
 * ({@link io.mailroute.topology.config.MailrouteConfig}) and the settings records the sub-flows are
 * given (retry, flood isolation, bounces).
 */
package io.mailroute.topology.config;
