/**
 * The secrets4j test kit: an in-memory provider and the contract every provider passes. It
 * registers no provider with {@link java.util.ServiceLoader}: on a test class path it changes
 * nothing that {@code Secrets.defaults()} or {@code Secrets.builder()} discover; tests wire the
 * in-memory provider explicitly.
 */
module io.github.secrets4j.testkit {
  requires transitive io.github.secrets4j;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;
  requires transitive org.slf4j;

  exports io.github.secrets4j.testkit;

  opens io.github.secrets4j.testkit to org.junit.platform.commons;
}
