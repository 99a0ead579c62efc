package dev.imageservice.worker.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Builds pictures whose subject is off centre, with the subject's box written down: a crop of a
 * corpus photo (the subject) pasted on a flat colour or on a heavily blurred corpus photo, at a
 * position whose centre lies at least 15 % of the free axis away from the picture's centre. Half
 * are landscape (the square crop slides horizontally), half portrait (vertically). Seeded, so every
 * run builds the same set.
 *
 * <p>{@code main(outputDir)} writes the pictures as PNG and {@code boxes.csv} (file, width, height,
 * subject x, y, width, height) for a look by eye.
 */
final class OffCentreSubjects {

  /** One picture and where its subject is. */
  record Case(String name, BufferedImage image, Rectangle subject) {}

  private static final String[] SUBJECTS = {
    "S10_nikon_d2h.jpg", "S11_tower_oneplus.jpg", "S14_rocket_adobergb.jpg",
    "S19_wizard_progressive.jpg", "S26_astronaut_rgb.png", "S21_yellow_rose_rgba.png",
    "S23_bench_rgb_interlaced.png", "S28_moonlight_glow_palette.png", "S27_color_lcd_icc.png",
    "S40_tux_lossless.webp"
  };
  private static final String[] BACKGROUNDS = {
    "S12_tower_progressive.jpg", "S29_exiftool_overview_palette.png", "S41_bpp_large_lossless.webp"
  };

  private OffCentreSubjects() {}

  static List<Case> build(Path corpus, int count) {
    Random random = new Random(15);
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean landscape = i % 2 == 0;
      int width = landscape ? 900 : 560;
      int height = landscape ? 560 : 900;
      BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = canvas.createGraphics();
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      if (i % 4 < 2) {
        g.setColor(
            new Color(
                90 + random.nextInt(120), 90 + random.nextInt(120), 90 + random.nextInt(120)));
        g.fillRect(0, 0, width, height);
      } else {
        BufferedImage background = read(corpus, BACKGROUNDS[random.nextInt(BACKGROUNDS.length)]);
        // Blurred by shrinking to a few dozen pixels and stretching back: no edges survive.
        g.drawImage(
            scaled(background, 24, 24 * background.getHeight() / background.getWidth()),
            0,
            0,
            width,
            height,
            null);
      }
      BufferedImage source = read(corpus, SUBJECTS[i % SUBJECTS.length]);
      int side = 160 + random.nextInt(100);
      int subjectWidth = Math.min(side, source.getWidth());
      int subjectHeight = Math.min(side, source.getHeight());
      int sx = random.nextInt(source.getWidth() - subjectWidth + 1);
      int sy = random.nextInt(source.getHeight() - subjectHeight + 1);
      Rectangle box = place(random, landscape, width, height, subjectWidth, subjectHeight);
      g.drawImage(source.getSubimage(sx, sy, subjectWidth, subjectHeight), box.x, box.y, null);
      g.dispose();
      cases.add(new Case(String.format("subject-%02d.png", i), canvas, box));
    }
    return cases;
  }

  // Along the free axis: anywhere whose centre is at least 15 % of that axis off the centre.
  private static Rectangle place(
      Random random, boolean landscape, int width, int height, int w, int h) {
    int free = landscape ? width : height;
    int length = landscape ? w : h;
    int along;
    do {
      along = random.nextInt(free - length + 1);
    } while (Math.abs(along + length / 2.0 - free / 2.0) < 0.15 * free);
    int across = random.nextInt((landscape ? height - h : width - w) + 1);
    return landscape ? new Rectangle(along, across, w, h) : new Rectangle(across, along, w, h);
  }

  private static BufferedImage scaled(BufferedImage image, int width, int height) {
    BufferedImage small = new BufferedImage(width, Math.max(1, height), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, width, Math.max(1, height), null);
    g.dispose();
    return small;
  }

  private static BufferedImage read(Path corpus, String name) {
    try {
      BufferedImage image = ImageIO.read(corpus.resolve(name).toFile());
      if (image == null) {
        throw new IllegalStateException("no reader for " + name);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the set and its boxes: {@code main <outputDir>}. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/off-centre-subjects");
    Files.createDirectories(out);
    StringBuilder csv =
        new StringBuilder("file,width,height,subject_x,subject_y,subject_w,subject_h\n");
    for (Case c : build(TestCorpus.committed(), 20)) {
      ImageIO.write(c.image(), "png", out.resolve(c.name()).toFile());
      Rectangle s = c.subject();
      csv.append(
              String.join(
                  ",",
                  c.name(),
                  "" + c.image().getWidth(),
                  "" + c.image().getHeight(),
                  "" + s.x,
                  "" + s.y,
                  "" + s.width,
                  "" + s.height))
          .append('\n');
    }
    Files.writeString(out.resolve("boxes.csv"), csv);
  }
}
