package dev.imageservice.common.format;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the primary item ({@code pitm}) in a HEIF {@code meta} box body and reads its {@code ispe},
 * {@code irot} and {@code imir} properties through {@code ipma} associations into {@code ipco}.
 * Every read is bounds-checked by the buffer; counts are capped.
 */
final class HeifMetaReader {

  private static final int MAX_PROPERTIES = 4096;
  private static final int MAX_ASSOCIATIONS = 65536;

  private HeifMetaReader() {}

  static HeifImageInfo primaryImage(ByteBuffer meta) {
    meta.position(4); // FullBox version and flags
    long primary = -1;
    ByteBuffer iprp = null;
    while (meta.remaining() >= 8) {
      ByteBuffer box = nextBox(meta);
      String type = type(box);
      if (type.equals("pitm")) {
        int version = box.get() & 0xff;
        box.position(box.position() + 3);
        primary = version == 0 ? box.getShort() & 0xffff : box.getInt() & 0xffffffffL;
      } else if (type.equals("iprp")) {
        iprp = box;
      }
    }
    if (primary < 0 || iprp == null) {
      throw HeifBoxes.corrupt("the HEIF file names no primary image or has no properties");
    }
    return properties(iprp, primary);
  }

  private static HeifImageInfo properties(ByteBuffer iprp, long item) {
    List<ByteBuffer> ipco = new ArrayList<>();
    List<Integer> associated = new ArrayList<>();
    while (iprp.remaining() >= 8) {
      ByteBuffer box = nextBox(iprp);
      String type = type(box);
      if (type.equals("ipco")) {
        while (box.remaining() >= 8 && ipco.size() < MAX_PROPERTIES) {
          ipco.add(nextBox(box));
        }
      } else if (type.equals("ipma")) {
        associated.addAll(associations(box, item));
      }
    }
    long width = -1;
    long height = -1;
    int rotation = 0;
    boolean mirrored = false;
    for (int index : associated) {
      if (index < 1 || index > ipco.size()) {
        continue; // 0 means "no property"; others out of range are ignored, as libheif does
      }
      ByteBuffer property = ipco.get(index - 1).duplicate();
      switch (type(property)) {
        case "ispe" -> {
          property.position(property.position() + 4);
          width = property.getInt() & 0xffffffffL;
          height = property.getInt() & 0xffffffffL;
        }
        case "irot" -> rotation = property.get() & 3;
        case "imir" -> mirrored = true;
        default -> {
          // colour, codec configuration and others are libheif's business
        }
      }
    }
    if (width <= 0 || height <= 0) {
      throw HeifBoxes.corrupt("the HEIF primary image has no size (ispe)");
    }
    return new HeifImageInfo(width, height, rotation, mirrored);
  }

  private static List<Integer> associations(ByteBuffer ipma, long item) {
    int version = ipma.get() & 0xff;
    int flags = (ipma.get() & 0xff) << 16 | (ipma.getShort() & 0xffff);
    long entries = ipma.getInt() & 0xffffffffL;
    List<Integer> indices = new ArrayList<>();
    for (long e = 0; e < Math.min(entries, MAX_ASSOCIATIONS); e++) {
      long id = version < 1 ? ipma.getShort() & 0xffff : ipma.getInt() & 0xffffffffL;
      int count = ipma.get() & 0xff;
      for (int a = 0; a < count; a++) {
        int index = (flags & 1) != 0 ? ipma.getShort() & 0x7fff : ipma.get() & 0x7f;
        if (id == item) {
          indices.add(index);
        }
      }
    }
    return indices;
  }

  /**
   * The next child box of {@code parent}: a buffer positioned after its 8-byte header whose first
   * four bytes (absolute 0..3 of the slice's header) hold its type, bounded by its size.
   */
  private static ByteBuffer nextBox(ByteBuffer parent) {
    int start = parent.position();
    long size = parent.getInt() & 0xffffffffL;
    parent.getInt(); // type, read again from the slice
    int header = 8;
    if (size == 1) {
      size = parent.getLong();
      header = 16;
    } else if (size == 0) {
      size = parent.limit() - (long) start;
    }
    if (size < header || size > parent.limit() - (long) start) {
      throw HeifBoxes.corrupt("a HEIF box runs past its parent");
    }
    ByteBuffer box = parent.slice(start, (int) size);
    parent.position(start + (int) size);
    box.position(header);
    return box;
  }

  private static String type(ByteBuffer box) {
    byte[] b = new byte[4];
    box.get(4, b);
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
