/**
 * secrets4j for MicroProfile Config: {@link io.github.secrets4j.microprofile.SecretsConfigSource}
 * and, for SmallRye Config and Quarkus, the {@code ${s4j::REFERENCE}} secret keys handler.
 */
package io.github.secrets4j.microprofile;
