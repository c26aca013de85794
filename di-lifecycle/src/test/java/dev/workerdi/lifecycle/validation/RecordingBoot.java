package dev.workerdi.lifecycle.validation;

import com.google.inject.Module;
import dev.workerdi.lifecycle.junit.PreStartBoot;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link PreStartBoot} listed in the test resources: records which modules the extension booted.
 */
public final class RecordingBoot implements PreStartBoot {
  static final List<List<Class<?>>> BOOTED = new CopyOnWriteArrayList<>();

  /** Created by the ServiceLoader. */
  public RecordingBoot() {}

  @Override
  public void boot(List<Module> modules) {
    BOOTED.add(modules.stream().<Class<?>>map(Object::getClass).toList());
  }
}
