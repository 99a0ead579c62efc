package dev.imageservice.common.preset;

/** The encodings a preset may ask for; none (automatic) picks JPEG or, with transparency, PNG. */
public enum PresetFormat {
  JPEG,
  PNG
}
