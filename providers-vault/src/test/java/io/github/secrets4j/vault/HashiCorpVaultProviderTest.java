package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.P;
import static io.github.secrets4j.vault.VaultTesting.read;
import static io.github.secrets4j.vault.VaultTesting.runtime;
import static io.github.secrets4j.vault.VaultTesting.secret;
import static io.github.secrets4j.vault.VaultTesting.tokenSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.SecretParametersError;
import io.github.secrets4j.SecretProviderError;
import io.github.secrets4j.SecretValueNotFoundError;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.spi.CachePolicy;
import io.github.secrets4j.vault.fake.FakeVault;
import io.github.secrets4j.vault.fake.FakeVault.Request;
import io.github.secrets4j.vault.internal.VaultClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users see: parameters, settings, auth methods, several Vaults, and what goes on the wire. */
class HashiCorpVaultProviderTest {
  private FakeVault vault;

  @BeforeEach
  void start() {
    vault = FakeVault.start().mountKv("secret", 2).mountKv("kv1", 1).mountKv("team/a/kv", 2);
    vault.put("secret", "app/db", Map.of("password", "p1", "port", 5432, "tls", Map.of("on", true)));
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private Secrets rootRuntime() {
    return runtime(tokenSettings(vault.url(), vault.rootToken()));
  }

  private List<Request> reads(String path) {
    return vault.requests().stream().filter(r -> r.path().equals(path)).toList();
  }

  @Nested
  class Parameters {
    @Test
    void kvV2ReadsDataDataKeyWithTheTokenHeader() {
      try (Secrets secrets = rootRuntime()) {
        assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      }
      List<Request> reads = reads("/v1/secret/data/app/db");
      assertThat(reads).hasSize(1);
      assertThat(reads.get(0).method()).isEqualTo("GET");
      assertThat(reads.get(0).header("X-Vault-Token")).isEqualTo(vault.rootToken());
      assertThat(reads.get(0).header("X-Vault-Namespace")).isNull();
      assertThat(reads.get(0).query()).isNull();
    }

    @Test
    void kvV1ReadsDataKey() {
      vault.put("kv1", "legacy/app", Map.of("user", "admin"));
      try (Secrets secrets = rootRuntime()) {
        assertThat(read(secrets, "path", "legacy/app", "key", "user", "mount_point", "kv1",
            "kv_version", "v1")).isEqualTo("admin");
      }
      assertThat(reads("/v1/kv1/legacy/app")).hasSize(1);
    }

    @Test
    void mountPointsMayContainSlashesAndSurroundingSlashesAreIgnored() {
      vault.put("team/a/kv", "svc/db", Map.of("password", "deep"));
      try (Secrets secrets = rootRuntime()) {
        assertThat(read(secrets, "path", "/svc/db/", "key", "password", "mount_point", "/team/a/kv/"))
            .isEqualTo("deep");
      }
      assertThat(reads("/v1/team/a/kv/data/svc/db")).hasSize(1);
    }

    @Test
    void versionReadsAnOlderKvV2Version() {
      vault.put("secret", "app/db", Map.of("password", "p2"));
      try (Secrets secrets = rootRuntime()) {
        assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p2");
        assertThat(read(secrets, "path", "app/db", "key", "password", "version", "1")).isEqualTo("p1");
      }
      assertThat(reads("/v1/secret/data/app/db")).extracting(Request::query)
          .containsExactly(null, "version=1");
    }

    @Test
    void absentAndDeletedVersionsAreNotFound() {
      vault.put("secret", "app/db", Map.of("password", "p2"));
      vault.deleteVersion("secret", "app/db", 1);
      try (Secrets secrets = rootRuntime()) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password", "version", "1"))
            .isInstanceOf(SecretValueNotFoundError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): No secret at path 'app/db' "
                + "(mount_point 'secret', kv_version v2, version 1) in HashiCorp Vault \"default\"");
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password", "version", "7"))
            .isInstanceOf(SecretValueNotFoundError.class);
      }
    }

    @Test
    void missingPathIsSecretValueNotFoundError() {
      try (Secrets secrets = rootRuntime()) {
        assertThatThrownBy(() -> read(secrets, "path", "app/nothing", "key", "password"))
            .isInstanceOf(SecretValueNotFoundError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): No secret at path 'app/nothing' "
                + "(mount_point 'secret', kv_version v2) in HashiCorp Vault \"default\"");
      }
    }

    @Test
    void missingKeyHasTheReferenceMessage() {
      try (Secrets secrets = rootRuntime()) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "nope"))
            .isInstanceOf(SecretValueNotFoundError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): "
                + "The secret value could not be retrieved using key 'nope'");
      }
    }

    @Test
    void nonStringValuesComeBackAsJsonText() {
      try (Secrets secrets = rootRuntime()) {
        assertThat(read(secrets, "path", "app/db", "key", "port")).isEqualTo("5432");
        assertThat(read(secrets, "path", "app/db", "key", "tls")).isEqualTo("{\"on\":true}");
      }
    }

    @Test
    void pathSegmentsAreEncoded() {
      vault.put("secret", "my app/db#1", Map.of("password", "spaced"));
      try (Secrets secrets = rootRuntime()) {
        assertThat(read(secrets, "path", "my app/db#1", "key", "password")).isEqualTo("spaced");
      }
      assertThat(reads("/v1/secret/data/my app/db#1")).hasSize(1);
    }

    @Test
    void badKvVersionOrVersionIsSecretParametersError() {
      try (Secrets secrets = rootRuntime()) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password", "kv_version", "v3"))
            .isInstanceOf(SecretParametersError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): "
                + "The \"kv_version\" parameter must be v1 or v2, not \"v3\"");
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password", "version", "x1"))
            .isInstanceOf(SecretParametersError.class)
            .hasMessageEndingWith("The \"version\" parameter must be a positive whole number, not \"x1\"");
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password", "version", "0"))
            .isInstanceOf(SecretParametersError.class);
        assertThatThrownBy(() -> read(secrets, "path", "a", "key", "k", "mount_point", "kv1",
            "kv_version", "v1", "version", "2"))
            .isInstanceOf(SecretParametersError.class)
            .hasMessageEndingWith("The \"version\" parameter is only supported with kv_version v2");
        assertThatThrownBy(() -> read(secrets, "path", "//", "key", "k"))
            .isInstanceOf(SecretParametersError.class);
      }
      assertThat(vault.count("GET", "/v1/secret/")).isZero();
    }

    @Test
    void templatedParametersPickTheVaultAndPath() {
      try (Secrets secrets = rootRuntime()) {
        var secret = secret(secrets, "path", "{{ obj.app }}/db", "key", "password");
        assertThat(secret.getValue(Map.of("app", "app"))).isEqualTo("p1");
      }
    }
  }

  @Nested
  class Settings {
    @Test
    void defaultMountPointAndKvVersionComeFromSettings() {
      vault.put("kv1", "legacy/app", Map.of("user", "admin"));
      Map<String, String> settings = tokenSettings(vault.url(), vault.rootToken());
      settings.put(P + "default-mount-point", "kv1");
      settings.put(P + "kv-version", "v1");
      try (Secrets secrets = runtime(settings)) {
        assertThat(read(secrets, "path", "legacy/app", "key", "user")).isEqualTo("admin");
        // parameters still win
        assertThat(read(secrets, "path", "app/db", "key", "password", "mount_point", "secret",
            "kv_version", "v2")).isEqualTo("p1");
      }
    }

    @Test
    void vaultCliVariablesAreFallbacksForTheDefaultVault() {
      vault.mountKv("team-ns", "secret", 2);
      vault.put("team-ns", "secret", "app/db", Map.of("password", "in-namespace"));
      try (Secrets secrets = runtime(Map.of(), Map.of("VAULT_ADDR", vault.url(),
          "VAULT_TOKEN", vault.rootToken(), "VAULT_NAMESPACE", "team-ns"))) {
        assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("in-namespace");
      }
      Request read = reads("/v1/secret/data/app/db").get(0);
      assertThat(read.header("X-Vault-Namespace")).isEqualTo("team-ns");
      assertThat(read.header("X-Vault-Token")).isEqualTo(vault.rootToken());
      assertThat(reads("/v1/auth/token/lookup-self").get(0).header("X-Vault-Namespace"))
          .isEqualTo("team-ns");
    }

    @Test
    void settingsWinOverVaultCliVariables() {
      String token = vault.createToken(Duration.ofHours(1), true);
      Map<String, String> settings = tokenSettings(vault.url(), token);
      try (Secrets secrets = runtime(settings, Map.of("VAULT_ADDR", "http://127.0.0.1:1",
          "VAULT_TOKEN", "hvs.from-environment"))) {
        assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      }
      assertThat(vault.requests()).allSatisfy(r -> assertThat(r.header("X-Vault-Token")).isEqualTo(token));
    }

    @Test
    void severalNamedVaultsAreSelectedByTheVaultParameter() {
      try (FakeVault second = FakeVault.start().mountKv("ops", "kv", 1)) {
        second.put("ops", "kv", "app/db", Map.of("password", "from-second"));
        String secondToken = second.createToken(Duration.ofHours(1), false);
        Map<String, String> settings = tokenSettings(vault.url(), vault.rootToken());
        settings.put(P + "vaults.second.url", second.url());
        settings.put(P + "vaults.second.token", secondToken);
        settings.put(P + "vaults.second.default-mount-point", "kv");
        settings.put(P + "vaults.second.kv-version", "v1");
        settings.put(P + "vaults.second.namespace", "ops");
        try (Secrets secrets = runtime(settings)) {
          assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
          assertThat(read(secrets, "path", "app/db", "key", "password", "vault", "second"))
              .isEqualTo("from-second");
          assertThat(read(secrets, "path", "app/db", "key", "password", "vault", "default"))
              .isEqualTo("p1");
        }
        assertThat(second.requests()).allSatisfy(r -> {
          assertThat(r.header("X-Vault-Token")).isEqualTo(secondToken);
          assertThat(r.header("X-Vault-Namespace")).isEqualTo("ops");
        });
        assertThat(second.count("GET", "/v1/kv/app/db")).isEqualTo(1);
      }
    }

    @Test
    void namedVaultsIgnoreTheVaultCliVariables() {
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put(P + "vaults.x.url", vault.url());
      try (Secrets secrets = runtime(settings, Map.of("VAULT_TOKEN", vault.rootToken()))) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password", "vault", "x"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): Setting "
                + "secrets4j.hashicorp-vault.vaults.x.token is not set; it is required for "
                + "auth_method token (HashiCorp Vault \"x\")");
      }
    }

    @Test
    void unknownVaultNameIsSecretProviderError() {
      try (Secrets secrets = rootRuntime()) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password", "vault", "nope"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): Unknown HashiCorp Vault "
                + "\"nope\" (parameter \"vault\"): setting secrets4j.hashicorp-vault.vaults.nope.url "
                + "is not set");
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password", "vault", "a.b"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessageContaining("Unknown HashiCorp Vault \"a.b\"");
      }
    }

    @Test
    void misconfigurationNamesTheSettingNeverItsValue() {
      String tokenValue = "hvs.never-print-me";
      assertMisconfigured(Map.of(P + "token", tokenValue), Map.of(),
          "Setting secrets4j.hashicorp-vault.url is not set (nor is VAULT_ADDR); it is required "
              + "for every Vault (HashiCorp Vault \"default\")");
      assertMisconfigured(Map.of(P + "url", vault.url()), Map.of(),
          "Setting secrets4j.hashicorp-vault.token is not set (nor is VAULT_TOKEN); it is required "
              + "for auth_method token (HashiCorp Vault \"default\")");
      assertMisconfigured(Map.of(P + "url", vault.url(), P + "auth-method", "ldap-please"), Map.of(),
          "Setting secrets4j.hashicorp-vault.auth-method is not one of token, approle, kubernetes");
      assertMisconfigured(Map.of(P + "url", vault.url(), P + "auth-method", "approle",
          P + "role-id", "r"), Map.of(),
          "Setting secrets4j.hashicorp-vault.secret-id is not set; it is required for auth_method "
              + "approle (HashiCorp Vault \"default\")");
      assertMisconfigured(Map.of(P + "url", vault.url(), P + "auth-method", "kubernetes"), Map.of(),
          "Setting secrets4j.hashicorp-vault.role-name is not set; it is required for auth_method "
              + "kubernetes (HashiCorp Vault \"default\")");
      assertMisconfigured(Map.of(P + "url", "https://user:" + tokenValue + "@vault:8200",
          P + "token", tokenValue), Map.of(),
          "Setting secrets4j.hashicorp-vault.url must be scheme://host[:port][/path] without user "
              + "information, query or fragment");
      assertMisconfigured(Map.of(P + "url", "ftp://vault"), Map.of("VAULT_TOKEN", tokenValue),
          "Setting secrets4j.hashicorp-vault.url is not an http:// or https:// URL with a host");
      assertMisconfigured(Map.of(P + "url", vault.url(), P + "token", tokenValue,
          P + "read-timeout", "forever"), Map.of(),
          "Setting secrets4j.hashicorp-vault.read-timeout must be a duration such as 0, 30s, 5m or "
              + "PT5M, not \"forever\"");
      assertMisconfigured(Map.of(P + "url", vault.url(), P + "token", tokenValue,
          P + "open-timeout", "0s"), Map.of(),
          "Setting secrets4j.hashicorp-vault.open-timeout must be more than zero and at most 10 minutes");
      assertMisconfigured(Map.of(P + "url", vault.url(), P + "token", tokenValue,
          P + "retries", "1000"), Map.of(),
          "Setting secrets4j.hashicorp-vault.retries must be a whole number from 0 to 10");
      assertMisconfigured(Map.of(P + "url", vault.url(), P + "token", tokenValue,
          P + "tls-verify", "maybe"), Map.of(),
          "Setting secrets4j.hashicorp-vault.tls-verify must be true or false, not \"maybe\"");
      assertMisconfigured(Map.of(P + "url", vault.url(), P + "token", tokenValue,
          P + "kv-version", "3"), Map.of(),
          "Setting secrets4j.hashicorp-vault.kv-version is neither v1 nor v2");
      assertThat(vault.requests()).isEmpty();
    }

    private void assertMisconfigured(Map<String, String> settings, Map<String, String> env,
        String reason) {
      try (Secrets secrets = runtime(settings, env)) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): " + reason)
            .hasMessageNotContaining("never-print-me");
      }
    }

    @Test
    void cachePolicyIsAFewMinutes() {
      try (Secrets secrets = rootRuntime()) {
        CachePolicy policy = secrets.provider("hashicorp-vault").orElseThrow().cachePolicy();
        assertThat(policy.enabled()).isTrue();
        assertThat(policy.ttl()).isEqualTo(Duration.ofMinutes(5));
      }
    }
  }

  @Nested
  class AuthMethods {
    @Test
    void appRoleLogsInOnceAtItsMountAndUsesTheIssuedToken() {
      vault.enableAppRole("ci/approle", "role-1", "secret-id-1", Duration.ofHours(1), true);
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put(P + "url", vault.url());
      settings.put(P + "auth-method", "approle");
      settings.put(P + "role-id", "role-1");
      settings.put(P + "secret-id", "secret-id-1");
      settings.put(P + "auth-mount", "/ci/approle/");
      try (Secrets secrets = runtime(settings)) {
        assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
        assertThat(read(secrets, "path", "app/db", "key", "port")).isEqualTo("5432");
      }
      List<Request> logins = reads("/v1/auth/ci/approle/login");
      assertThat(logins).hasSize(1);
      assertThat(logins.get(0).method()).isEqualTo("POST");
      assertThat(logins.get(0).header("X-Vault-Token")).isNull();
      assertThat(logins.get(0).body()).isEqualTo("{\"role_id\":\"role-1\",\"secret_id\":\"secret-id-1\"}");
      List<Request> reads = reads("/v1/secret/data/app/db");
      assertThat(reads).hasSize(2);
      String issued = reads.get(0).header("X-Vault-Token");
      assertThat(issued).startsWith("hvs.").isNotEqualTo(vault.rootToken());
      assertThat(reads.get(1).header("X-Vault-Token")).isEqualTo(issued);
      // close() revokes the token it logged in for, so no lease outlives the runtime
      List<Request> revokes = reads("/v1/auth/token/revoke-self");
      assertThat(revokes).hasSize(1);
      assertThat(revokes.get(0).header("X-Vault-Token")).isEqualTo(issued);
    }

    @Test
    void kubernetesLogsInWithTheServiceAccountJwt(@TempDir Path dir) throws Exception {
      Path jwtFile = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.k8s.jwt\n");
      vault.enableKubernetes("kubernetes", "web", "eyJhbGciOiJSUzI1NiJ9.k8s.jwt",
          Duration.ofMinutes(30), true);
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put(P + "url", vault.url());
      settings.put(P + "auth-method", "kubernetes");
      settings.put(P + "role-name", "web");
      settings.put(P + "k8s-token-path", jwtFile.toString());
      try (Secrets secrets = runtime(settings)) {
        assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      }
      List<Request> logins = reads("/v1/auth/kubernetes/login");
      assertThat(logins).hasSize(1);
      assertThat(logins.get(0).body())
          .isEqualTo("{\"role\":\"web\",\"jwt\":\"eyJhbGciOiJSUzI1NiJ9.k8s.jwt\"}");
      assertThat(vault.logins()).isEqualTo(1);
    }

    @Test
    void unreadableServiceAccountTokenIsALoginFailure(@TempDir Path dir) {
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put(P + "url", vault.url());
      settings.put(P + "auth-method", "kubernetes");
      settings.put(P + "role-name", "web");
      settings.put(P + "k8s-token-path", dir.resolve("missing").toString());
      try (Secrets secrets = runtime(settings)) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): HashiCorp Vault Login failed "
                + "(auth_method: kubernetes). Error: the service account token file named by "
                + "secrets4j.hashicorp-vault.k8s-token-path cannot be read (NoSuchFileException)");
      }
    }

    @Test
    void rejectedLoginsHaveTheReferenceMessage(@TempDir Path dir) throws Exception {
      vault.enableAppRole("approle", "role-1", "secret-id-1", Duration.ofHours(1), true);
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put(P + "url", vault.url());
      settings.put(P + "auth-method", "approle");
      settings.put(P + "role-id", "role-1");
      settings.put(P + "secret-id", "wrong-secret-id");
      try (Secrets secrets = runtime(settings)) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): HashiCorp Vault Login failed "
                + "(auth_method: approle). Error: invalid role or secret ID")
            .hasMessageNotContaining("wrong-secret-id");
      }
      vault.enableKubernetes("kubernetes", "web", "the-right-jwt", Duration.ofHours(1), true);
      Map<String, String> k8s = new LinkedHashMap<>();
      k8s.put(P + "url", vault.url());
      k8s.put(P + "auth-method", "kubernetes");
      k8s.put(P + "role-name", "web");
      k8s.put(P + "k8s-token-path", Files.writeString(dir.resolve("t"), "a-wrong-jwt").toString());
      try (Secrets secrets = runtime(k8s)) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): HashiCorp Vault Login failed "
                + "(auth_method: kubernetes). Error: permission denied");
      }
      try (Secrets secrets = runtime(tokenSettings(vault.url(), "hvs.unknown-token"))) {
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): HashiCorp Vault Login failed "
                + "(auth_method: token). Error: permission denied; invalid token")
            .hasMessageNotContaining("hvs.unknown-token");
      }
      assertThat(vault.count("GET", "/v1/secret/")).isZero();
    }

    @Test
    void accessDeniedNamesThePathAndTheAuthMethodWithoutLoggingInAgain() {
      vault.enableAppRole("approle", "role-1", "secret-id-1", Duration.ofHours(1), true);
      vault.denyReads("secret/data/restricted/");
      vault.put("secret", "restricted/db", Map.of("password", "no"));
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put(P + "url", vault.url());
      settings.put(P + "auth-method", "approle");
      settings.put(P + "role-id", "role-1");
      settings.put(P + "secret-id", "secret-id-1");
      try (Secrets secrets = runtime(settings)) {
        for (int i = 0; i < 3; i++) {
          assertThatThrownBy(() -> read(secrets, "path", "restricted/db", "key", "password"))
              .isInstanceOf(SecretProviderError.class)
              .hasMessage("Secret \"S\" (provider \"hashicorp-vault\"): Access denied to path "
                  + "'restricted/db' (mount_point 'secret', kv_version v2) in HashiCorp Vault "
                  + "\"default\" at " + vault.url() + " (auth_method: approle): permission denied");
        }
        assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
      }
      assertThat(vault.logins()).isEqualTo(1);
    }
  }

  @Nested
  class Clients {
    @Test
    void oneHttpClientPerVaultAndConnectionsAreReused() {
      HashiCorpVaultProvider provider = HashiCorpVaultProvider.create(
          new TestContext(tokenSettings(vault.url(), vault.rootToken()), Map.of()), Clock.systemUTC());
      try (Secrets secrets = Secrets.builder().provider(provider).environment(Map.of()).settings(VaultTesting.NO_CACHE).build()) {
        read(secrets, "path", "app/db", "key", "password");
        VaultClient client = provider.existingClient("default");
        var httpClient = client.driverConfig().getHttpClient();
        for (int i = 0; i < 5; i++) {
          read(secrets, "path", "app/db", "key", "password");
        }
        assertThat(provider.existingClient("default")).isSameAs(client);
        assertThat(client.driverConfig().getHttpClient()).isSameAs(httpClient);
      }
      // sequential requests travel over one kept-alive connection
      assertThat(vault.requests()).extracting(Request::remotePort).containsOnly(
          vault.requests().get(0).remotePort());
      assertThat(vault.count("GET", "/v1/auth/token/lookup-self")).isEqualTo(1);
    }

    @Test
    void toStringShowsNoCredential() {
      Map<String, String> settings = tokenSettings(vault.url(), vault.rootToken());
      HashiCorpVaultProvider provider =
          HashiCorpVaultProvider.create(new TestContext(settings, Map.of()), Clock.systemUTC());
      try (Secrets secrets = Secrets.builder().provider(provider).environment(Map.of()).settings(VaultTesting.NO_CACHE).build()) {
        read(secrets, "path", "app/db", "key", "password");
        VaultClient client = provider.existingClient("default");
        assertThat(provider.toString()).isEqualTo("HashiCorpVaultProvider{vaults in use=[default]}");
        assertThat(client.toString()).contains("token=██").doesNotContain(vault.rootToken());
        assertThat(client.settings().toString()).contains("token=██").doesNotContain(vault.rootToken());
      }
    }

    @Test
    void closedProviderRefusesReads() {
      HashiCorpVaultProvider provider = HashiCorpVaultProvider.create(
          new TestContext(tokenSettings(vault.url(), vault.rootToken()), Map.of()));
      try (Secrets secrets = Secrets.builder().provider(provider).environment(Map.of()).settings(VaultTesting.NO_CACHE).build()) {
        assertThat(read(secrets, "path", "app/db", "key", "password")).isEqualTo("p1");
        provider.close();
        assertThatThrownBy(() -> read(secrets, "path", "app/db", "key", "password"))
            .isInstanceOf(SecretProviderError.class)
            .hasMessageEndingWith("The HashiCorp Vault provider is closed");
      }
    }
  }
}
