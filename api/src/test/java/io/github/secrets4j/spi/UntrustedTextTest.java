package io.github.secrets4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The public escape of untrusted text, for providers and framework adapters. */
class UntrustedTextTest {
  @Test
  void controlAndFormatCharactersAreEscapedAndTheTextBounded() {
    assertThat(UntrustedText.escape("a\nb\u0000c\u202ed\u2028e\u001b[2J"))
        .isEqualTo("a\\u000ab\\0c\\u202ed\\u2028e\\u001b[2J");
    assertThat(UntrustedText.escape("x".repeat(250))).isEqualTo("x".repeat(200) + "...");
    assertThat(UntrustedText.escape("abcdef", 3)).isEqualTo("abc...");
    assertThat(UntrustedText.escape(null)).isEqualTo("null");
    assertThatThrownBy(() -> UntrustedText.escape("a", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxCodePoints must be positive: 0");
  }
}
