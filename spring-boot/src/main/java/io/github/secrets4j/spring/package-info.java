/**
 * Spring Boot 3.x adapter: {@code spring.config.import=secrets4j:PROPERTY=REFERENCE;...} adds
 * properties whose every read goes through the secrets4j cache, and the {@link
 * io.github.secrets4j.Secrets} runtime becomes a bean (closed with the application context).
 *
 * <p>Spring Boot finds {@link io.github.secrets4j.spring.SecretsConfigDataLocationResolver} and
 * {@link io.github.secrets4j.spring.SecretsConfigDataLoader} through
 * {@code META-INF/spring.factories}; applications do not call them.
 */
package io.github.secrets4j.spring;
