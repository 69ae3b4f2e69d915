package io.github.secrets4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one reference grammar: every form, its errors, and what each form binds to. */
class SecretReferenceTest {
  private final Secrets secrets = SecretDefinitionsTest.runtime()
      .provider(new TestProviders.Scripted("text-file", request -> "file:"
          + request.parameter("path")))
      .definitions(SecretDefinitionsTest.file("complete.yaml")).build();

  @AfterEach
  void close() {
    secrets.close();
  }

  private static SecretReference.Form form(String text) {
    return SecretReference.parse(text).form();
  }

  @Test
  void eachFormIsRecognised() {
    assertThat(form("secret:db/password")).isEqualTo(SecretReference.Form.DEFAULT_STORE);
    assertThat(form("env:HOME")).isEqualTo(SecretReference.Form.ENV);
    assertThat(form("file:/etc/app/token")).isEqualTo(SecretReference.Form.FILE);
    assertThat(form("group:napalm")).isEqualTo(SecretReference.Form.GROUP);
    assertThat(form("group/napalm:generic/password")).isEqualTo(SecretReference.Form.GROUP_SLOT);
    assertThat(form("db@hashicorp-vault")).isEqualTo(SecretReference.Form.STORE);
    assertThat(form("db@my_store")).isEqualTo(SecretReference.Form.STORE);
    assertThat(form("user@example.com@encrypted-file")).isEqualTo(SecretReference.Form.STORE);
    assertThat(form("Database Password")).isEqualTo(SecretReference.Form.DEFINED);
    // What follows the last @ is no slug: a defined name.
    assertThat(form("alice@Example")).isEqualTo(SecretReference.Form.DEFINED);
    assertThat(form("alice@-x")).isEqualTo(SecretReference.Form.DEFINED);
    assertThat(form("@encrypted-file")).isEqualTo(SecretReference.Form.DEFINED);
    // The prefixes come first: a key may hold an @.
    assertThat(form("secret:a@b")).isEqualTo(SecretReference.Form.DEFAULT_STORE);
  }

  @Test
  void theNameAndStoreOfEachForm() {
    SecretReference store = SecretReference.parse("user@example.com@encrypted-file");
    assertThat(store.name()).isEqualTo("user@example.com");
    assertThat(store.store()).contains("encrypted-file");
    assertThat(SecretReference.parse("secret:db").name()).isEqualTo("db");
    assertThat(SecretReference.parse("secret:db").store()).isEmpty();
    assertThat(SecretReference.parse("file:/a/b").name()).isEqualTo("/a/b");
    assertThat(SecretReference.parse("group/napalm:generic/password").name()).isEqualTo("napalm");
    assertThat(SecretReference.parse("group:napalm").name()).isEqualTo("napalm");
  }

  @Test
  void anythingElseIsAClearErrorThatNamesTheGrammar() {
    String grammar = SecretReference.GRAMMAR;
    assertThatThrownBy(() -> SecretReference.parse(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid reference \" \": it is blank; " + grammar);
    assertThatThrownBy(() -> SecretReference.parse("secret:"))
        .hasMessage("Invalid reference \"secret:\": KEY is missing; " + grammar);
    assertThatThrownBy(() -> SecretReference.parse("group:"))
        .hasMessage("Invalid reference \"group:\": NAME is missing; " + grammar);
    assertThatThrownBy(() -> SecretReference.parse("file:etc/x"))
        .hasMessage("Invalid reference \"file:etc/x\": the path of file: must be absolute; "
            + grammar);
    for (String slot : List.of("group/napalm", "group/:generic/password", "group/napalm:generic",
        "group/napalm:/password", "group/napalm:generic/")) {
      assertThatThrownBy(() -> SecretReference.parse(slot))
          .hasMessage("Invalid reference \"" + slot + "\": a group's slot is "
              + "group/NAME:ACCESS/TYPE, such as group/napalm:generic/password; " + grammar);
    }
    assertThatThrownBy(() -> SecretReference.parse("env:{{ 7*7 }}"))
        .hasMessage("Invalid reference \"env:{{ 7*7 }}\": it must not hold a template ({{, {% "
            + "or {#); " + grammar);
    assertThatThrownBy(() -> SecretReference.parse("a{% x %}@vault"))
        .hasMessageContaining("it must not hold a template");
    assertThatThrownBy(() -> SecretReference.parse("env:\u001b[2J"))
        .hasMessage("Invalid reference \"env:\\u001b[2J\": it holds a control character; "
            + grammar);
    assertThatThrownBy(() -> SecretReference.parse(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void eachFormBindsToItsSecret() {
    secrets.store().put("napalm-password", "pw");
    assertThat(SecretReference.parse("secret:napalm-password").secret(secrets).getValue())
        .isEqualTo("pw");
    assertThat(SecretReference.parse("napalm-password@encrypted-file").secret(secrets)
        .getValue()).isEqualTo("pw");
    Secret env = SecretReference.parse("env:NAPALM_USERNAME").secret(secrets);
    assertThat(env.name()).isEqualTo("env:NAPALM_USERNAME");
    assertThat(env.slug()).isEqualTo("env");
    assertThat(env.getValue()).isEqualTo("env:NAPALM_USERNAME");
    Secret file = SecretReference.parse("file:/run/token").secret(secrets);
    assertThat(file.provider()).isEqualTo("text-file");
    assertThat(file.getValue()).isEqualTo("file:/run/token");
    assertThat(SecretReference.parse("napalm-user").secret(secrets).getValue())
        .isEqualTo("env:NAPALM_USERNAME");
    assertThat(SecretReference.parse("group/napalm:generic/password").secret(secrets).getValue())
        .isEqualTo("pw");
    assertThat(SecretReference.parse("group/napalm:Generic/username").secret(secrets).getValue())
        .isEqualTo("env:NAPALM_USERNAME");
    assertThat(SecretReference.parse("group:napalm").group(secrets).slug()).isEqualTo("napalm");
  }

  @Test
  void bindingSaysWhatIsMissing() {
    assertThatThrownBy(() -> SecretReference.parse("napalm-pasword").secret(secrets))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No secret named \"napalm-pasword\" is defined")
        .hasMessageContaining("napalm-password");
    assertThatThrownBy(() -> SecretReference.parse("group/napalm:ssh/password").secret(secrets))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Group \"napalm\" has no secret for access type \"SSH\" and secret type "
            + "\"password\"");
    assertThatThrownBy(() -> SecretReference.parse("group/napalmm:generic/password")
        .secret(secrets)).hasMessage("No group named \"napalmm\" is defined (closest defined: "
            + "\"napalm\")");
    assertThatThrownBy(() -> SecretReference.parse("group:napalm").secret(secrets))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"group:napalm\" names a whole group where one secret is expected; name "
            + "one of its slots as group/NAME:ACCESS/TYPE");
    assertThatThrownBy(() -> SecretReference.parse("secret:db").group(secrets))
        .hasMessage("\"secret:db\" names no group; a group is group:NAME");
    assertThatThrownBy(() -> SecretReference.parse("x@no-such-store").secret(secrets))
        .isInstanceOf(SecretProviderError.class);
  }

  @Test
  void aReferenceIsAValuePrintedEscaped() {
    assertThat(SecretReference.parse("secret:db")).isEqualTo(SecretReference.parse("secret:db"))
        .hasSameHashCodeAs(SecretReference.parse("secret:db"))
        .isNotEqualTo(SecretReference.parse("secret:dc"));
    assertThat(SecretReference.parse("secret:a\u202eb")).hasToString("secret:a\\u202eb");
    assertThat(SecretReference.parse("x".repeat(300)).toString()).hasSize(203);
  }
}
