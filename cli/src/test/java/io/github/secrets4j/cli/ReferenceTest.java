package io.github.secrets4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferenceTest {
  @Test
  void eachFormIsRecognised() {
    assertThat(Reference.parse("secret:db/password").form())
        .isEqualTo(Reference.Form.DEFAULT_STORE);
    assertThat(Reference.parse("env:HOME").form()).isEqualTo(Reference.Form.ENV);
    assertThat(Reference.parse("file:/etc/app/token").form()).isEqualTo(Reference.Form.FILE);
    assertThat(Reference.parse("db@hashicorp-vault").form()).isEqualTo(Reference.Form.STORE);
    assertThat(Reference.parse("user@example.com@encrypted-file").form())
        .isEqualTo(Reference.Form.STORE);
    assertThat(Reference.parse("Database Password").form()).isEqualTo(Reference.Form.DEFINED);
    // What follows the last @ is no slug: a defined name.
    assertThat(Reference.parse("alice@Example").form()).isEqualTo(Reference.Form.DEFINED);
    // The prefixes come first: a key may hold an @.
    assertThat(Reference.parse("secret:a@b").form()).isEqualTo(Reference.Form.DEFAULT_STORE);
  }

  @Test
  void anythingElseIsAClearError() {
    assertThatThrownBy(() -> Reference.parse(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid reference \" \": it is blank; " + Reference.GRAMMAR);
    assertThatThrownBy(() -> Reference.parse("secret:"))
        .hasMessage("Invalid reference \"secret:\": KEY is missing; " + Reference.GRAMMAR);
    assertThatThrownBy(() -> Reference.parse("file:etc/x"))
        .hasMessage("Invalid reference \"file:etc/x\": the path of file: must be absolute; "
            + Reference.GRAMMAR);
    assertThatThrownBy(() -> Reference.parse("env:{{ 7*7 }}"))
        .hasMessage("Invalid reference \"env:{{ 7*7 }}\": it must not hold a template ({{, {% "
            + "or {#); " + Reference.GRAMMAR);
    assertThatThrownBy(() -> Reference.parse("env:\u001b[2J"))
        .hasMessage("Invalid reference \"env:\\u001b[2J\": it holds a control character; "
            + Reference.GRAMMAR);
  }
}
