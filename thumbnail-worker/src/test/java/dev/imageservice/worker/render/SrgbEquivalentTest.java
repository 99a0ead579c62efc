package dev.imageservice.worker.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SrgbEquivalentTest {

  @Test
  void anSrgbProfileThatIsNotTheJdksOwnIsNotApplied() {
    ICC_Profile variant = srgbUnderAnotherName();
    assertThat(ColorSpaces.isCS_sRGB(variant)).as("not recognised by its header").isFalse();
    assertThat(SrgbEquivalent.test(variant)).isTrue();
    assertThat(profileKept(variant)).isFalse();
  }

  @Test
  void aProfileThatChangesColoursIsStillApplied() {
    ICC_Profile linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB);
    assertThat(SrgbEquivalent.test(linear)).isFalse();
    assertThat(profileKept(linear)).isTrue();
  }

  @Test
  void theAnswerIsKeptPerProfile() {
    ICC_Profile variant = srgbUnderAnotherName();
    assertThat(SrgbEquivalent.test(variant)).isTrue();
    assertThat(SrgbEquivalent.test(ICC_Profile.getInstance(variant.getData()))).isTrue();
    assertThat(SrgbEquivalent.test(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB))).isFalse();
  }

  // The JDK's sRGB profile with another device manufacturer and no profile ID: the same colours,
  // as the sRGB profiles of cameras are, but a header TwelveMonkeys does not take for sRGB.
  private static ICC_Profile srgbUnderAnotherName() {
    byte[] data = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    data[48] = 'T';
    data[49] = 'E';
    data[50] = 'S';
    data[51] = 'T';
    Arrays.fill(data, 84, 100, (byte) 0);
    return ICC_Profile.getInstance(data);
  }

  private static boolean profileKept(ICC_Profile profile) {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    RenderState state =
        RenderState.start(Path.of("test"), List.of())
            .withDecoded(new Decoded(image, profile, false));
    return new ConvertToSrgb().apply(state).requireDecoded().profile() != null;
  }
}
