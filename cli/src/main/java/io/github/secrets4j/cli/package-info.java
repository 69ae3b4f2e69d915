/**
 * The {@code secrets4j} command line; {@link io.github.secrets4j.cli.Main} is its entry point and
 * the only public type. Everything else is package-private: the commands (one class each, on
 * picocli), the reference grammar, the console that escapes what it prints.
 */
package io.github.secrets4j.cli;
