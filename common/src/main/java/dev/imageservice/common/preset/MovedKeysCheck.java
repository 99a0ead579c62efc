package dev.imageservice.common.preset;

import java.util.List;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

/**
 * Refuses to start when a key that moved to the shared definition is still set: the API's {@code
 * upload.presets} and the worker's {@code render.presets}, {@code render.max-bytes} and {@code
 * render.max-pixels} would otherwise be ignored without a word, and the services would run with
 * settings the operator did not mean.
 */
public final class MovedKeysCheck {

  private static final List<String[]> MOVED =
      List.of(
          new String[] {"image-service.upload.presets", "image-service.presets"},
          new String[] {"image-service.render.presets", "image-service.presets"},
          new String[] {"image-service.render.max-bytes", "image-service.limits.max-bytes"},
          new String[] {"image-service.render.max-pixels", "image-service.limits.max-pixels"});

  public MovedKeysCheck(Environment environment) {
    for (String[] moved : MOVED) {
      if (isSet(environment, ConfigurationPropertyName.of(moved[0]))) {
        throw new IllegalStateException(
            moved[0]
                + " is no longer read: set "
                + moved[1]
                + ", the one definition both the API and the worker read");
      }
    }
  }

  private static boolean isSet(Environment environment, ConfigurationPropertyName name) {
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (source.getConfigurationProperty(name) != null
          || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
        return true;
      }
    }
    return false;
  }
}
