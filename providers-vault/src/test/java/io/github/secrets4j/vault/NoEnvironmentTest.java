package io.github.secrets4j.vault;

import static io.github.secrets4j.vault.VaultTesting.P;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jopenlibs.vault.VaultConfig;
import io.github.secrets4j.vault.internal.VaultClient;
import io.github.secrets4j.vault.internal.VaultSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver reads nothing from the environment: only what secrets4j hands it. */
class NoEnvironmentTest {
  @Test
  void driverConfigTakesNoTokenFromTheHomeDirectoryAndHasBoundedTimeouts(@TempDir Path home)
      throws Exception {
    Files.writeString(home.resolve(".vault-token"), "hvs.from-home-directory");
    String originalHome = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
    try {
      // The driver's default loader does pick it up: this test can fail.
      VaultConfig driverDefault = new VaultConfig().address("http://127.0.0.1:8200").build();
      assertThat(driverDefault.getToken()).isNotNull();
      assertThat(driverDefault.getReadTimeout()).isNull();

      TestContext context = new TestContext(
          Map.of(P + "url", "http://127.0.0.1:8200", P + "token", "hvs.configured",
              P + "read-timeout", "1500ms"), Map.of());
      VaultSettings settings = VaultSettings.load(context, "default");
      VaultConfig ours = VaultClient.create(settings, context, Clock.systemUTC(),
          new ManualScheduler(new MutableClock())).driverConfig();
      assertThat(ours.getToken()).isNull();
      assertThat(ours.getAddress()).isEqualTo("http://127.0.0.1:8200");
      assertThat(ours.getOpenTimeout()).isEqualTo(5);
      assertThat(ours.getReadTimeout()).isEqualTo(2);
      assertThat(ours.getNameSpace()).isNull();
      assertThat(ours.getHttpClient()).isNotNull();
      assertThat(ours.getHttpClient().connectTimeout()).hasValue(java.time.Duration.ofSeconds(5));
    } finally {
      System.setProperty("user.home", originalHome);
    }
  }

  @Test
  void settingsHideCredentialsInToString() throws Exception {
    VaultSettings settings = VaultSettings.load(new TestContext(Map.of(
        P + "url", "https://vault.example:8200/", P + "auth-method", "approle",
        P + "role-id", "role-1", P + "secret-id", "sid-value"), Map.of()), "default");
    assertThat(settings.toString())
        .contains("url=https://vault.example:8200,", "authMethod=approle", "secretId=██",
            "roleId=role-1", "authMount=approle", "kvVersion=v2", "readTimeout=PT15S", "retries=2")
        .doesNotContain("sid-value");
  }
}
