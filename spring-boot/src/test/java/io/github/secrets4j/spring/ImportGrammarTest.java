package io.github.secrets4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import io.github.secrets4j.testkit.InMemorySecretsProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grammar of {@code secrets4j:} imports, and what the property source prints. */
class ImportGrammarTest {
  @Test
  void entriesAreSeparatedBySemicolonsAndBlankOnesIgnored() {
    Map<String, Reference> references = SecretsConfigDataLocationResolver.parse(
        " db.password = secret:db-password ;;db.username=db-user@encrypted-file;");
    assertThat(references).containsOnlyKeys("db.password", "db.username");
    assertThat(references.get("db.password")).hasToString("secret:db-password");
    assertThat(SecretsConfigDataLocationResolver.parse("")).isEmpty();
  }

  @Test
  void aPropertyNamedTwiceIsRefused() {
    assertThatThrownBy(() -> SecretsConfigDataLocationResolver.parse("a=env:X;a=env:Y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Property \"a\" is named twice in a secrets4j: import");
  }

  @Test
  void anInvalidPropertyNameIsRefused() {
    assertThatThrownBy(() -> SecretsConfigDataLocationResolver.parse("a b=env:X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid property name \"a b\" in a secrets4j: import");
  }

  @Test
  void referencesAreCheckedForForm() {
    assertThatThrownBy(() -> Reference.parse("env:{{ obj.x }}"))
        .hasMessageStartingWith("Invalid reference \"env:{{ obj.x }}\": it must not hold a "
            + "template");
    assertThatThrownBy(() -> Reference.parse("secret:"))
        .hasMessageStartingWith("Invalid reference \"secret:\": KEY is missing");
    assertThatThrownBy(() -> Reference.parse("group:"))
        .hasMessageStartingWith("Invalid reference \"group:\": NAME is missing");
    assertThatThrownBy(() -> Reference.parse("a\u0007b"))
        .hasMessage("Invalid reference \"a\\u0007b\": it holds a control character; "
            + Reference.GRAMMAR);
  }

  @Test
  void aKeyInANamedStoreReadsThatStore() {
    try (Secrets secrets = Secrets.builder().provider(InMemorySecretsProvider.create()).build()) {
      secrets.store("in-memory").put("db/password", "canary-value");
      Map<String, Secret> properties =
          Reference.parse("db/password@in-memory").properties("db.password", secrets);
      SecretsPropertySource source = new SecretsPropertySource("secrets4j:test", secrets,
          properties);
      assertThat(source.getProperty("db.password")).isEqualTo("canary-value");
      assertThat(source.getProperty("other")).isNull();
      assertThat(source.getPropertyNames()).containsExactly("db.password");
      assertThat(source.toString()).doesNotContain("canary-value");
    }
  }
}
