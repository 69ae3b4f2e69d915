package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretError;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import io.github.secrets4j.aws.fake.FakeSecretsManager.RecordedRequest;
import io.github.secrets4j.testkit.CapturingLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several accounts side by side through named profiles of the shared config and credentials files
 * (temporary files here, pointed to by settings or by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE
 * in the runtime's environment). The fake tells accounts apart by the signing key.
 */
class AwsProfilesTest {
  private static final String PROD_KEY_ID = "AKIAPRODFAKE00000001";
  private static final String PROD_SECRET = "prod-secret-access-key-fake";
  private static final String STAGING_KEY_ID = "AKIASTAGINGFAKE00001";
  private static final String STAGING_SECRET = "staging-secret-access-key-fake";

  @TempDir
  Path dir;

  private FakeSecretsManager fake;
  private Path config;
  private Path credentials;

  @BeforeEach
  void start() throws IOException {
    CapturingLogs.clear();
    fake = FakeSecretsManager.start()
        .addAccount("222222222222", PROD_KEY_ID, PROD_SECRET)
        .addAccount("333333333333", STAGING_KEY_ID, STAGING_SECRET);
    fake.putSecretString("222222222222", "us-east-1", "db/password", "prod-password");
    fake.putSecretString("333333333333", "eu-west-1", "db/password", "staging-password");
    config = Files.writeString(dir.resolve("config"), String.join("\n",
        "[default]", "region = us-east-1", "",
        "[profile prod]", "region = us-east-1", "",
        "[profile staging]", "region = eu-west-1", "",
        "[profile nokeys]", "region = us-east-1", ""));
    credentials = Files.writeString(dir.resolve("credentials"), String.join("\n",
        "[prod]", "aws_access_key_id = " + PROD_KEY_ID, "aws_secret_access_key = " + PROD_SECRET, "",
        "[staging]", "aws_access_key_id = " + STAGING_KEY_ID,
        "aws_secret_access_key = " + STAGING_SECRET, ""));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Secrets runtime(Map<String, String> extraSettings) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(AwsTests.PREFIX + "config-file", config.toString());
    settings.put(AwsTests.PREFIX + "credentials-file", credentials.toString());
    settings.putAll(extraSettings);
    return AwsTests.secrets(fake, settings, Map.of());
  }

  private static Secret password(Secrets secrets, String profile) {
    return secrets.secret("DB " + profile).provider(AwsTests.SLUG)
        .parameters(Map.of("name", "db/password", "profile", profile)).build();
  }

  @Test
  void eachProfileReadsItsOwnAccountAndRegion() {
    try (Secrets secrets = runtime(Map.of())) {
      assertThat(password(secrets, "prod").getValue()).isEqualTo("prod-password");
      assertThat(password(secrets, "staging").getValue()).isEqualTo("staging-password");
      assertThat(password(secrets, "prod").getValue()).isEqualTo("prod-password");

      AwsSecretsManagerProvider provider =
          (AwsSecretsManagerProvider) secrets.provider(AwsTests.SLUG).orElseThrow();
      assertThat(provider.openClients()).as("one client per profile and region").isEqualTo(2);
    }
    List<RecordedRequest> requests = fake.requests();
    assertThat(requests).extracting(RecordedRequest::accessKeyId)
        .containsExactly(PROD_KEY_ID, STAGING_KEY_ID, PROD_KEY_ID);
    assertThat(requests).extracting(RecordedRequest::region)
        .as("the region comes from each profile")
        .containsExactly("us-east-1", "eu-west-1", "us-east-1");
    assertThat(requests).allMatch(RecordedRequest::signatureValid);
  }

  @Test
  void profileSettingIsTheDefaultAndTheParameterOverridesIt() {
    try (Secrets secrets = runtime(Map.of(AwsTests.PREFIX + "profile", "staging"))) {
      Secret byDefault = secrets.secret("DB").provider(AwsTests.SLUG)
          .parameter("name", "db/password").build();
      assertThat(byDefault.getValue()).isEqualTo("staging-password");
      assertThat(password(secrets, "prod").getValue()).isEqualTo("prod-password");
    }
  }

  /**
   * The rule the README states: the region parameter, then the region setting, then AWS_REGION,
   * then the profile's region. An explicit setting names where to read; a profile's region is
   * only its default (as AWS_REGION beats a profile's region in the SDK and the CLI).
   */
  @Test
  void regionParameterThenRegionSettingBeatTheProfilesRegion() {
    try (Secrets secrets = runtime(Map.of(AwsTests.PREFIX + "region", "eu-west-1"))) {
      assertThatThrownBy(password(secrets, "prod")::getValue)
          .as("prod's region is us-east-1, the setting says eu-west-1")
          .hasMessageContaining("in region 'eu-west-1' found no such secret");
      assertThat(secrets.secret("DB").provider(AwsTests.SLUG).parameters(Map.of(
          "name", "db/password", "profile", "prod", "region", "us-east-1")).build().getValue())
          .isEqualTo("prod-password");
    }
    try (Secrets secrets = AwsTests.secrets(fake, Map.of(
        AwsTests.PREFIX + "config-file", config.toString(),
        AwsTests.PREFIX + "credentials-file", credentials.toString()),
        Map.of("AWS_REGION", "eu-west-1"))) {
      assertThatThrownBy(password(secrets, "prod")::getValue)
          .hasMessageContaining("in region 'eu-west-1' found no such secret");
    }
    assertThat(fake.requests()).extracting(RecordedRequest::region)
        .containsExactly("eu-west-1", "us-east-1", "eu-west-1");
  }

  @Test
  void sharedFilesCanComeFromTheRuntimesEnvironment() {
    Map<String, String> environment = Map.of(
        "AWS_CONFIG_FILE", config.toString(),
        "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
        "AWS_PROFILE", "staging");
    try (Secrets secrets = AwsTests.secrets(fake, Map.of(), environment)) {
      assertThat(secrets.secret("DB").provider(AwsTests.SLUG).parameter("name", "db/password")
          .build().getValue()).isEqualTo("staging-password");
    }
    assertThat(fake.requests()).extracting(RecordedRequest::accessKeyId)
        .containsExactly(STAGING_KEY_ID);
  }

  @Test
  void profileWithoutCredentialsIsProviderErrorNamingIt() {
    try (Secrets secrets = runtime(Map.of())) {
      SecretError error = (SecretError) org.assertj.core.api.Assertions.catchThrowable(
          password(secrets, "nokeys")::getValue);
      assertThat(error).isExactlyInstanceOf(SecretProviderError.class);
      assertThat(error.getMessage())
          .startsWith("Secret \"DB nokeys\" (provider \"aws-secrets-manager\"): GetSecretValue of "
              + "'db/password' (version stage 'AWSCURRENT') in region 'us-east-1' failed: "
              + "CredentialsUnavailable: Unable to load AWS credentials from profile \"nokeys\" of "
              + "the shared config and credentials files: ")
          .doesNotContain(PROD_SECRET, STAGING_SECRET);
      assertThat(error).hasNoCause();

    }
    assertThat(fake.requestCount()).isZero();
  }

  /** A profile is looked up in the shared files before a client or credentials are made for it. */
  @Test
  void profileThatDoesNotExistIsRefusedBeforeAnyClientIsBuilt() {
    try (Secrets secrets = runtime(Map.of(AwsTests.PREFIX + "region", "us-east-1"))) {
      AwsSecretsManagerProvider provider =
          (AwsSecretsManagerProvider) secrets.provider(AwsTests.SLUG).orElseThrow();
      assertThatThrownBy(password(secrets, "nosuchprofile")::getValue)
          .isExactlyInstanceOf(SecretParametersError.class)
          .hasMessage("Secret \"DB nosuchprofile\" (provider \"aws-secrets-manager\"): The "
              + "\"profile\" parameter names profile 'nosuchprofile', which is in neither the "
              + "shared AWS config file nor the credentials file");
      for (int i = 0; i < 300; i++) {
        assertThatThrownBy(password(secrets, "invented-" + i)::getValue)
            .isExactlyInstanceOf(SecretParametersError.class);
      }
      assertThat(provider.liveClients()).as("no client built for an unknown profile").isZero();
    }
    try (Secrets secrets = runtime(Map.of(AwsTests.PREFIX + "profile", "gone"))) {
      assertThatThrownBy(secrets.secret("DB").provider(AwsTests.SLUG)
          .parameter("name", "db/password").build()::getValue)
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageEndingWith("The setting secrets4j.aws-secrets-manager.profile names profile "
              + "'gone', which is in neither the shared AWS config file nor the credentials file");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void noCredentialsAnywhereIsProviderErrorAndNothingIsSent() {
    Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null
        && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null
        && System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") == null
        && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
        && System.getProperty("aws.accessKeyId") == null,
        "the process environment supplies AWS credentials");
    try (Secrets secrets = runtime(Map.of(AwsTests.PREFIX + "region", "us-east-1"))) {
      assertThatThrownBy(secrets.secret("Anonymous").provider(AwsTests.SLUG)
          .parameter("name", "db/password").build()::getValue)
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageStartingWith("Secret \"Anonymous\" (provider \"aws-secrets-manager\"): "
              + "GetSecretValue of 'db/password' (version stage 'AWSCURRENT') in region "
              + "'us-east-1' failed: CredentialsUnavailable: Unable to load AWS credentials from the "
              + "default credentials chain: ")
          .hasMessageContaining("RuntimeEnvironmentCredentialsProvider()")
          .hasNoCause();
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void missingSharedFileSetExplicitlyIsProviderError() {
    try (Secrets secrets = runtime(Map.of(
        AwsTests.PREFIX + "config-file", dir.resolve("absent").toString(),
        AwsTests.PREFIX + "region", "us-east-1"))) {
      assertThatThrownBy(password(secrets, "prod")::getValue)
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessageEndingWith("The shared AWS config file " + dir.resolve("absent")
              + " (setting secrets4j.aws-secrets-manager.config-file) does not exist");
    }
  }

  @Test
  void noSecretKeyInAnyLogLineOrToString() {
    try (Secrets secrets = runtime(Map.of())) {
      assertThat(password(secrets, "prod").getValue()).isEqualTo("prod-password");
      assertThat(password(secrets, "staging").getValue()).isEqualTo("staging-password");
      assertThat(secrets.provider(AwsTests.SLUG).orElseThrow().toString())
          .doesNotContain(PROD_SECRET, STAGING_SECRET, "prod-password");
    }
    assertThat(CapturingLogs.events()).isNotEmpty()
        .allSatisfy(event -> assertThat(event)
            .doesNotContain(PROD_SECRET, STAGING_SECRET, "prod-password", "staging-password"));
  }
}
