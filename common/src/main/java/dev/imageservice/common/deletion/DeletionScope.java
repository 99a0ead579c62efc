package dev.imageservice.common.deletion;

/**
 * What a deletion removes: the whole job (original, every rendition, the rows; a tombstone stays)
 * or only the original (retention; the job and its thumbnails stay).
 */
public enum DeletionScope {
  JOB,
  ORIGINAL
}
