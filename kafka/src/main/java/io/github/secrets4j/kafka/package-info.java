/**
 * secrets4j for Kafka: {@link io.github.secrets4j.kafka.SecretsConfigProvider}, a
 * {@code ConfigProvider} for client, broker and Connect configuration.
 */
package io.github.secrets4j.kafka;
