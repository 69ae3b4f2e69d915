package com.example.secrets;

import io.github.secrets4j.spi.ParameterSpec;
import io.github.secrets4j.spi.SecretRequest;
import io.github.secrets4j.spi.SecretsProvider;
import java.util.List;

/**
 * A third-party provider: reads a secret from a Java system property (slug {@code system-property},
 * parameter {@code property}). Everything a plugin needs is this class, a factory and one line in
 * {@code META-INF/services}.
 */
public final class SystemPropertyProvider implements SecretsProvider {
  private static final List<ParameterSpec> PARAMETERS =
      List.of(ParameterSpec.required("property", "The name of the system property"));

  @Override
  public String slug() {
    return "system-property";
  }

  @Override
  public String name() {
    return "System Property";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return PARAMETERS;
  }

  @Override
  public String getValue(SecretRequest request) {
    String property = request.parameter("property");
    String value = System.getProperty(property);
    if (value == null) {
      throw request.notFound("Undefined system property \"" + property + "\"!");
    }
    return value;
  }
}
