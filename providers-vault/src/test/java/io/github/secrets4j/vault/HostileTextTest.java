package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.read;
import static io.github.secrets4j.vault.VaultTesting.runtime;
import static io.github.secrets4j.vault.VaultTesting.tokenSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.CapturingLogs;
import io.github.secrets4j.vault.fake.FakeVault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text from a template (parameters) or from Vault (its {@code errors}) reaches a message only
 * through the runtime's escaping: an ANSI escape or a line break cannot forge a log line. And a
 * rendered {@code path} or {@code mount_point} cannot change which API the request reaches.
 */
class HostileTextTest {
  private static final String PREFIX = "Secret \"S\" (provider \"hashicorp-vault\"): ";
  private static final String HOSTILE = "x\u001b[31m\nforged";
  private static final String SHOWN = "x\\u001b[31m\\u000aforged";

  private FakeVault vault;
  private Secrets secrets;

  @BeforeEach
  void start() {
    vault = FakeVault.start().mountKv("secret", 2);
    vault.put("secret", "app/db", Map.of("password", "p1"));
    secrets = runtime(tokenSettings(vault.url(), vault.rootToken()));
  }

  @AfterEach
  void stop() {
    secrets.close();
    vault.close();
  }

  @Test
  void parametersAreShownEscaped() {
    assertThatThrownBy(() -> read(secrets, "path", "app/" + HOSTILE, "key", "password"))
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessage(PREFIX + "No secret at path 'app/" + SHOWN + "' (mount_point 'secret', "
            + "kv_version v2) in HashiCorp Vault \"default\"");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", HOSTILE))
        .isExactlyInstanceOf(SecretValueNotFoundError.class)
        .hasMessage(PREFIX + "The secret value could not be retrieved using key '" + SHOWN + "'");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password",
        "kv_version", HOSTILE))
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessage(PREFIX + "The \"kv_version\" parameter must be v1 or v2, not \"" + SHOWN + "\"");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password",
        "version", HOSTILE))
        .isExactlyInstanceOf(SecretParametersError.class)
        .hasMessage(PREFIX + "The \"version\" parameter must be a positive whole number, not \""
            + SHOWN + "\"");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password",
        "vault", HOSTILE))
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage(PREFIX + "Unknown HashiCorp Vault \"" + SHOWN + "\" (parameter \"vault\"): a "
            + "Vault name is made of letters, digits, '-' and '_'");
  }

  @Test
  void vaultErrorsAreShownEscaped() {
    vault.failNext("/v1/secret/data/app/db", 1, 400,
        "{\"errors\":[\"bad \\u001b[31m request\\nforged line\"]}");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
        .isExactlyInstanceOf(SecretProviderError.class)
        .hasMessage(PREFIX + "HashiCorp Vault at " + vault.url() + "/v1/secret/data/app/db "
            + "answered HTTP 400: bad \\u001b[31m request\\u000aforged line");

    // Vault's own multi-error layout is still flattened to one line, not shown escaped.
    vault.failNext("/v1/secret/data/app/db", 1, 400,
        "{\"errors\":[\"2 errors occurred:\\n\\t* one\\n\\t* two\\n\\n\"]}");
    assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
        .hasMessageEndingWith("answered HTTP 400: one; two");
    assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
  }

  // ------------------------------------------------------------------ issue 10: request targets

  /** Dot segments, empty segments and backslashes, plain or percent-encoded once or twice. */
  private static final List<String> TRAVERSALS = List.of(
      "app/../../sys/raw/x", "..", ".", "./app/db", "app/./db", "app/db/..", "app/..", "../app",
      "app//db", "app///db", "app/%2e%2e/db", "app/%2E%2e/db", "app/.%2e/db", "app/%2e/db",
      "app/%252e%252e/db", "app/%25252e%25252e/db", "app%2f..%2fdb", "app%2F%2Fdb", "app\\..\\db",
      "app/..\\db", "app\\db", "app%5c..%5cdb", "%2e%2e/sys/raw/x");

  @Test
  void pathSegmentsThatWouldChangeTheRequestTargetAreRefusedBeforeAnyRequest() {
    for (String path : TRAVERSALS) {
      assertThatThrownBy(() -> read(secrets, "path", path, "key", "password"))
          .as(path)
          .isExactlyInstanceOf(SecretParametersError.class)
          .hasMessageStartingWith(PREFIX + "The \"path\" parameter must not contain '.' or '..' "
              + "segments, empty segments or backslashes, also percent-encoded: \"");
      assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password",
          "mount_point", path))
          .as(path)
          .isExactlyInstanceOf(SecretParametersError.class)
          .hasMessageStartingWith(PREFIX + "The \"mount_point\" parameter must not contain '.' or "
              + "'..' segments, empty segments or backslashes, also percent-encoded: \"");
    }
    assertThatThrownBy(() -> read(secrets, "path", "app/../../sys/raw/x\u202e", "key", "password"))
        .hasMessage(PREFIX + "The \"path\" parameter must not contain '.' or '..' segments, empty "
            + "segments or backslashes, also percent-encoded: \"app/../../sys/raw/x\\u202e\"");
    assertThat(vault.requests()).isEmpty();
  }

  @Test
  void mountPointsOfVaultsOwnApisAreRefusedBeforeAnyRequest() {
    for (String mount : List.of("sys", "sys/raw", "/sys/", "auth", "auth/token", "audit/file",
        "identity", "identity/entity")) {
      for (String kv : List.of("v1", "v2")) {
        assertThatThrownBy(() -> read(secrets, "path", "x", "key", "password",
            "mount_point", mount, "kv_version", kv))
            .as(mount)
            .isExactlyInstanceOf(SecretParametersError.class)
            .hasMessage(PREFIX + "The \"mount_point\" parameter names Vault's own sys, auth, audit "
                + "or identity API, where no KV engine can be mounted: \""
                + mount.replace("/sys/", "sys") + "\"");
      }
    }
    assertThat(vault.requests()).isEmpty();
  }

  @Test
  void unusualButHarmlessNamesAreEncodedNotRefused() {
    String path = "team a/x?y#z%41+;b/..x/x../.../é\u202e";
    vault.put("secret", path, Map.of("password", "p2"));
    vault.mountKv("sysadmin", 1).put("sysadmin", "a", Map.of("k", "v"));
    assertThat(read(secrets, "path", path, "key", "password")).isEqualTo("p2");
    assertThat(read(secrets, "path", "a", "key", "k", "mount_point", "sysadmin", "kv_version", "v1"))
        .isEqualTo("v");
    FakeVault.Request sent = vault.requests().stream()
        .filter(r -> r.path().startsWith("/v1/secret/")).findFirst().orElseThrow();
    assertThat(sent.path()).isEqualTo("/v1/secret/data/" + path);
    assertThat(sent.query()).isNull();
  }

  // ------------------------------------------------------------------ issue 10: bounded, escaped text

  @Test
  void everyParameterIsShownEscapedAndBoundedHoweverLong() {
    String huge = "a\u202e\n".repeat(5_000);
    vault.failNext("/v1/secret/data/", 1, 400, "{\"errors\":[\"bad request\"]}");
    List<Throwable> errors = List.of(
        catchError(() -> read(secrets, "path", "app/" + huge, "key", "password")),
        catchError(() -> read(secrets, "path", "app/" + huge, "key", "password")),
        catchError(() -> read(secrets, "path", "app/db", "key", huge)),
        catchError(() -> read(secrets, "path", "app/db", "key", "password", "mount_point", huge)),
        catchError(() -> read(secrets, "path", "app/db", "key", "password", "kv_version", huge)),
        catchError(() -> read(secrets, "path", "app/db", "key", "password", "version", huge)),
        catchError(() -> read(secrets, "path", "app/db", "key", "password", "vault", huge)),
        catchError(() -> read(secrets, "path", "app/db", "key", "password",
            "vault", "a".repeat(15_000))));
    assertThat(errors).allSatisfy(error -> assertThat(error.getMessage())
        .hasSizeLessThan(1_200)
        .doesNotContain("\u202e").doesNotContain("\n"));
    assertThat(errors.get(0).getMessage()).contains("answered HTTP 400: bad request");
  }

  @Test
  void logLinesAboutARequestShowItsTargetBounded() {
    CapturingLogs.clear();
    vault.failNext("/v1/secret/data/", 1, 503, "{\"errors\":[\"Vault is sealed\"]}");
    String path = "app/" + "\u202ex\n".repeat(5_000);
    vault.put("secret", path, Map.of("password", "p3"));
    assertThat(read(secrets, "path", path, "key", "password")).isEqualTo("p3");
    assertThat(CapturingLogs.events()).anySatisfy(event -> assertThat(event).contains("retry 1 of 2"));
    assertThat(CapturingLogs.events()).allSatisfy(event -> assertThat(event)
        .hasSizeLessThan(3_000).doesNotContain("\u202e").doesNotContain("\n"));
  }

  private static Throwable catchError(Runnable read) {
    try {
      read.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("no error");
  }
}
