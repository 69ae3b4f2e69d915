package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.spi.CachePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsPolicyTest {
  @TempDir Path dir;

  private final TestProviders.Scripted env =
      new TestProviders.Scripted("environment-variable", request -> "env-value");
  private final TestProviders.Scripted file =
      new TestProviders.Scripted("text-file", request -> "file-value");
  private final TestProviders.Scripted vault =
      new TestProviders.Scripted("hashicorp-vault", request -> "vault-value");

  private Secrets secrets(SecretsPolicy policy) {
    return Secrets.builder().discoverProviders(false).provider(env).provider(file).provider(vault)
        .policy(policy).build();
  }

  private static Secret secret(Secrets secrets, String provider, String parameter, String template) {
    return secrets.secret("Guarded").provider(provider).parameter(parameter, template).build();
  }

  @Test
  void providersNamedByNoRuleAreRefusedAndNotAsked() {
    SecretsPolicy policy = SecretsPolicy.builder()
        .allow("environment-variable", rule -> rule.prefix("variable", "NAPALM_"))
        .allow("text-file")
        .build();
    try (Secrets secrets = secrets(policy)) {
      assertThatThrownBy(() -> secret(secrets, "hashicorp-vault", "path", "apps/x").getValue())
          .isInstanceOf(SecretAccessDeniedError.class)
          .hasMessage("Secret \"Guarded\" (provider \"hashicorp-vault\"): Access denied: provider "
              + "\"hashicorp-vault\" is not allowed by the policy (allowed: environment-variable, "
              + "text-file)");
      assertThat(vault.calls).hasValue(0);
      assertThat(secret(secrets, "text-file", "path", "/anything").getValue()).isEqualTo("file-value");
    }
  }

  @Test
  void prefixIsCheckedOnTheRenderedValueNotTheTemplate() {
    SecretsPolicy policy = SecretsPolicy.builder()
        .allow("environment-variable", rule -> rule.prefix("variable", "NAPALM_")).build();
    try (Secrets secrets = secrets(policy)) {
      // Nautobot's constraint would see "NAPALM_{{ obj.name }}" and allow it; here "NAPALM_" is
      // checked on what the template renders to.
      Secret templated = secret(secrets, "environment-variable", "variable", "{{ obj.name }}");
      assertThat(templated.getValue(Map.of("name", "NAPALM_PASSWORD"))).isEqualTo("env-value");
      assertThatThrownBy(() -> templated.getValue(Map.of("name", "AWS_SECRET_ACCESS_KEY")))
          .isInstanceOf(SecretAccessDeniedError.class)
          .hasMessage("Secret \"Guarded\" (provider \"environment-variable\"): Access denied: the "
              + "\"variable\" parameter \"AWS_SECRET_ACCESS_KEY\" does not start with one of "
              + "[NAPALM_] (rule environment-variable: variable prefix NAPALM_)");
      assertThat(env.calls).hasValue(1);
    }
  }

  @Test
  void equalsAndMatchesConstraintsAllMustHold() {
    SecretsPolicy policy = SecretsPolicy.builder()
        .allow("hashicorp-vault", rule -> rule.equalTo("vault", "default", "backup")
            .matches("path", "apps/[a-z0-9-]+"))
        .build();
    try (Secrets secrets = secrets(policy)) {
      Secret ok = secrets.secret("V").provider("hashicorp-vault").parameter("vault", "backup")
          .parameter("path", "apps/web-1").build();
      assertThat(ok.getValue()).isEqualTo("vault-value");
      Secret wrongVault = secrets.secret("V").provider("hashicorp-vault").parameter("vault", "prod")
          .parameter("path", "apps/web-1").build();
      assertThatThrownBy(wrongVault::getValue).isInstanceOf(SecretAccessDeniedError.class)
          .hasMessageContaining("the \"vault\" parameter \"prod\" is not one of [default, backup]");
      Secret wrongPath = secrets.secret("V").provider("hashicorp-vault").parameter("vault", "default")
          .parameter("path", "apps/web-1/../../sys").build();
      assertThatThrownBy(wrongPath::getValue).isInstanceOf(SecretAccessDeniedError.class)
          .hasMessageContaining("does not match apps/[a-z0-9-]+");
      Secret absent = secrets.secret("V").provider("hashicorp-vault").parameter("path", "apps/x").build();
      assertThatThrownBy(absent::getValue).isInstanceOf(SecretAccessDeniedError.class)
          .hasMessageContaining("the \"vault\" parameter is absent");
    }
  }

  @Test
  void severalRulesForOneProviderAreAlternatives() {
    SecretsPolicy policy = SecretsPolicy.builder()
        .allow("environment-variable", rule -> rule.prefix("variable", "NAPALM_"))
        .allow("environment-variable", rule -> rule.equalTo("variable", "GIT_TOKEN"))
        .build();
    try (Secrets secrets = secrets(policy)) {
      assertThat(secret(secrets, "environment-variable", "variable", "GIT_TOKEN").getValue()).isEqualTo("env-value");
      assertThat(secret(secrets, "environment-variable", "variable", "NAPALM_X").getValue()).isEqualTo("env-value");
      assertThatThrownBy(() -> secret(secrets, "environment-variable", "variable", "HOME").getValue())
          .hasMessageEndingWith("; no other rule for \"environment-variable\" allows it either");
    }
  }

  @Test
  void underChecksTheRealPath() throws IOException {
    Path root = Files.createDirectories(dir.resolve("secrets"));
    Path outside = Files.writeString(dir.resolve("outside.txt"), "x");
    Files.createSymbolicLink(root.resolve("link.txt"), outside);
    SecretsPolicy policy = SecretsPolicy.builder()
        .allow("text-file", rule -> rule.under("path", root.toString())).build();
    try (Secrets secrets = secrets(policy)) {
      Secret perDevice = secret(secrets, "text-file", "path", root + "/{{ obj.name }}.txt");
      assertThat(perDevice.getValue(Map.of("name", "csr1"))).as("missing files pass to the provider")
          .isEqualTo("file-value");
      assertThatThrownBy(() -> perDevice.getValue(Map.of("name", "link")))
          .as("a link inside the root that leads out of it")
          .isInstanceOf(SecretAccessDeniedError.class)
          .hasMessageContaining("is not an absolute path inside [" + root + "]");
      // Not paths at all: mistakes in the parameters, whatever the rule.
      for (String hostile : new String[] {"../outside", "../../../../etc/passwd", "a\0b"}) {
        assertThatThrownBy(() -> perDevice.getValue(Map.of("name", hostile)))
            .as(hostile)
            .isInstanceOf(SecretParametersError.class)
            .hasMessageContaining("The \"path\" parameter ");
      }
      assertThatThrownBy(() -> secret(secrets, "text-file", "path", "relative.txt").getValue())
          .isInstanceOf(SecretParametersError.class)
          .hasMessageEndingWith("The \"path\" parameter must be an absolute path: \"relative.txt\"");
      assertThat(file.calls).hasValue(1);
    }
  }

  @Test
  @SuppressWarnings("try") // the open stream is held only so that /proc/self/fd/N exists
  void underRefusesPathsWhoseRealPathCannotBeProvenInside() throws IOException {
    Path root = Files.createDirectories(dir.resolve("secrets"));
    Path inside = Files.writeString(root.resolve("inside.txt"), "x");
    Path outside = Files.writeString(dir.resolve("outside.txt"), "x");
    List<Path> hostile = new ArrayList<>();
    hostile.add(HostilePaths.longChainTo(root, outside));
    hostile.add(HostilePaths.loop(root));
    hostile.add(Files.createSymbolicLink(root.resolve("via-loop"), root.resolve("loop/x")));
    SecretsPolicy policy = SecretsPolicy.builder()
        .allow("text-file", rule -> rule.under("path", root.toString())).build();
    try (InputStream held = Files.newInputStream(inside); Secrets secrets = secrets(policy)) {
      hostile.addAll(HostilePaths.procfsLinks(root, inside));
      for (Path path : hostile) {
        assertThatThrownBy(() -> secret(secrets, "text-file", "path", path.toString()).getValue())
            .as(path.toString())
            .isInstanceOf(SecretAccessDeniedError.class)
            .hasMessageContaining("is not an absolute path inside [" + root + "]");
      }
      assertThat(file.calls).as("no hostile path reached the provider").hasValue(0);
      assertThat(secret(secrets, "text-file", "path", inside.toString()).getValue())
          .isEqualTo("file-value");
      assertThat(secret(secrets, "text-file", "path", root + "/missing/deeper.txt").getValue())
          .as("nothing there, and where it would be is inside").isEqualTo("file-value");
    } finally {
      HostilePaths.removeLongChain(root);
    }
  }

  @Test
  void longOrControlCharacterValuesAreShownSafely() {
    SecretsPolicy policy = SecretsPolicy.builder()
        .allow("environment-variable", rule -> rule.prefix("variable", "OK_")).build();
    try (Secrets secrets = secrets(policy)) {
      Secret templated = secret(secrets, "environment-variable", "variable", "{{ obj.name }}");
      assertThatThrownBy(() -> templated.getValue(Map.of("name", "X\nFORGED LOG LINE")))
          .hasMessageContaining("\"X\\u000aFORGED LOG LINE\"");
      assertThatThrownBy(() -> templated.getValue(Map.of("name", "Y".repeat(5000))))
          .hasMessageContaining("Y".repeat(200) + "...\"")
          .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(600));
    }
  }

  @Test
  void textFormParsesAndPrints() {
    SecretsPolicy policy = SecretsPolicy.parse(
        " environment-variable: variable prefix NAPALM_|NETCONF_ ; text-file: path under /opt/secrets;"
            + "hashicorp-vault: vault equals default, path matches apps/(web|db)-\\d+\\,x ");
    assertThat(policy.providers()).containsExactly("environment-variable", "text-file", "hashicorp-vault");
    assertThat(policy).hasToString("environment-variable: variable prefix NAPALM_|NETCONF_; "
        + "text-file: path under /opt/secrets; hashicorp-vault: vault equals default, "
        + "path matches apps/(web|db)-\\d+,x");
    assertThat(policy.check("hashicorp-vault", Map.of("vault", "default", "path", "apps/db-12,x"))).isEmpty();
    assertThat(policy.check("hashicorp-vault", Map.of("vault", "default", "path", "apps/db-x,x"))).isPresent();
    assertThat(SecretsPolicy.parse("text-file")).isEqualTo(SecretsPolicy.builder().allow("text-file").build());
  }

  @Test
  void textFormErrorsNameTheRule() {
    assertThatThrownBy(() -> SecretsPolicy.parse("text-file: path near /opt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("policy rule 1: unknown operator \"near\" (use equals, prefix, matches or under)");
    assertThatThrownBy(() -> SecretsPolicy.parse("text-file; Not A Slug"))
        .hasMessage("policy rule 2: \"Not A Slug\" is not a provider slug");
    assertThatThrownBy(() -> SecretsPolicy.parse("text-file: path"))
        .hasMessage("policy rule 1: \"path\" is not \"parameter operator value\"");
    assertThatThrownBy(() -> SecretsPolicy.parse(" ; ")).hasMessage("policy has no rule");
    assertThatThrownBy(() -> SecretsPolicy.parse("text-file: path under relative"))
        .hasMessage("\"relative\" is not an absolute directory");
    assertThatThrownBy(() -> SecretsPolicy.parse("x: p matches ("))
        .hasMessageStartingWith("invalid regular expression for \"p\"");
  }

  @Test
  void policyIsLoadedFromTheSetting() {
    try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(env).provider(vault)
        .setting("secrets4j.policy", "environment-variable: variable prefix APP_").build()) {
      assertThat(secret(secrets, "environment-variable", "variable", "APP_KEY").getValue()).isEqualTo("env-value");
      assertThatThrownBy(() -> secret(secrets, "hashicorp-vault", "path", "p").getValue())
          .isInstanceOf(SecretAccessDeniedError.class);
    }
    assertThatThrownBy(() -> Secrets.builder().setting("secrets4j.policy", "x: p near q").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Setting secrets4j.policy is invalid: policy rule 1: unknown operator");
  }

  @Test
  @SuppressWarnings("try") // closed inside the block on purpose: the test checks what closing does
  void viewsAddTheirPolicyAndShareProvidersAndCache() {
    vault.policy = CachePolicy.ttl(Duration.ofMinutes(5));
    try (Secrets secrets = secrets(SecretsPolicy.allowAll())) {
      Secret tenantA = secrets.secret("A").provider("hashicorp-vault").parameter("path", "tenants/a/db").build();
      Secret tenantB = secrets.secret("B").provider("hashicorp-vault").parameter("path", "tenants/b/db").build();
      assertThat(tenantB.getValue()).isEqualTo("vault-value");

      Secrets viewA = secrets.withPolicy(SecretsPolicy.builder()
          .allow("hashicorp-vault", rule -> rule.prefix("path", "tenants/a/")).build());
      assertThat(viewA.getValue(tenantA)).isEqualTo("vault-value");
      assertThatThrownBy(() -> viewA.getValue(tenantB))
          .as("cached for the parent, still refused in the view")
          .isInstanceOf(SecretAccessDeniedError.class);
      assertThat(viewA.getValue(tenantA)).isEqualTo("vault-value");
      assertThat(vault.calls).as("the view shares the cache").hasValue(2);
      assertThat(viewA.stats()).isEqualTo(secrets.stats());

      Secrets narrower = viewA.withPolicy(SecretsPolicy.builder()
          .allow("hashicorp-vault", rule -> rule.matches("path", ".*/db")).build());
      assertThat(narrower.secret("C").provider("hashicorp-vault").parameter("path", "tenants/a/db")
          .build().getValue()).isEqualTo("vault-value");
      assertThatThrownBy(() -> narrower.getValue(tenantB)).isInstanceOf(SecretAccessDeniedError.class);

      viewA.close();
      assertThat(tenantA.getValue()).as("closing a view closes nothing").isEqualTo("vault-value");
      secrets.close();
      assertThatThrownBy(() -> viewA.getValue(tenantA)).isInstanceOf(IllegalStateException.class);
    }
  }

  /** What code that holds only a view (and what it obtains from it) can reach. */
  @Nested
  class Views {
    private final SecretsPolicy tenantA = SecretsPolicy.builder()
        .allow("hashicorp-vault", rule -> rule.prefix("path", "tenants/a/")).build();

    private Secret vaultSecret(Secrets secrets, String path) {
      return secrets.secret("V " + path).provider("hashicorp-vault").parameter("path", path).build();
    }

    @Test
    void aViewHandsOutNoProviderAndNoSetting() {
      try (Secrets secrets = Secrets.builder().discoverProviders(false).provider(vault)
          .setting("secrets4j.hashicorp-vault.token", "root-token").build()) {
        Secrets view = secrets.withPolicy(tenantA);
        assertThatThrownBy(() -> view.provider("hashicorp-vault"))
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("withPolicy");
        assertThatThrownBy(() -> view.setting("secrets4j.hashicorp-vault.token"))
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessageNotContaining("root-token");
        assertThatThrownBy(() -> view.withPolicy(SecretsPolicy.allowAll()).provider("x"))
            .isInstanceOf(UnsupportedOperationException.class);
        assertThat(view.providerSlugs()).containsExactly("hashicorp-vault");
        assertThat(secrets.provider("hashicorp-vault")).contains(vault);
        assertThat(secrets.setting("secrets4j.hashicorp-vault.token")).contains("root-token");
      }
    }

    @Test
    void groupsMadeThroughAViewResolveUnderItsPolicies() {
      try (Secrets secrets = secrets(SecretsPolicy.allowAll())) {
        Secret tenantB = vaultSecret(secrets, "tenants/b/db");
        Secrets view = secrets.withPolicy(tenantA);
        SecretsGroup group = view.group("G")
            .secret(AccessType.GENERIC, SecretType.PASSWORD, tenantB)
            .secret(AccessType.GENERIC, SecretType.USERNAME, vaultSecret(secrets, "tenants/a/db"))
            .build();
        assertThatThrownBy(() -> group.getSecretValue(AccessType.GENERIC, SecretType.PASSWORD))
            .isInstanceOf(SecretAccessDeniedError.class);
        assertThatThrownBy(() -> group.secret(AccessType.GENERIC, SecretType.PASSWORD)
            .orElseThrow().getValue())
            .as("a secret taken out of the group resolves under the view too")
            .isInstanceOf(SecretAccessDeniedError.class);
        assertThat(group.getSecretValue(AccessType.GENERIC, SecretType.USERNAME))
            .isEqualTo("vault-value");
        assertThat(vault.calls).hasValue(1);
        assertThat(tenantB.getValue()).as("the secret itself is unchanged").isEqualTo("vault-value");
      }
    }

    @Test
    void aViewInvalidatesOnlyWhatItMayRead() {
      vault.policy = CachePolicy.ttl(Duration.ofMinutes(5));
      try (Secrets secrets = secrets(SecretsPolicy.allowAll())) {
        Secret a = vaultSecret(secrets, "tenants/a/db");
        Secret b = vaultSecret(secrets, "tenants/b/db");
        Secret templated = secrets.secret("T").provider("hashicorp-vault")
            .parameter("path", "tenants/{{ obj.t }}/db").build();
        a.getValue();
        b.getValue();
        assertThat(vault.calls).hasValue(2);
        Secrets view = secrets.withPolicy(tenantA);

        view.invalidateAll();
        view.invalidate(b);
        view.invalidate(templated);
        assertThatThrownBy(() -> view.invalidate(b, null))
            .isInstanceOf(SecretAccessDeniedError.class);
        assertThatThrownBy(() -> view.invalidate(templated, Map.of("t", "b")))
            .isInstanceOf(SecretAccessDeniedError.class);
        b.getValue();
        assertThat(vault.calls).as("tenant b's value is still cached").hasValue(2);
        a.getValue();
        assertThat(vault.calls).as("tenant a's value was dropped by the view").hasValue(3);

        view.invalidate(templated, Map.of("t", "a"));
        a.getValue();
        assertThat(vault.calls).hasValue(4);
        view.invalidate(a);
        a.getValue();
        b.getValue();
        assertThat(vault.calls).hasValue(5);
        secrets.invalidateAll();
        b.getValue();
        assertThat(vault.calls).as("the runtime itself drops everything").hasValue(6);
      }
    }

    @Test
    void aViewsStatsCoverOnlyTheProvidersItMayAsk() {
      try (Secrets secrets = secrets(SecretsPolicy.allowAll())) {
        secret(secrets, "environment-variable", "variable", "X").getValue();
        vaultSecret(secrets, "tenants/a/db").getValue();
        Secrets view = secrets.withPolicy(tenantA);
        assertThat(view.stats().byProvider()).containsOnlyKeys("hashicorp-vault");
        assertThat(view.stats().provider("hashicorp-vault"))
            .isEqualTo(secrets.stats().provider("hashicorp-vault"));
        assertThat(secrets.withPolicy(SecretsPolicy.builder().allowOtherProviders().build())
            .stats()).isEqualTo(secrets.stats());
      }
    }
  }

  @Test
  void builderChecksItsArguments() {
    SecretsPolicy.Builder builder = SecretsPolicy.builder();
    assertThatThrownBy(() -> builder.allow("Bad Slug")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.allow("x", rule -> rule.prefix("p"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("at least one value is required");
    assertThatThrownBy(() -> builder.allow("x", rule -> rule.prefix(" ", "a"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.allow(null)).isInstanceOf(NullPointerException.class);
    assertThat(SecretsPolicy.allowAll().check("any", Map.of())).isEmpty();
    assertThat(SecretsPolicy.builder().build().check("any", Map.of())).isPresent();
  }
}
