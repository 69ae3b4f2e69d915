/** Runnable secrets4j examples. */
module io.github.secrets4j.examples {
  requires transitive io.github.secrets4j;

  exports io.github.secrets4j.examples;
}
