package io.github.secrets4j.spring;

import io.github.secrets4j.spring.SecretsConfigDataLocationResolver.Promotion;
import org.springframework.boot.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closes the runtime a {@code secrets4j:} import built when start-up fails before the application
 * context took it as its bean: a failure while the environment is prepared (a secret that is not
 * found, say) never closes the bootstrap context, so no context would ever close the runtime. Once
 * the runtime is the context's bean, the context closes it, on failure too.
 *
 * <p>One per {@code SpringApplication.run}, made by Spring Boot from
 * {@code META-INF/spring.factories}.
 */
final class SecretsRunListener implements SpringApplicationRunListener {
  private ConfigurableBootstrapContext bootstrap;

  SecretsRunListener() {
    // The bootstrap context comes with starting().
  }

  @Override
  public void starting(ConfigurableBootstrapContext bootstrapContext) {
    this.bootstrap = bootstrapContext;
  }

  @Override
  public void failed(ConfigurableApplicationContext context, Throwable exception) {
    if (bootstrap != null && bootstrap.isRegistered(Promotion.class)) {
      bootstrap.get(Promotion.class).closeUnlessPromoted();
    }
  }
}
