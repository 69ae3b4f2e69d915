package io.github.secrets4j.aws.internal;

import java.util.Objects;

/**
 * What one GetSecretValue call asked for, for error messages: the secret id (name or ARN), the
 * region, the version asked for and where the request went. Holds no value. Every component is
 * text ready to print: the provider escapes what came from a template or the environment with
 * {@link io.github.secrets4j.spi.ProviderContext#escape} before it builds one.
 *
 * @param secretId the {@code name} parameter
 * @param region the region the call went to
 * @param version {@code "version stage 'AWSCURRENT'"} or {@code "version id '...'"}
 * @param endpoint the endpoint override, or a description of the default endpoint
 */
public record CallDescription(String secretId, String region, String version, String endpoint) {
  /** Checks that no component is null. */
  public CallDescription {
    Objects.requireNonNull(secretId, "secretId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /** Returns {@code GetSecretValue of 'ID' (VERSION) in region 'REGION'}. */
  public String describe() {
    return "GetSecretValue of '" + secretId + "' (" + version + ") in region '" + region + "'";
  }
}
