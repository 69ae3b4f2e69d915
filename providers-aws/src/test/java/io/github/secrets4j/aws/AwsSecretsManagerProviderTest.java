package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secret;
import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import io.github.secrets4j.aws.fake.FakeSecretsManager.RecordedRequest;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.spi.SecretRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What users see from the provider against the fake: values, versions, regions, clients. */
class AwsSecretsManagerProviderTest {
  private FakeSecretsManager fake;
  private Secrets secrets;

  @BeforeEach
  void start() {
    fake = FakeSecretsManager.start();
    secrets = AwsTests.secrets(fake, Map.of(AwsTests.PREFIX + "region", "us-east-1"));
  }

  @AfterEach
  void stop() {
    secrets.close();
    fake.close();
  }

  private Secret secret(String... parameters) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < parameters.length; i += 2) {
      map.put(parameters[i], parameters[i + 1]);
    }
    return secrets.secret("DB Password").provider(AwsTests.SLUG).parameters(map).build();
  }

  @Test
  void plaintextSecretIsReturnedWholeAndTheRequestIsSignedGetSecretValue() {
    fake.putSecretString("prod/db/password", "s3cr3t value with spaces ");

    assertThat(secret("name", "prod/db/password").getValue()).isEqualTo("s3cr3t value with spaces ");

    assertThat(fake.requests()).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/");
      assertThat(request.target()).isEqualTo("secretsmanager.GetSecretValue");
      assertThat(request.contentType()).startsWith("application/x-amz-json-1.1");
      assertThat(request.service()).isEqualTo("secretsmanager");
      assertThat(request.region()).isEqualTo("us-east-1");
      assertThat(request.accessKeyId()).isEqualTo(FakeSecretsManager.DEFAULT_ACCESS_KEY_ID);
      assertThat(request.signatureValid()).as("SigV4 signature verified by the fake").isTrue();
      assertThat(request.secretId()).isEqualTo("prod/db/password");
      assertThat(request.versionStage()).isEqualTo("AWSCURRENT");
      assertThat(request.versionId()).isNull();
    });
  }

  @Test
  void secretCanBeNamedByArn() {
    fake.putSecretString("by-arn", "arn-value");
    String arn = fake.arn("by-arn");
    assertThat(arn).startsWith("arn:aws:secretsmanager:us-east-1:" + FakeSecretsManager.DEFAULT_ACCOUNT
        + ":secret:by-arn-");
    assertThat(secret("name", arn).getValue()).isEqualTo("arn-value");
  }

  @Test
  void keyExtractsOneFieldOfAJsonObject() {
    fake.putSecretString("app/json", "{\"username\":\"admin\",\"password\":\"p\\u00e4ss\\\"word\","
        + "\"port\":5432,\"tls\":true,\"nested\":{\"a\":[1,2]},\"nothing\":null}");

    assertThat(secret("name", "app/json", "key", "username").getValue()).isEqualTo("admin");
    assertThat(secret("name", "app/json", "key", "password").getValue()).isEqualTo("päss\"word");
    assertThat(secret("name", "app/json", "key", "port").getValue()).isEqualTo("5432");
    assertThat(secret("name", "app/json", "key", "tls").getValue()).isEqualTo("true");
    assertThat(secret("name", "app/json", "key", "nested").getValue())
        .isEqualTo("{\"a\": [1, 2]}");
    assertThat(secret("name", "app/json").getValue()).startsWith("{\"username\"");
  }

  @Test
  void missingKeyIsValueNotFoundWithNautobotsMessage() {
    fake.putSecretString("app/json", "{\"username\":\"admin\",\"nothing\":null}");

    assertThatThrownBy(() -> secret("name", "app/json", "key", "password").getValue())
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessage("Secret \"DB Password\" (provider \"aws-secrets-manager\"): "
            + "The secret value could not be retrieved using key 'password'");
    assertThatThrownBy(() -> secret("name", "app/json", "key", "nothing").getValue())
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessageEndingWith("The secret value could not be retrieved using key 'nothing'");
  }

  @Test
  void keyOnAValueThatIsNotAJsonObjectIsParametersErrorWithoutTheValue() {
    fake.putSecretString("plain", "hunter2-plain");
    fake.putSecretString("array", "[\"hunter2-array\"]");
    fake.putSecretString("broken", "{\"a\": hunter2-broken");

    for (String name : List.of("plain", "array", "broken")) {
      assertThatThrownBy(() -> secret("name", name, "key", "password").getValue())
          .isExactlyInstanceOf(SecretParametersError.class)
          .hasMessage("Secret \"DB Password\" (provider \"aws-secrets-manager\"): The \"key\" "
              + "parameter is set to 'password' but the value of GetSecretValue of '" + name
              + "' (version stage 'AWSCURRENT') in region 'us-east-1' is not a JSON object; remove "
              + "\"key\" to get the whole value")
          .hasNoCause()
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
  }

  @Test
  void binarySecretIsReturnedAsUtf8Text() {
    fake.putSecretBinary("bin/text", "b\u00efn\u00e4ry \u2603".getBytes(StandardCharsets.UTF_8));
    fake.putSecretBinary("bin/json", "{\"k\":\"from-binary\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(secret("name", "bin/text").getValue()).isEqualTo("bïnäry ☃");
    assertThat(secret("name", "bin/json", "key", "k").getValue()).isEqualTo("from-binary");
  }

  @Test
  void binarySecretThatIsNotUtf8IsAClearProviderError() {
    fake.putSecretBinary("bin/raw", new byte[] {0x30, (byte) 0xc3, 0x28, (byte) 0xff});

    assertThatThrownBy(() -> secret("name", "bin/raw").getValue())
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage("Secret \"DB Password\" (provider \"aws-secrets-manager\"): GetSecretValue of "
            + "'bin/raw' (version stage 'AWSCURRENT') in region 'us-east-1' returned a SecretBinary "
            + "of 4 bytes that is not UTF-8 text; this provider returns text only: store the value "
            + "as a SecretString (for example base64-encoded)");
  }

  @Test
  void versionStagesFollowRotation() {
    String first = fake.putSecretString("rotating", "one");
    Secret current = secret("name", "rotating");
    Secret previous = secret("name", "rotating", "version_stage", "AWSPREVIOUS");
    Secret pending = secret("name", "rotating", "version_stage", "AWSPENDING");

    assertThat(current.getValue()).isEqualTo("one");
    assertThatThrownBy(previous::getValue).isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessageContaining("ResourceNotFoundException (HTTP 400)")
        .hasMessageContaining("staging label: AWSPREVIOUS");

    fake.putPendingSecretString("rotating", "two");
    assertThat(pending.getValue()).isEqualTo("two");
    assertThat(current.getValue()).as("pending is not current yet").isEqualTo("one");

    String second = fake.finishRotation("rotating");
    assertThat(current.getValue()).isEqualTo("two");
    assertThat(previous.getValue()).isEqualTo("one");
    assertThatThrownBy(pending::getValue).isExactlyInstanceOf(SecretValueNotFoundError.class);

    fake.rotate("rotating", "three");
    assertThat(current.getValue()).isEqualTo("three");
    assertThat(previous.getValue()).isEqualTo("two");
    assertThat(secret("name", "rotating", "version_id", second).getValue()).isEqualTo("two");
    assertThat(secret("name", "rotating", "version_stage", "AWSCURRENT").getValue())
        .isEqualTo("three");
    // the first version lost its last label: deprecated, and gone once AWS deletes it
    assertThat(fake.deleteDeprecatedVersions("rotating")).isEqualTo(1);
    assertThatThrownBy(() -> secret("name", "rotating", "version_id", first).getValue())
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessageContaining("version id '" + first + "'");

    assertThat(fake.requests()).extracting(RecordedRequest::versionStage)
        .contains("AWSCURRENT", "AWSPREVIOUS", "AWSPENDING");
  }

  @Test
  void versionIdIsSentAloneUnlessAStageIsAskedFor() {
    String old = fake.putSecretString("versioned", "old");
    fake.putSecretString("versioned", "new");

    assertThat(secret("name", "versioned", "version_id", old).getValue()).isEqualTo("old");
    RecordedRequest byId = fake.requests().get(0);
    assertThat(byId.versionId()).isEqualTo(old);
    assertThat(byId.versionStage()).isNull();

    assertThat(secret("name", "versioned", "version_id", old, "version_stage", "AWSPREVIOUS")
        .getValue()).isEqualTo("old");
    assertThatThrownBy(() ->
        secret("name", "versioned", "version_id", old, "version_stage", "AWSCURRENT").getValue())
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessageContaining("InvalidParameterException (HTTP 400)")
        .hasMessageContaining("version id '" + old + "', version stage 'AWSCURRENT'");
  }

  @Test
  void regionParameterChoosesTheRegionAndTheSigningScope() {
    fake.putSecretString(FakeSecretsManager.DEFAULT_ACCOUNT, "eu-west-1", "regional", "in-ireland");
    fake.putSecretString(FakeSecretsManager.DEFAULT_ACCOUNT, "ap-southeast-2", "regional", "in-sydney");

    assertThat(secret("name", "regional", "region", "eu-west-1").getValue()).isEqualTo("in-ireland");
    assertThat(secret("name", "regional", "region", "ap-southeast-2").getValue())
        .isEqualTo("in-sydney");
    assertThatThrownBy(() -> secret("name", "regional").getValue())
        .as("the default region from settings, us-east-1, has no such secret")
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessage("Secret \"DB Password\" (provider \"aws-secrets-manager\"): GetSecretValue of "
            + "'regional' (version stage 'AWSCURRENT') in region 'us-east-1' found no such secret "
            + "or version: ResourceNotFoundException (HTTP 400): Secrets Manager can't find the "
            + "specified secret.");
    assertThat(fake.requests()).extracting(RecordedRequest::region)
        .containsExactly("eu-west-1", "ap-southeast-2", "us-east-1");
  }

  @Test
  void malformedRegionParameterIsParametersError() {
    assertThatThrownBy(() -> secret("name", "x", "region", "eu west 1").getValue())
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessageEndingWith("The \"region\" parameter 'eu west 1' is not an AWS region id such "
            + "as eu-west-1");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void textFromTemplatesAndFromTheServiceIsShownEscaped() {
    String hostile = "x\u001b[31m\nforged";
    String shown = "x\\u001b[31m\\u000aforged";
    fake.putSecretString("app/json", "{\"a\":1}");
    String prefix = "Secret \"DB Password\" (provider \"aws-secrets-manager\"): ";

    // Control and invisible characters are in no secret name, version id or staging label: they
    // are refused before the call (the service would quote them back, and the SDK logs that raw).
    assertThatThrownBy(() -> secret("name", "app/" + hostile).getValue())
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessage(prefix + "The \"name\" parameter 'app/" + shown + "' holds control or "
            + "invisible characters");
    assertThatThrownBy(() -> secret("name", "app/json", "key", hostile).getValue())
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessage(prefix + "The secret value could not be retrieved using key '" + shown + "'");
    assertThatThrownBy(() -> secret("name", "app/json", "version_stage", hostile).getValue())
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessage(prefix + "The \"version_stage\" parameter '" + shown + "' holds control or "
            + "invisible characters");
    assertThatThrownBy(() -> secret("name", "app/json", "version_id", hostile).getValue())
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessage(prefix + "The \"version_id\" parameter '" + shown + "' holds control or "
            + "invisible characters");
    assertThatThrownBy(() -> secret("name", "app/json", "region", "eu-" + hostile).getValue())
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessage(prefix + "The \"region\" parameter 'eu-" + shown + "' is not an AWS region "
            + "id such as eu-west-1");
    fake.failNext(1, 400, "AccessDeniedException", "denied " + hostile);
    assertThatThrownBy(() -> secret("name", "app/json").getValue())
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessageStartingWith(prefix + "GetSecretValue of 'app/json' (version stage "
            + "'AWSCURRENT') in region 'us-east-1' failed: AccessDeniedException (HTTP 400): "
            + "denied " + shown + ". The credentials in use");

    assertThat(fake.requests()).extracting(RecordedRequest::secretId)
        .as("only the key lookup and the denied read were sent")
        .containsExactly("app/json", "app/json");
  }

  @Test
  void parametersLongerThanAwsAcceptsAreRefusedBeforeTheCall() {
    assertThatThrownBy(() -> secret("name", "n".repeat(2049)).getValue())
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessageStartingWith("Secret \"DB Password\" (provider \"aws-secrets-manager\"): The "
            + "\"name\" parameter is 2049 characters long; AWS accepts at most 2048: 'nnn")
        .hasMessageEndingWith("n...'");
    assertThatThrownBy(() -> secret("name", "x", "version_stage", "s".repeat(257)).getValue())
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessageContaining("AWS accepts at most 256");
    assertThatThrownBy(() -> secret("name", "x", "version_id", "i".repeat(65)).getValue())
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessageContaining("AWS accepts at most 64");
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void regionComesFromTheEnvironmentWhenNeitherParameterNorSettingNamesOne() {
    fake.putSecretString(FakeSecretsManager.DEFAULT_ACCOUNT, "eu-central-1", "env-region", "v");
    Map<String, String> environment = new LinkedHashMap<>(AwsTests.defaultEnvironment());
    environment.put("AWS_REGION", "eu-central-1");
    try (Secrets runtime = AwsTests.secrets(fake, Map.of(), environment)) {
      assertThat(runtime.secret("S").provider(AwsTests.SLUG).parameter("name", "env-region").build()
          .getValue()).isEqualTo("v");
    }
    assertThat(fake.requests()).extracting(RecordedRequest::region).containsExactly("eu-central-1");
  }

  @Test
  void noRegionAnywhereIsProviderErrorThatSaysWhereToSetIt() throws Exception {
    java.nio.file.Path empty = java.nio.file.Files.createTempFile("aws-config", "");
    try (Secrets runtime = AwsTests.secrets(fake, Map.of(
        AwsTests.PREFIX + "config-file", empty.toString(),
        AwsTests.PREFIX + "credentials-file", empty.toString()))) {
      Secret secret = runtime.secret("S").provider(AwsTests.SLUG).parameter("name", "x").build();
      org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("aws.region") == null
          && System.getenv("AWS_REGION") == null, "the process defines a region");
      assertThatThrownBy(secret::getValue)
          .isExactlyInstanceOf(SecretProviderError.class)
          .hasMessage("Secret \"S\" (provider \"aws-secrets-manager\"): No AWS region for secret "
              + "'x': set the \"region\" parameter, the setting "
              + "secrets4j.aws-secrets-manager.region or AWS_REGION");
    } finally {
      java.nio.file.Files.delete(empty);
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void oneClientPerRegionProfileAndEndpointReusedAndClosedWithTheRuntime() {
    fake.putSecretString("a", "1");
    fake.putSecretString("b", "2");
    fake.putSecretString(FakeSecretsManager.DEFAULT_ACCOUNT, "eu-west-1", "c", "3");
    AwsSecretsManagerProvider provider =
        (AwsSecretsManagerProvider) secrets.provider(AwsTests.SLUG).orElseThrow();
    assertThat(provider.openClients()).as("created lazily").isZero();

    for (int i = 0; i < 3; i++) {
      assertThat(secret("name", "a").getValue()).isEqualTo("1");
      assertThat(secret("name", "b").getValue()).isEqualTo("2");
    }
    assertThat(provider.openClients()).isEqualTo(1);
    assertThat(secret("name", "c", "region", "eu-west-1").getValue()).isEqualTo("3");
    assertThat(provider.openClients()).isEqualTo(2);

    secrets.close();
    assertThat(provider.openClients()).isZero();
    SecretRequest request =
        SecretRequest.of("Late", "late", AwsTests.SLUG, Map.of("name", "a"), null);
    assertThatThrownBy(() -> provider.getValue(request))
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessageEndingWith("The AWS Secrets Manager provider is closed");
    assertThat(provider.openClients()).isZero();
  }

  @Test
  void describesItselfAndAsksForAFewMinutesOfCaching() {
    AwsSecretsManagerProvider provider =
        (AwsSecretsManagerProvider) secrets.provider(AwsTests.SLUG).orElseThrow();
    assertThat(provider.name()).isEqualTo("AWS Secrets Manager");
    assertThat(provider.parameters()).extracting(p -> p.name() + ":" + p.required())
        .containsExactly("name:true", "region:false", "key:false", "version_stage:false",
            "version_id:false", "profile:false");
    assertThat(provider.cachePolicy()).isEqualTo(CachePolicy.ttl(Duration.ofMinutes(5)));
    assertThat(provider.toString())
        .contains("region=us-east-1", "endpoint=" + fake.endpoint())
        .doesNotContain(FakeSecretsManager.DEFAULT_SECRET_ACCESS_KEY);
  }
}
