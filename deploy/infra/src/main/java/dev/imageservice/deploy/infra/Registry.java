package dev.imageservice.deploy.infra;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The ECR registry of the pipeline diagram, one stack ({@code ImageService-registry}) in the
 * account the pipeline pushes to: one repository per image, immutable tags (a digest once pushed is
 * what every environment deploys), scan on push, and pull access for every environment's account
 * (read from the environment files). Deployed before the environment stacks.
 */
public final class Registry extends Stack {

  /** The images the pipeline builds and the chart pulls (values api.image, worker.image). */
  public static final List<String> REPOSITORIES = List.of("image-service", "image-service-worker");

  Registry(Construct scope, String id, List<String> pullAccounts, StackProps props) {
    super(scope, id, props);
    for (String name : REPOSITORIES) {
      String construct = name.replace("-", "");
      Repository repository =
          Repository.Builder.create(this, construct)
              .repositoryName(name)
              .imageScanOnPush(true)
              .imageTagMutability(TagMutability.IMMUTABLE)
              .lifecycleRules(
                  List.of(
                      LifecycleRule.builder()
                          .description("untagged layers of replaced builds")
                          .tagStatus(software.amazon.awscdk.services.ecr.TagStatus.UNTAGGED)
                          .maxImageAge(Duration.days(14))
                          .build()))
              .removalPolicy(RemovalPolicy.RETAIN)
              .build();
      for (String account : pullAccounts) {
        repository.addToResourcePolicy(
            PolicyStatement.Builder.create()
                .sid("PullFrom" + account)
                .principals(List.of(new AccountPrincipal(account)))
                .actions(
                    List.of(
                        "ecr:BatchGetImage",
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchCheckLayerAvailability"))
                .build());
      }
      CfnOutput.Builder.create(this, construct + "Uri")
          .value(repository.getRepositoryUri())
          .exportName("image-service-registry-" + construct)
          .build();
    }
  }
}
