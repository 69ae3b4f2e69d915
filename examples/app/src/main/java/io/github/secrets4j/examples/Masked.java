package io.github.secrets4j.examples;

/** How the examples show a value: never the value itself, as an application should log it. */
final class Masked {
  private Masked() {}

  static String mask(String value) {
    return "****** (" + value.length() + " characters)";
  }
}
