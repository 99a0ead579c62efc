package dev.imageservice.deploy.helm;

import static dev.imageservice.deploy.helm.PodSpecs.container;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;

/**
 * Deploy what was tested: with the pipeline's digests set, the pods pull the images by digest (the
 * tars the integration tests ran and the scan passed), not by a tag that could be moved.
 */
class ImageDigestTest {

  private static final String API = "sha256:" + "a1".repeat(32);
  private static final String WORKER = "sha256:" + "b2".repeat(32);

  @Test
  void podsPullTheTestedImagesByDigest() {
    RenderedChart chart =
        RenderedChart.parsed(
            "digests",
            new Helm(RenderedChart.chartDir())
                .template()
                .withName("image-service")
                .withNamespace(RenderedChart.NAMESPACE)
                .withKubeVersion("1.33.0")
                .withValuesFile(RenderedChart.chartDir().resolve("values-prod.yaml"))
                .set("ingress.originVerify.value", RenderedChart.ORIGIN_VERIFY_VALUE)
                .set("image.digests.image-service", API)
                .set("image.digests.image-service-worker", WORKER)
                .call());
    assertThat(
            container(
                    chart.get("Deployment", "image-service-deployment"),
                    "containers",
                    "api-gateway")
                .get("image")
                .getAsString())
        .endsWith("/image-service@" + API);
    assertThat(
            container(
                    chart.get("Deployment", "thumbnail-worker-deployment"),
                    "containers",
                    "thumbnail-worker")
                .get("image")
                .getAsString())
        .endsWith("/image-service-worker@" + WORKER);
  }
}
