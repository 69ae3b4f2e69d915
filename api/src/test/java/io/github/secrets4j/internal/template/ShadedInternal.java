package io.github.secrets4j.internal.template;

/** Stands for one of secrets4j's internal classes, shaded into an application's jar. */
public final class ShadedInternal {
  /**
   * Returns what a template must never see.
   *
   * @return a value
   */
  public String getValue() {
    return "hunter2";
  }
}
