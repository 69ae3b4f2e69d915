package io.github.secrets4j.aws.internal;

import java.util.Objects;

/**
 * What one Secrets Manager call asked for, for error messages: the operation, the secret id (name
 * or ARN), the region, the version asked for (reads) and where the request went. Holds no value. Every component is
 * text ready to print: the provider escapes what came from a template or the environment with
 * {@link io.github.secrets4j.spi.ProviderContext#escape} before it builds one.
 *
 * @param operation the API operation, such as {@code GetSecretValue} or {@code PutSecretValue}
 * @param secretId the {@code name} parameter, or the name a store key maps to
 * @param region the region the call went to
 * @param version {@code "version stage 'AWSCURRENT'"} or {@code "version id '...'"}; {@code ""}
 *     for a call that names no version
 * @param endpoint the endpoint override, or a description of the default endpoint
 */
public record CallDescription(String operation, String secretId, String region, String version, String endpoint) {
  /** Checks that no component is null. */
  public CallDescription {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(secretId, "secretId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(endpoint, "endpoint");
  }

  /** Returns {@code OPERATION of 'ID' (VERSION) in region 'REGION'}, without a version if none. */
  public String describe() {
    return operation + " of '" + secretId + "'" + (version.isEmpty() ? "" : " (" + version + ")")
        + " in region '" + region + "'";
  }
}
