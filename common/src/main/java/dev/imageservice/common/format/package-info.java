/**
 * Pure header scanners shared by the API's upload sniffer and the worker's renderer: they walk an
 * image's container structure (JPEG markers, PNG chunks, TIFF directories, GIF blocks) without
 * decoding or inflating anything, stop at a cap, and so cost no more than the cap whatever the file
 * holds. They depend on the JDK only.
 */
@NullMarked
package dev.imageservice.common.format;

import org.jspecify.annotations.NullMarked;
