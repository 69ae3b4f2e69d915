/**
 * Micrometer metrics of secrets4j: {@link io.github.secrets4j.micrometer.SecretsMetrics}.
 * Micrometer is the host application's: this module reads it, it does not bring it.
 */
module io.github.secrets4j.micrometer {
  requires transitive io.github.secrets4j;
  requires transitive micrometer.core;

  exports io.github.secrets4j.micrometer;
}
