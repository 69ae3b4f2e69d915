package io.github.secrets4j.aws.internal;

import java.util.Objects;

/**
 * What makes two Secrets Manager clients different: one client is kept per key.
 *
 * @param region the AWS region id, for example {@code eu-west-1}
 * @param profile the named profile whose credentials sign requests, or {@code ""} for the default
 *     credentials chain
 * @param endpoint the endpoint override, or {@code ""} for the region's public endpoint
 */
public record ClientKey(String region, String profile, String endpoint) {
  /** Checks that no component is null. */
  public ClientKey {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(endpoint, "endpoint");
  }
}
