package dev.imageservice.api.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imageservice.common.job.FailureCode;
import dev.imageservice.common.job.JobError;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class FailureMessagesTest {

  @Test
  void everyFailureCodeHasItsOwnSentenceAndTheWorkersTextIsDropped() throws Exception {
    for (Field field : FailureCode.class.getFields()) {
      if (!Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      String code = (String) field.get(null);
      JobError shown =
          FailureMessages.publicView(new JobError(code, "java.io.EOFException at Foo.java:12"));

      assertThat(shown.code()).isEqualTo(code);
      assertThat(shown.message())
          .as(code)
          .isNotEqualTo("The image could not be processed")
          .doesNotContain("Exception");
    }
  }

  @Test
  void anUnknownCodeGetsTheGenericSentence() {
    assertThat(FailureMessages.publicView(new JobError("new_code", "internal text")).message())
        .isEqualTo("The image could not be processed");
  }
}
