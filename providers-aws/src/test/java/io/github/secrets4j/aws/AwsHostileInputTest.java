package io.github.secrets4j.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.secrets4j.SecretError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.aws.fake.FakeSecretsManager;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.testkit.CapturingLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile text from {@code obj} in every parameter of the AWS provider (name, key, version_stage,
 * version_id, region, profile): line breaks, terminal escapes, bidi overrides, NUL, invisible
 * characters and very long values. Whatever the error, its message holds no raw control or format
 * character and stays short however long the input; no captured log line (all levels, the SDK's
 * included) holds a raw special character of the input with its neighbours.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AwsHostileInputTest {
  /** One of each class of hostile text. */
  static final Map<String, String> HOSTILE = hostile();

  private static Map<String, String> hostile() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("line breaks", "a\nforged INFO line\r\nb\u0085c\u2028d\u2029e");
    map.put("terminal escapes", "x\u001b[31mred\u001b]0;title\u0007\u009b2J");
    map.put("bidi overrides", "abc\u202eevil\u202c\u2066iso\u2069\u200f");
    map.put("NUL", "a\u0000b");
    map.put("invisible", "a\u200bb\ufeffc\u00ad");
    map.put("long", "L".repeat(10_000) + "\n");
    return map;
  }

  @TempDir
  Path dir;

  private FakeSecretsManager fake;
  private Secrets secrets;

  @BeforeEach
  void start() throws IOException {
    CapturingLogs.clear();
    fake = FakeSecretsManager.start();
    fake.putSecretString("app/json", "{\"user\":\"u\"}");
    Path config = Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\n");
    secrets = AwsTests.secrets(fake, Map.of(AwsTests.PREFIX + "region", "us-east-1",
        AwsTests.PREFIX + "config-file", config.toString(),
        AwsTests.PREFIX + "credentials-file", config.toString()));
  }

  @AfterEach
  void stop() {
    secrets.close();
    fake.close();
  }

  static Stream<Arguments> parameterAndAttack() {
    return Stream.of("name", "key", "version_stage", "version_id", "region", "profile")
        .flatMap(parameter -> HOSTILE.keySet().stream().map(attack -> Arguments.of(parameter,
            attack)));
  }

  @ParameterizedTest(name = "{1} in {0}")
  @MethodSource("parameterAndAttack")
  void hostileTextFromObjIsEscapedAndBoundedInErrorsAndLogs(String parameter, String attack) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("name", "app/json");
    parameters.put("key", "user");
    parameters.put(parameter, (parameter.equals("name") ? "app/json" : "") + "{{ obj.v }}");

    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> secrets
        .secret("Hostile").provider(AwsTests.SLUG).parameters(parameters).build()
        .getValue(Map.of("v", HOSTILE.get(attack))));

    assertThat(failure).isInstanceOf(SecretError.class);
    assertSafe(failure.getMessage());
    assertThat(failure.getMessage().length()).as("message length").isLessThan(8_000);
    assertNotLoggedRaw(HOSTILE.get(attack));
  }

  /** A megabyte in each parameter, through the SPI (templates cap a rendered parameter earlier). */
  @Test
  void megabyteParametersGiveShortMessages() {
    String huge = "\u202e" + "M".repeat(1_000_000) + "\n";
    AwsSecretsManagerProvider provider =
        (AwsSecretsManagerProvider) secrets.provider(AwsTests.SLUG).orElseThrow();
    for (String parameter : List.of("name", "key", "version_stage", "version_id", "region",
        "profile")) {
      Map<String, String> parameters = new LinkedHashMap<>(Map.of("name", "app/json",
          "key", "user"));
      parameters.put(parameter, huge);
      Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> provider.getValue(
          SecretRequest.of("Huge", "huge", AwsTests.SLUG, parameters, null)));
      assertThat(failure).as(parameter).isInstanceOf(SecretError.class);
      assertSafe(failure.getMessage());
      assertThat(failure.getMessage().length()).as(parameter).isLessThan(8_000);
    }
    assertNotLoggedRaw(huge);
    assertThat(provider.liveClients()).as("no client for a huge region or profile").isLessThan(2);
  }

  /** No log line holds a special character of {@code input} with its neighbours, raw. */
  private static void assertNotLoggedRaw(String input) {
    for (int i = 0; i < input.length(); i++) {
      if (special(input.charAt(i))) {
        String raw = input.substring(Math.max(0, i - 1), Math.min(input.length(), i + 2));
        assertThat(CapturingLogs.events()).allSatisfy(event -> assertThat(event)
            .doesNotContain(raw));
      }
    }
  }

  private static boolean special(int c) {
    return c != '\t' && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
        || c == 0x2028 || c == 0x2029);
  }

  private static void assertSafe(String text) {
    assertThat(text.codePoints().filter(AwsHostileInputTest::special))
        .as("raw control or format characters in: %s", text.length() > 300
            ? text.substring(0, 300) + "..." : text)
        .isEmpty();
  }
}
