/**
 * secrets4j: one way for JVM applications to get at secrets, wherever they live.
 *
 * <p>{@code io.github.secrets4j} holds what applications use ({@link io.github.secrets4j.Secrets},
 * {@link io.github.secrets4j.Secret}, {@link io.github.secrets4j.SecretsGroup}, the errors);
 * {@code io.github.secrets4j.spi} what provider authors implement.
 */
module io.github.secrets4j {
  requires org.slf4j;
  requires com.github.benmanes.caffeine;
  requires jinjava;
  // Definition files and the env kind: Jackson's streaming parsers for JSON and YAML (SnakeYAML
  // underneath).
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  // The template engine's expression resolvers are typed with java.beans.
  requires java.desktop;

  exports io.github.secrets4j;
  exports io.github.secrets4j.spi;
  // The template engine calls the replacement functions registered with it reflectively.
  exports io.github.secrets4j.internal.template to jinjava;

  uses io.github.secrets4j.spi.SecretsProviderFactory;
  uses io.github.secrets4j.spi.SecretKindProvider;
}
