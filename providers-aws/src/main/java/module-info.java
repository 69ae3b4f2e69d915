/**
 * The {@code aws-secrets-manager} secrets provider: AWS Secrets Manager through the AWS SDK for
 * Java v2 with the JDK-based url-connection HTTP client.
 */
module io.github.secrets4j.aws {
  requires transitive io.github.secrets4j;
  requires org.slf4j;
  requires software.amazon.awssdk.services.secretsmanager;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.identity.spi;
  requires software.amazon.awssdk.http.auth.spi;
  requires software.amazon.awssdk.http.auth.aws;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.profiles;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.retries;
  requires software.amazon.awssdk.retries.api;
  requires software.amazon.awssdk.utils;
  requires software.amazon.awssdk.protocols.jsoncore;

  exports io.github.secrets4j.aws;

  provides io.github.secrets4j.spi.SecretsProviderFactory
      with io.github.secrets4j.aws.AwsSecretsManagerProviderFactory;
}
