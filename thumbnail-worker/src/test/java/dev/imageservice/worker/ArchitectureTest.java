package dev.imageservice.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package rules of the worker, checked on its compiled production classes. The renderer stays
 * usable without the service around it (the command-line {@code render} and the benchmark run it
 * alone), so it must not reach into messaging, jobs or storage; and no two packages may depend on
 * each other, so that each can be read on its own.
 *
 * <p>Not covered yet: {@code common}'s packages have real cycles today, so a rule for them would
 * fail: {@code config} (the shared bean wiring) and {@code outbox}/{@code resilience}/{@code job}
 * depend on each other ({@code EventPublishingProperties.relaySettings()} builds {@code
 * OutboxRelay.Settings}, while {@code resilience} reads {@code config} and {@code outbox} uses
 * {@code resilience}), and {@code event} and {@code job} do ({@code ThumbnailsFailed} carries
 * {@code job.JobError}, {@code ImageUploaded.announcing} takes {@code Job.Original}, and {@code
 * JobLifecycle} writes events). The api-gateway has no such test either.
 */
@AnalyzeClasses(
    packages = "dev.imageservice.worker",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule RENDER_KNOWS_NO_SERVICE_PLUMBING =
      noClasses()
          .that()
          .resideInAPackage("..worker.render..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("..worker.messaging..", "..worker.job..", "..worker.storage..");

  /** Each package below {@code worker} (sub-packages included in their parent) is one slice. */
  @ArchTest
  static final ArchRule WORKER_PACKAGES_ARE_ACYCLIC =
      slices().matching("dev.imageservice.worker.(*)..").should().beFreeOfCycles();

  /**
   * Finer: every package its own slice, so that within the renderer pixel maths, header parsing and
   * codecs never call back into the pipeline that uses them.
   */
  @ArchTest
  static final ArchRule EVERY_WORKER_PACKAGE_IS_ACYCLIC =
      slices().matching("dev.imageservice.worker.(**)").should().beFreeOfCycles();
}
