package io.github.secrets4j.examples;

import io.github.secrets4j.Secret;
import io.github.secrets4j.Secrets;
import java.io.PrintStream;

/**
 * An environment-variable secret whose variable name is a template with filters:
 * {@code GIT_TOKEN_{{ obj.slug | replace('-', '_') | upper }}} gives
 * {@code GIT_TOKEN_GOLDEN_CONFIG} for the repository {@code golden-config}.
 */
public final class EnvSecretTemplated {
  /** A Git repository record, as a host application might model it. */
  public record GitRepository(String name, String slug) {}

  private EnvSecretTemplated() {}

  /** Runs the example; the environment must define {@code GIT_TOKEN_GOLDEN_CONFIG}. */
  public static void run(Secrets secrets, PrintStream out) {
    Secret token = secrets.secret("Git Token")
        .provider("environment-variable")
        .parameter("variable", "GIT_TOKEN_{{ obj.slug | replace('-', '_') | upper }}")
        .build();
    GitRepository repository = new GitRepository("Golden Config", "golden-config");
    out.println("[env] " + token);
    out.println("[env] variable for golden-config: "
        + token.renderedParameters(repository).get("variable"));
    out.println("[env] value: " + Masked.mask(token.getValue(repository)));
  }

  /** Runs the example on the shared runtime. */
  public static void main(String[] args) {
    run(Secrets.defaults(), System.out);
  }
}
