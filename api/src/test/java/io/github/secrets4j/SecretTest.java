package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTest {
  record Site(String slug) {}

  record Device(String name, Site site) {}

  /** A JavaBean, as many host applications' models are. */
  public static final class BeanDevice {
    public String getName() {
      return "csr1";
    }

    public Site getSite() {
      return new Site("nyc");
    }
  }

  private final Secrets secrets = Secrets.builder().discoverProviders(false)
      .provider(new TestProviders.Scripted("echo", request -> String.join("|", request.parameters().values())))
      .build();

  private Secret echo(String template) {
    return secrets.secret("Echo").provider("echo").parameter("path", template).build();
  }

  @Test
  void slugIsDerivedLikeDjango() {
    assertThat(secrets.secret("NAPALM Secret").provider("echo").build().slug()).isEqualTo("napalm-secret");
    assertThat(secrets.secret("  Ünïcode -- Name_ ! ").provider("echo").build().slug()).isEqualTo("unicode-name");
    assertThat(secrets.secret("a   b--c").provider("echo").build().slug()).isEqualTo("a-b-c");
    assertThat(secrets.secret("X").slug("given_slug").provider("echo").build().slug()).isEqualTo("given_slug");
  }

  @Test
  void accessorsKeepTheDefinition() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("z", "1");
    parameters.put("a", "{{ obj.name }}");
    Secret secret = secrets.secret("S").description("about").provider("echo").parameters(parameters).build();
    assertThat(secret.name()).isEqualTo("S");
    assertThat(secret.description()).isEqualTo("about");
    assertThat(secret.provider()).isEqualTo("echo");
    assertThat(secret.parameters()).containsExactly(Map.entry("z", "1"), Map.entry("a", "{{ obj.name }}"));
    assertThatThrownBy(() -> secret.parameters().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(secret).hasToString("Secret{name=\"S\", slug=\"s\", provider=\"echo\"}");
    assertThat(secret).isEqualTo(secrets.secret("S").description("about").provider("echo").parameters(parameters).build());
  }

  @Test
  void equalSecretsBehaveAlikeSoSecretsOfOtherRuntimesAreNotEqual() {
    Secret here = secrets.secret("S").provider("echo").parameter("key", "k").build();
    assertThat(secrets.secret("S").provider("echo").parameter("key", "k").build())
        .isEqualTo(here).hasSameHashCodeAs(here);
    try (Secrets other = Secrets.builder().discoverProviders(false)
        .provider(new TestProviders.Scripted("echo", request -> "elsewhere")).build()) {
      Secret there = other.secret("S").provider("echo").parameter("key", "k").build();
      assertThat(there).as("same definition, another runtime: another value").isNotEqualTo(here);
      assertThat(there.getValue()).isNotEqualTo(here.getValue());
    }
    assertThat(Secret.builder("S").provider("echo").parameter("key", "k").build())
        .isEqualTo(Secret.builder("S").provider("echo").parameter("key", "k").build())
        .isNotEqualTo(here);
  }

  @Test
  void rendersMapsRecordsAndBeans() {
    Secret secret = echo("/opt/nautobot/device_passwords/{{ obj.site.slug }}/{{ obj.name }}.txt");
    String expected = "/opt/nautobot/device_passwords/nyc/csr1.txt";
    assertThat(secret.getValue(new Device("csr1", new Site("nyc")))).isEqualTo(expected);
    assertThat(secret.getValue(Map.of("name", "csr1", "site", Map.of("slug", "nyc")))).isEqualTo(expected);
    assertThat(secret.getValue(new BeanDevice())).isEqualTo(expected);
    assertThat(secret.renderedParameters(new BeanDevice())).containsExactly(Map.entry("path", expected));
  }

  @Test
  void untemplatedParametersAreReturnedAsWritten() {
    assertThat(echo("plain {not a template}").getValue()).isEqualTo("plain {not a template}");
  }

  @Test
  void undefinedValuesAreErrorsNotEmptyStrings() {
    Secret secret = echo("NAUTOBOT_TEST_{{ obj.name | upper }}");
    assertThatThrownBy(secret::getValue)
        .isInstanceOf(SecretParametersError.class)
        .hasMessage("Secret \"Echo\" (provider \"echo\"): The \"path\" parameter could not be "
            + "rendered: obj is undefined (no object was given)");
    assertThat(secret.getValue(new Device("csr1", null))).isEqualTo("NAUTOBOT_TEST_CSR1");
    assertThatThrownBy(() -> echo("{{ obj.site.slug }}").getValue(new Device("csr1", null)))
        .hasMessageEndingWith("obj.site is undefined");
    assertThatThrownBy(() -> echo("{{ obj.nope }}").getValue(new Device("csr1", null)))
        .hasMessageEndingWith("obj.nope is undefined");
    assertThatThrownBy(() -> echo("{{ other }}").getValue(Map.of()))
        .hasMessageEndingWith("other is undefined");
  }

  @Test
  void sandboxRefusalsAreParameterErrors() {
    for (String template : List.of("{{ obj.getClass() }}", "{{ obj.name.getClass() }}",
        "{{ obj.class.classLoader }}", "{% include 'META-INF/MANIFEST.MF' %}",
        "{% for i in range(100000) %}x{% endfor %}", "{{ obj }}")) {
      assertThatThrownBy(() -> echo(template).getValue(new BeanDevice()))
          .as(template)
          .isInstanceOf(SecretParametersError.class)
          .hasMessageContaining("The \"path\" parameter could not be rendered: ");
    }
  }

  @Test
  void valuesAreNotInterpretedAgain() {
    assertThat(echo("{{ obj.name }}").getValue(Map.of("name", "{{ 7 * 7 }}"))).isEqualTo("{{ 7 * 7 }}");
  }

  @Test
  void syntaxErrorsFailAtBuild() {
    assertThatThrownBy(() -> echo("{{ obj.name "))
        .isInstanceOf(SecretParametersError.class)
        .hasMessageStartingWith("Secret \"Echo\" (provider \"echo\"): The \"path\" parameter "
            + "could not be rendered: template syntax error");
  }

  @Test
  void builderChecksItsArguments() {
    assertThatThrownBy(() -> secrets.secret(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret name must not be blank");
    assertThatThrownBy(() -> secrets.secret(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> secrets.secret("X").build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a provider is required");
    assertThatThrownBy(() -> secrets.secret("X").slug("Not A Slug")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> secrets.secret("!!!").provider("echo").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no slug can be derived");
    assertThatThrownBy(() -> secrets.secret("X").parameter("p", null))
        .isInstanceOf(NullPointerException.class).hasMessage("value of parameter \"p\"");
    assertThatThrownBy(() -> secrets.secret("X").parameter(" ", "v")).isInstanceOf(IllegalArgumentException.class);
  }
}
